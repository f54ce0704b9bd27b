import ArgumentParser
import Foundation
import NHIPack

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write an Ed25519 key pair for signing packs.",
        discussion: "Writes PREFIX.key (private, mode 0600) and PREFIX.pub. Existing files are never replaced."
    )

    @Option(name: .long, help: "Path prefix of the key files (PREFIX.key and PREFIX.pub).")
    var out: String

    func run() throws {
        do {
            let written = try PackKeys.writeKeyPair(prefix: out)
            print("private key: \(written.privateKey.path) (keep it secret; sign with pack --sign-key)")
            print("public key:  \(written.publicKey.path) (give it to auditors; verify with --public-key)")
        } catch let error as PackError {
            FileHandle.standardError.write(Data("nhi-audit keygen: \(TerminalText.line(error.description))\n".utf8))
            throw ExitCode(2)
        }
    }
}

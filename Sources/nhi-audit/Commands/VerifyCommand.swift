import ArgumentParser
import Foundation
import NHIPack

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a pack against its manifest and signature.",
        discussion: """
        Re-hashes every file of PACK against manifest.json, reports missing and extra files, checks \
        manifest.sig with --public-key, with --previous checks that the pack chains to that earlier pack, \
        and with --evidence re-hashes the input files the pack was built from.
        Exit codes: 0 intact, 1 problems found (each named), 2 bad usage or unreadable key.
        """
    )

    @Argument(help: "The pack folder.")
    var pack: String

    @Option(name: .long, help: "Public key file (from keygen) to check manifest.sig with.")
    var publicKey: String?

    @Option(name: .long, help: "The previous pack this one should chain to.")
    var previous: String?

    @Option(name: .long, help: "The evidence folder the pack was built from: re-hash its input files too.")
    var evidence: String?

    func run() throws {
        let packURL = URL(fileURLWithPath: pack)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: packURL.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw usage("\(pack): no such pack folder")
        }
        if let previous, !FileManager.default.fileExists(atPath: previous) {
            throw usage("\(previous): no such previous pack")
        }
        if let evidence, !FileManager.default.fileExists(atPath: evidence) {
            throw usage("\(evidence): no such evidence folder")
        }
        let problems: [VerificationProblem]
        do {
            problems = try Verifier.verify(pack: packURL, publicKeyFile: publicKey.map { URL(fileURLWithPath: $0) },
                                           previous: previous.map { URL(fileURLWithPath: $0) },
                                           evidence: evidence.map { URL(fileURLWithPath: $0) })
        } catch {
            throw usage(ErrorText.message(for: error))
        }
        if problems.isEmpty {
            let signed = FileManager.default.fileExists(atPath: packURL.appendingPathComponent(PackLayout.signature).path)
            let signature = publicKey != nil ? "signature valid" : signed ? "signature not checked (no --public-key)" : "unsigned"
            let extras = (previous != nil ? "; chain holds" : "") + (evidence != nil ? "; inputs match" : "")
            print("\(pack): intact (every file matches manifest.json; \(signature)\(extras))")
            return
        }
        for problem in problems { print(TerminalText.line(problem.isAboutInput ? "\(problem)" : "\(pack)/\(problem)")) }
        print("\(pack): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        throw ExitCode(1)
    }

    private func usage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("nhi-audit verify: \(TerminalText.line(message))\n".utf8))
        return ExitCode(2)
    }
}

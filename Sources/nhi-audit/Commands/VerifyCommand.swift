import ArgumentParser
import Foundation
import NHIPack

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a pack against its manifest and signature.",
        discussion: """
            Re-hashes every file of PACK against manifest.json, reports missing and extra files and files \
            replaced by symbolic links, checks manifest.sig with --public-key, with --previous checks the \
            earlier pack against its own manifest (and signature) and that this pack chains to it, and \
            with --evidence re-hashes the input files the pack was built from.

            Only a signature checked with --public-key protects manifest.json itself: without one, \
            whoever can write the pack can change a file and its manifest entry together. So an unsigned \
            pack, or a signed one verified without --public-key, exits 1 unless --allow-unsigned.
            Exit codes: 0 intact, 1 problems found (each named) or manifest not protected, 2 bad usage or unreadable key.
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

    @Flag(
        name: .long,
        help: "Accept a pack whose manifest is not protected by a checked signature (unsigned, or no --public-key).")
    var allowUnsigned = false

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
            problems = try Verifier.verify(
                pack: packURL, publicKeyFile: publicKey.map { URL(fileURLWithPath: $0) },
                previous: previous.map { URL(fileURLWithPath: $0) },
                evidence: evidence.map { URL(fileURLWithPath: $0) })
        } catch {
            throw usage(ErrorText.message(for: error))
        }
        guard problems.isEmpty else {
            for problem in problems {
                print(TerminalText.line(problem.isOutsideThePack ? "\(problem)" : "\(pack)/\(problem)"))
            }
            print("\(pack): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
            throw ExitCode(1)
        }
        let extras = (previous != nil ? "; chain holds" : "") + (evidence != nil ? "; inputs match" : "")
        let unprotected =
            "manifest.json itself is not protected: whoever can write the pack can change a file and its manifest entry together"
        switch Verifier.protection(pack: packURL, signatureChecked: publicKey != nil) {
        case .signatureValid:
            print("\(pack): intact (every file matches manifest.json; signature valid\(extras))")
            return
        case .signatureNotChecked:
            print(
                "\(pack): every file matches manifest.json\(extras); signature not checked (no --public-key), so \(unprotected)"
            )
        case .unsigned:
            print("\(pack): every file matches manifest.json\(extras); the pack is unsigned, so \(unprotected)")
        }
        guard allowUnsigned else {
            print("\(pack): not verified (give --public-key, or --allow-unsigned to accept an unprotected manifest)")
            throw ExitCode(1)
        }
    }

    private func usage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("nhi-audit verify: \(TerminalText.line(message))\n".utf8))
        return ExitCode(2)
    }
}

import Foundation
import Testing
import TestSupport

/// `pack --previous` and `verify` end to end: the earlier pack is checked before it is used, and
/// `verify` says what protects the manifest.
@Suite struct ChainIntegrityTests {
    static let evidence = Fixtures.own("detect/each-rule").path

    private static func flipByte(in file: String) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let index = bytes.count / 2
        bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try bytes.write(to: URL(fileURLWithPath: file))
    }

    @Test func aChangedByteInThePreviousPackStopsPackAndFailsVerify() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let q3 = root.appendingPathComponent("q3").path, q4 = root.appendingPathComponent("q4").path
        #expect(try CLIRunner.run(["pack", Self.evidence, "--out", q3]).status == 0)
        #expect(try CLIRunner.run(["pack", Self.evidence, "--out", q4, "--previous", q3]).status == 0)
        try Self.flipByte(in: q3 + "/results.json")

        let again = try CLIRunner.run([
            "pack", Self.evidence, "--out", root.appendingPathComponent("q4b").path, "--previous", q3,
        ])
        #expect(again.status == 2)
        #expect(again.stderr.hasPrefix("nhi-audit: \(q3)/results.json: SHA-256 "), "\(again.stderr)")
        #expect(again.stderr.hasSuffix("the previous pack does not match its own manifest\n"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("q4b").path))

        let verify = try CLIRunner.run(["verify", q4, "--previous", q3, "--allow-unsigned"])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("\(q3)/results.json: SHA-256 "), "\(verify.stdout)")
    }

    @Test func verifySaysWhatProtectsTheManifest() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let key = root.appendingPathComponent("k").path
        #expect(try CLIRunner.run(["keygen", "--out", key]).status == 0)
        let signed = root.appendingPathComponent("signed").path, unsigned = root.appendingPathComponent("unsigned").path
        #expect(try CLIRunner.run(["pack", Self.evidence, "--out", signed, "--sign-key", key + ".key"]).status == 0)
        #expect(try CLIRunner.run(["pack", Self.evidence, "--out", unsigned]).status == 0)

        let valid = try CLIRunner.run(["verify", signed, "--public-key", key + ".pub"])
        #expect(valid.status == 0)
        #expect(valid.stdout == "\(signed): intact (every file matches manifest.json; signature valid)\n")

        let notChecked = try CLIRunner.run(["verify", signed])
        #expect(notChecked.status == 1)
        #expect(notChecked.stdout.contains("signature not checked (no --public-key)"))
        #expect(notChecked.stdout.contains("manifest.json itself is not protected"))
        #expect(try CLIRunner.run(["verify", signed, "--allow-unsigned"]).status == 0)

        let plain = try CLIRunner.run(["verify", unsigned])
        #expect(plain.status == 1)
        #expect(plain.stdout.contains("the pack is unsigned, so manifest.json itself is not protected"))
        let allowed = try CLIRunner.run(["verify", unsigned, "--allow-unsigned"])
        #expect(allowed.status == 0)
        #expect(allowed.stdout.contains("the pack is unsigned, so manifest.json itself is not protected"))

        try Data((try String(contentsOfFile: signed + "/manifest.sig", encoding: .utf8) + " \n").utf8)
            .write(to: URL(fileURLWithPath: signed + "/manifest.sig"))
        let padded = try CLIRunner.run(["verify", signed, "--public-key", key + ".pub"])
        #expect(padded.status == 1)
        #expect(padded.stdout.contains("\(signed)/manifest.sig: malformed"))
    }
}

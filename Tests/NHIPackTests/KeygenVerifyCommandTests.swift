import Foundation
import NHIPack
import Testing
import TestSupport

/// keygen and verify end to end, through the built executable.
@Suite struct KeygenVerifyCommandTests {
    @Test func keygenThenSignedPackVerifies() throws {
        let root = try Fixtures.temporaryFolder("nhi-cli")
        defer { try? FileManager.default.removeItem(at: root) }
        let prefix = root.appendingPathComponent("audit").path
        let keygen = try CLIRunner.run(["keygen", "--out", prefix])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: prefix + ".key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try CLIRunner.run(["keygen", "--out", prefix]).status == 2, "an existing key is never replaced")

        var options = SampleResults.options()
        options.signingKey = try PackKeys.readPrivateKey(URL(fileURLWithPath: prefix + ".key"))
        let fixture = try PackFixture(options: options)
        defer { fixture.remove() }

        let clean = try CLIRunner.run([
            "verify", fixture.pack.path, "--public-key", prefix + ".pub", "--evidence", fixture.evidence.path,
        ])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("signature valid"))
        #expect(clean.stdout.contains("inputs match"))

        try Data("tampered".utf8).write(to: fixture.pack.appendingPathComponent(PackLayout.html))
        try FileManager.default.removeItem(at: fixture.pack.appendingPathComponent(PackLayout.xml))
        let tampered = try CLIRunner.run(["verify", fixture.pack.path, "--public-key", prefix + ".pub"])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("index.html: SHA-256"))
        #expect(tampered.stdout.contains("evidence-pack.xml: missing"))
        #expect(tampered.stdout.contains("2 problems"))
    }

    @Test func verifyBadUsageExitsTwo() throws {
        let root = try Fixtures.temporaryFolder("nhi-cli")
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = try CLIRunner.run(["verify", root.appendingPathComponent("nope").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such pack folder"))

        let fixture = try PackFixture()
        defer { fixture.remove() }
        let badKey = root.appendingPathComponent("bad.pub")
        try Data("not a key".utf8).write(to: badKey)
        let result = try CLIRunner.run(["verify", fixture.pack.path, "--public-key", badKey.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(badKey.path))
    }
}

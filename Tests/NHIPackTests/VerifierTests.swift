import Crypto
import Foundation
import NHIFiles
import NHIModel
import NHIPack
import Testing
import TestSupport

@Suite struct VerifierTests {
    /// A fixed test key (computed: Crypto's key types are not Sendable, so no shared stored key).
    static var key: Curve25519.Signing.PrivateKey {
        try! Curve25519.Signing.PrivateKey(rawRepresentation: Data(repeating: 7, count: 32))
    }

    static func signedPack() throws -> PackFixture {
        var options = SampleResults.options()
        options.signingKey = key
        return try PackFixture(options: options)
    }

    @Test func intactSignedPackHasNoProblems() throws {
        let fixture = try Self.signedPack()
        defer { fixture.remove() }
        #expect(Verifier.verify(pack: fixture.pack, publicKey: Self.key.publicKey).isEmpty)
        #expect(Verifier.verify(pack: fixture.pack, publicKey: nil).isEmpty)
        let manifest = try Manifest.decode(fixture.data(PackLayout.manifest))
        #expect(manifest.inputs.map(\.path) == SampleResults.files.keys.sorted())
        #expect(manifest.signature?.publicKeySha256 == PackKeys.fingerprint(Self.key.publicKey))
        #expect(fixture.summary.manifestDigest == SHA256Hex.of(try fixture.data(PackLayout.manifest)))
    }

    /// A changed manifest shows as a signature that no longer verifies, reported on manifest.sig.
    @Test(arguments: [
        (PackLayout.html, VerificationProblem.Kind.hashMismatch), (PackLayout.xml, .hashMismatch),
        (PackLayout.oscalJSON, .hashMismatch), (PackLayout.oscalXML, .hashMismatch),
        (PackLayout.results, .hashMismatch),
        (PackLayout.manifest, .badSignature), (PackLayout.signature, .badSignature),
    ])
    func oneFlippedByteIsFound(file: String, expected: VerificationProblem.Kind) throws {
        let fixture = try Self.signedPack()
        defer { fixture.remove() }
        let url = fixture.pack.appendingPathComponent(file)
        var bytes = try Data(contentsOf: url)
        // A byte in the middle of the file, inside base64 for the signature, inside JSON text for the manifest.
        let index = bytes.count / 2
        bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try bytes.write(to: url)
        let problems = Verifier.verify(pack: fixture.pack, publicKey: Self.key.publicKey)
        let reportedOn = expected == .badSignature ? PackLayout.signature : file
        #expect(problems.contains { $0.kind == expected && $0.path == reportedOn }, "\(problems)")
    }

    @Test func deletedFileIsFound() throws {
        let fixture = try Self.signedPack()
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.pack.appendingPathComponent(PackLayout.oscalXML))
        let problems = Verifier.verify(pack: fixture.pack, publicKey: Self.key.publicKey)
        #expect(
            problems == [VerificationProblem(.missingFile, PackLayout.oscalXML, "missing (listed in the manifest)")])
    }

    @Test func addedFileIsFound() throws {
        let fixture = try Self.signedPack()
        defer { fixture.remove() }
        try Data("planted".utf8).write(to: fixture.pack.appendingPathComponent("oscal/extra.json"))
        let problems = Verifier.verify(pack: fixture.pack, publicKey: Self.key.publicKey)
        #expect(problems.map(\.kind) == [.extraFile])
        #expect(problems.first?.path == "oscal/extra.json")
    }

    @Test func swappedSignatureIsFound() throws {
        let fixture = try Self.signedPack()
        defer { fixture.remove() }
        let attacker = Curve25519.Signing.PrivateKey()
        let forged = try ManifestSigner.sign(fixture.data(PackLayout.manifest), with: attacker)
        try forged.write(to: fixture.pack.appendingPathComponent(PackLayout.signature))
        let problems = Verifier.verify(pack: fixture.pack, publicKey: Self.key.publicKey)
        #expect(problems.map(\.kind) == [.badSignature])
        #expect(Verifier.verify(pack: fixture.pack, publicKey: attacker.publicKey).map(\.kind) == [.wrongKey])
    }

    @Test func deletedSignatureIsFoundEvenWithoutAKey() throws {
        let fixture = try Self.signedPack()
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.pack.appendingPathComponent(PackLayout.signature))
        #expect(Verifier.verify(pack: fixture.pack, publicKey: nil).map(\.kind) == [.missingSignature])
        #expect(Verifier.verify(pack: fixture.pack, publicKey: Self.key.publicKey).map(\.kind) == [.missingSignature])
    }

    @Test func unsignedPackFailsWhenAKeyIsExpected() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        #expect(Verifier.verify(pack: fixture.pack, publicKey: nil).isEmpty)
        #expect(Verifier.verify(pack: fixture.pack, publicKey: Self.key.publicKey).map(\.kind) == [.missingSignature])
    }

    @Test func chainToThePreviousPack() throws {
        let first = try PackFixture()
        defer { first.remove() }
        var options = SampleResults.options()
        options.previousManifestDigest = first.summary.manifestDigest
        let second = try PackFixture(options: options, packName: "second")
        defer { second.remove() }
        #expect(Verifier.verify(pack: second.pack, publicKey: nil, previous: first.pack).isEmpty)
        #expect(Verifier.verify(pack: first.pack, publicKey: nil, previous: second.pack).map(\.kind) == [.brokenChain])

        var edited = try first.data(PackLayout.manifest)
        edited.append(0x0A)
        try edited.write(to: first.pack.appendingPathComponent(PackLayout.manifest))
        #expect(Verifier.verify(pack: second.pack, publicKey: nil, previous: first.pack).map(\.kind) == [.brokenChain])
    }

    @Test func folderWithoutManifestIsNotAPack() throws {
        let root = try Fixtures.temporaryFolder("nhi-verify")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(Verifier.verify(pack: root, publicKey: nil).map(\.kind) == [.missingManifest])
    }
}

@Suite struct VerifierLinkTests {
    @Test func plantedSymbolicLinkIsAnExtraFile() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: fixture.pack.appendingPathComponent("oscal/evidence").path,
            withDestinationPath: fixture.evidence.path)
        let problems = Verifier.verify(pack: fixture.pack, publicKey: nil)
        #expect(problems.map(\.kind) == [.extraFile])
        #expect(problems.first?.path == "oscal/evidence")
    }
}

@Suite struct VerifierInputTests {
    @Test func inputsAreRehashedWhenTheEvidenceFolderIsGiven() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        #expect(Verifier.verify(pack: fixture.pack, publicKey: nil, evidence: fixture.evidence).isEmpty)
        try Data("changed\n".utf8).write(to: fixture.evidence.appendingPathComponent("owners.csv"))
        try FileManager.default.removeItem(at: fixture.evidence.appendingPathComponent("waivers.yaml"))
        let problems = Verifier.verify(pack: fixture.pack, publicKey: nil, evidence: fixture.evidence)
        #expect(problems.map(\.kind) == [.inputMismatch, .inputMissing])
        #expect(problems.allSatisfy { $0.isAboutInput })
        #expect(Verifier.verify(pack: fixture.pack, publicKey: nil).isEmpty, "inputs are only checked on request")
    }
}

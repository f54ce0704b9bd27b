import Crypto
import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

/// The earlier pack of a chain, the signature's exact form and the pack's files as real files.
@Suite struct VerifierIntegrityTests {
    private static func flipMiddleByte(_ url: URL) throws {
        var bytes = try Data(contentsOf: url)
        let index = bytes.count / 2
        bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try bytes.write(to: url)
    }

    /// first ← second, both signed with the test key when `signed`.
    private static func chain(signed: Bool) throws -> (PackFixture, PackFixture) {
        var options = SampleResults.options()
        if signed { options.signingKey = VerifierTests.key }
        let first = try PackFixture(options: options)
        options.previousManifestDigest = first.summary.manifestDigest
        do {
            return (first, try PackFixture(options: options, packName: "second"))
        } catch {
            first.remove()
            throw error
        }
    }

    @Test(arguments: [PackLayout.results, PackLayout.html, PackLayout.oscalXML])
    func aChangedByteInThePreviousPackBreaksTheChain(file: String) throws {
        let (first, second) = try Self.chain(signed: false)
        defer { first.remove(); second.remove() }
        #expect(Verifier.verify(pack: second.pack, publicKey: nil, previous: first.pack).isEmpty)
        try Self.flipMiddleByte(first.pack.appendingPathComponent(file))
        let problems = Verifier.verify(pack: second.pack, publicKey: nil, previous: first.pack)
        #expect(problems.map(\.kind) == [.previousPack], "\(problems)")
        #expect(problems.first?.path == first.pack.appendingPathComponent(file).path)
        #expect(problems.first?.isOutsideThePack == true)
        #expect(Verifier.verifyPrevious(pack: first.pack, signingKey: nil).map(\.kind) == [.hashMismatch])
    }

    /// With a key, the previous pack's signature is checked too.
    @Test func thePreviousPacksSignatureIsChecked() throws {
        let (first, second) = try Self.chain(signed: true)
        defer { first.remove(); second.remove() }
        #expect(
            Verifier.verify(pack: second.pack, publicKey: VerifierTests.key.publicKey, previous: first.pack).isEmpty)
        let attacker = Curve25519.Signing.PrivateKey()
        try ManifestSigner.sign(first.data(PackLayout.manifest), with: attacker).write(
            to: first.pack.appendingPathComponent(PackLayout.signature))
        let problems = Verifier.verify(pack: second.pack, publicKey: VerifierTests.key.publicKey, previous: first.pack)
        #expect(problems.map(\.kind) == [.previousPack])
        #expect(problems.first?.path == first.pack.appendingPathComponent(PackLayout.signature).path)
        #expect(Verifier.verifyPrevious(pack: first.pack, signingKey: VerifierTests.key).map(\.kind) == [.badSignature])
        #expect(
            Verifier.verifyPrevious(pack: first.pack, signingKey: attacker).isEmpty,
            "a pack signed with another key is checked without its signature")
    }

    @Test(arguments: [" ", "\n", "\r\n"])
    func aPaddedSignatureIsMalformed(padding: String) throws {
        let fixture = try VerifierTests.signedPack()
        defer { fixture.remove() }
        var signature = try fixture.data(PackLayout.signature)
        signature.append(contentsOf: Data(padding.utf8))
        try signature.write(to: fixture.pack.appendingPathComponent(PackLayout.signature))
        for key in [VerifierTests.key.publicKey, nil] {
            let problems = Verifier.verify(pack: fixture.pack, publicKey: key)
            #expect(problems.map(\.kind) == [.badSignature])
            #expect(problems.first?.message.hasPrefix("malformed") == true)
        }
    }

    @Test(arguments: [
        "", "-----BEGIN NHI-AUDIT ED25519 SIGNATURE-----\nAAAA\n-----END NHI-AUDIT ED25519 SIGNATURE-----\n", "garbage",
    ])
    func aMalformedSignatureIsReportedWithoutAKey(text: String) throws {
        let fixture = try VerifierTests.signedPack()
        defer { fixture.remove() }
        try Data(text.utf8).write(to: fixture.pack.appendingPathComponent(PackLayout.signature))
        #expect(Verifier.verify(pack: fixture.pack, publicKey: nil).map(\.kind) == [.badSignature])
    }

    /// A link to an identical copy still fails: the pack's files must be its own.
    @Test(arguments: [PackLayout.results, PackLayout.oscalJSON, PackLayout.manifest, PackLayout.signature])
    func aPackFileReplacedByASymbolicLinkFails(file: String) throws {
        let fixture = try VerifierTests.signedPack()
        defer { fixture.remove() }
        let url = fixture.pack.appendingPathComponent(file)
        let copy = fixture.root.appendingPathComponent("copy")
        try FileManager.default.moveItem(at: url, to: copy)
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: copy)
        let problems = Verifier.verify(pack: fixture.pack, publicKey: VerifierTests.key.publicKey)
        #expect(problems.map(\.kind) == [.symbolicLink], "\(problems)")
        #expect(problems.first?.description == "\(file): \(file) is a symbolic link, not a file of the pack")
    }

    @Test func aLinkedFolderInThePackFails() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let oscal = fixture.pack.appendingPathComponent("oscal")
        let elsewhere = fixture.root.appendingPathComponent("oscal-copy")
        try FileManager.default.moveItem(at: oscal, to: elsewhere)
        try FileManager.default.createSymbolicLink(at: oscal, withDestinationURL: elsewhere)
        let files = FileManager.default.enumerator(at: elsewhere, includingPropertiesForKeys: [.isDirectoryKey])!
            .compactMap { $0 as? URL }.filter {
                (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true
            }.count
        let kinds = Verifier.verify(pack: fixture.pack, publicKey: nil).map(\.kind)
        #expect(files > 2)
        #expect(kinds.filter { $0 == .symbolicLink }.count == files, "\(kinds)")
    }

    @Test func protectionNamesWhatTheManifestRestsOn() throws {
        let signed = try VerifierTests.signedPack()
        defer { signed.remove() }
        #expect(Verifier.protection(pack: signed.pack, signatureChecked: true) == .signatureValid)
        #expect(Verifier.protection(pack: signed.pack, signatureChecked: false) == .signatureNotChecked)
        let unsigned = try PackFixture()
        defer { unsigned.remove() }
        #expect(Verifier.protection(pack: unsigned.pack, signatureChecked: true) == .unsigned)
    }
}

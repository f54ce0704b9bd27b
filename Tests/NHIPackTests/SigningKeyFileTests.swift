import Foundation
import NHIPack
import Testing
import TestSupport

@Suite struct SigningKeyFileTests {
    @Test func keygenWritesAPrivateKeyOnlyTheOwnerCanRead() throws {
        let root = try Fixtures.temporaryFolder("nhi-keys")
        defer { try? FileManager.default.removeItem(at: root) }
        let prefix = root.appendingPathComponent("signing").path
        let written = try PackKeys.writeKeyPair(prefix: prefix)
        let mode = try FileManager.default.attributesOfItem(atPath: written.privateKey.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let privateKey = try PackKeys.readPrivateKey(written.privateKey)
        let publicKey = try PackKeys.readPublicKey(written.publicKey)
        #expect(privateKey.publicKey.rawRepresentation == publicKey.rawRepresentation)
        let manifest = Data("{}".utf8)
        #expect(
            ManifestSigner.isValid(
                signature: try ManifestSigner.sign(manifest, with: privateKey), manifest: manifest, key: publicKey))
    }

    @Test func keygenNeverReplacesAKey() throws {
        let root = try Fixtures.temporaryFolder("nhi-keys")
        defer { try? FileManager.default.removeItem(at: root) }
        let prefix = root.appendingPathComponent("k").path
        let first = try PackKeys.writeKeyPair(prefix: prefix)
        let before = try Data(contentsOf: first.privateKey)
        #expect(throws: PackError.self) { try PackKeys.writeKeyPair(prefix: prefix) }
        #expect(try Data(contentsOf: first.privateKey) == before)
    }

    @Test func malformedKeyFilesAreRejectedWithTheirPath() throws {
        let root = try Fixtures.temporaryFolder("nhi-keys")
        defer { try? FileManager.default.removeItem(at: root) }
        let pub = root.appendingPathComponent("bad.pub")
        try Data(
            "-----BEGIN NHI-AUDIT ED25519 PUBLIC KEY-----\nAAAA\n-----END NHI-AUDIT ED25519 PUBLIC KEY-----\n".utf8
        ).write(to: pub)
        let error = #expect(throws: PackError.self) { try PackKeys.readPublicKey(pub) }
        #expect(error?.description.hasPrefix(pub.path) == true)
        let key = root.appendingPathComponent("swapped.key")
        try Data(contentsOf: pub).write(to: key)
        #expect(throws: PackError.self) { try PackKeys.readPrivateKey(key) }
    }
}

import Crypto
import Foundation
import Testing
import TestSupport

@testable import NHIPack

/// `UUIDv5.make` hashes the namespace and the name piece by piece: held to RFC 9562's recipe
/// written out (the bytes gathered in one array, hashed at once) on random names and namespaces.
@Suite struct UUIDv5Tests {
    static func reference(_ name: String, namespace: UUID) -> UUID {
        var bytes = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        bytes.append(contentsOf: name.utf8)
        var hash = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        return UUID(uuid: hash.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) })
    }

    /// RFC 9562's namespace for URLs.
    static let urlNamespace = UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!

    @Test func namesAndNamespacesGiveTheReferenceUUID() {
        var random = SeedMutator(seed: 0x7575_6964)
        for _ in 0..<300 {
            let long = Bool.random(using: &random) ? String(repeating: "x", count: 70) : ""
            let name = RandomModels.string(&random) + long
            let namespace = Bool.random(using: &random) ? UUIDv5.namespace : Self.urlNamespace
            #expect(UUIDv5.make(name, namespace: namespace) == Self.reference(name, namespace: namespace))
        }
    }
}

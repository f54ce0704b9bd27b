import Crypto
import Foundation
import NHIModel
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

    /// A prefix hashed once serves many names: each tail from the same state, none seeing another's.
    @Test func aPrefixThenTailsGiveTheReferenceUUIDOfEachWholeName() {
        var random = SeedMutator(seed: 0x7072_6566)
        for _ in 0..<60 {
            let head =
                RandomModels.string(&random) + (Bool.random(using: &random) ? String(repeating: "y", count: 90) : "")
            let namespace = Bool.random(using: &random) ? UUIDv5.namespace : Self.urlNamespace
            let prefix = UUIDv5.prefix(head, namespace: namespace)
            for _ in 0..<5 {
                let tail =
                    RandomModels.string(&random)
                    + (Bool.random(using: &random) ? String(repeating: "z", count: 70) : "")
                #expect(UUIDv5.make(prefix, tail) == Self.reference(head + tail, namespace: namespace))
                #expect(UUIDv5.string(prefix, tail) == UUIDv5.make(prefix, tail).uuidString.lowercased())
            }
        }
    }

    @Test func oscalUUIDsOfAKindAreThoseMadeOneByOne() {
        var random = SeedMutator(seed: 0x6B69_6E64)
        let ids = OSCALIdentifiers(scope: Scope(organisation: RandomModels.string(&random)))
        for kind in ["observation", "risk", "subject", ""] {
            let uuid = ids.uuids(kind)
            for _ in 0..<20 {
                let key = RandomModels.string(&random)
                #expect(uuid(key) == ids.uuid(kind, key))
            }
        }
    }
}

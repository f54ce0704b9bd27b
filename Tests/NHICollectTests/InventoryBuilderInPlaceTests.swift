import Foundation
@testable import NHICollect
import NHIModel
import TestSupport
import Testing

/// The builder changes and reads its identities in place; on random builders each way must
/// answer what the plain way answers: copying an identity out, changing it and writing it back,
/// and grouping copies of the identities by name.
@Suite struct InventoryBuilderInPlaceTests {
    static let names = ["api", "deploy", "ci", "é", "e\u{301}"]

    static func builder(_ random: inout SeedMutator) -> InventoryBuilder {
        let builder = InventoryBuilder()
        for number in 0..<Int.random(in: 0...12, using: &random) {
            builder.addIdentity(
                Identity(
                    id: IdentityID("id-\(number)"), platform: .aws, kind: .role,
                    name: names.randomElement(using: &random)!,
                    // An inventory may list a key twice: a credential merges into the first.
                    credentials: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                        Credential(id: "key-\(Int.random(in: 0...1, using: &random))", kind: .other)
                    }))
        }
        return builder
    }

    @Test func uniqueNamesAreTheGroupsOfOne() {
        var random = SeedMutator(seed: 31)
        for round in 0..<2_000 {
            let builder = Self.builder(&random)
            let groups = Dictionary(grouping: builder.identities.values, by: \.name)
            let expected = groups.compactMapValues { $0.count == 1 ? $0[0].id : nil }
            #expect(builder.identitiesByUniqueName() == expected, "round \(round)")
        }
    }

    @Test func changesInPlaceAreTheCopiedChanges() {
        var random = SeedMutator(seed: 32)
        for round in 0..<1_000 {
            let builder = Self.builder(&random)
            var expected = builder.identities
            func change(_ identity: inout Identity) {
                identity.environments.append(identity.name)
                identity.isHuman = identity.name == "ci"
            }
            for id in expected.keys {
                var identity = expected[id]!
                change(&identity)
                expected[id] = identity
            }
            builder.updateIdentities(change)
            #expect(builder.identities == expected, "round \(round)")
            let id = IdentityID("id-\(Int.random(in: 0...13, using: &random))")
            if var identity = expected[id] {
                change(&identity)
                expected[id] = identity
            }
            builder.updateIdentity(id, change)
            #expect(builder.identities == expected, "round \(round)")
        }
    }

    /// A credential merges into the first of the identity's credentials with its id, is appended
    /// when none has it, and is dropped when the identity is unknown.
    @Test func credentialsAddedInPlace() {
        var random = SeedMutator(seed: 33)
        for round in 0..<1_000 {
            let builder = Self.builder(&random)
            var expected = builder.identities
            for _ in 0..<Int.random(in: 0...20, using: &random) {
                let id = IdentityID("id-\(Int.random(in: 0...13, using: &random))")
                let credential = Credential(
                    id: "key-\(Int.random(in: 0...3, using: &random))",
                    kind: [.accessKey, .other].randomElement(using: &random)!,
                    lastUsedAt: Date(timeIntervalSince1970: Double(Int.random(in: 0...9, using: &random))))
                builder.addCredential(credential, to: id)
                if let index = expected[id]?.credentials.firstIndex(where: { $0.id == credential.id }) {
                    expected[id]!.credentials[index].merge(credential)
                } else {
                    expected[id]?.credentials.append(credential)
                }
            }
            #expect(builder.identities == expected, "round \(round)")
        }
    }
}

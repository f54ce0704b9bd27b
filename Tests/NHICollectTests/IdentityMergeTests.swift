import Foundation
@testable import NHICollect
import NHIModel
import TestSupport
import Testing

/// `Identity.merge` keeps an identity's environments as `Array(Set(mine + theirs)).sorted()`; it
/// skips building that set when the list is already so and holds theirs (an audit log merges its
/// actor once per entry). Both ways must give the same list, on random lists.
@Suite struct IdentityMergeTests {
    @Test func environmentsAsTheSortedUnion() {
        var random = SeedMutator(seed: 13)
        // "é" composed and decomposed are equal Strings with different bytes.
        let names = ["production", "staging", "dev", "é", "e\u{301}", "a"]
        func list() -> [String] {
            (0..<Int.random(in: 0...4, using: &random)).map { _ in names.randomElement(using: &random)! }
        }
        for round in 0..<3_000 {
            let mine = list(), theirs = list()
            var identity = Identity(id: IdentityID("x"), platform: .github, kind: .user, name: "x", environments: mine)
            identity.merge(
                Identity(id: IdentityID("x"), platform: .github, kind: .user, name: "x", environments: theirs))
            let expected = Array(Set(mine + theirs)).sorted()
            // Compared byte for byte: equal Strings may be spelt differently.
            #expect(identity.environments.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "round \(round)")
        }
    }

    /// `formEnvironments(union:)`, which the resolver applies to every identity with the
    /// environments it acted in, against the set it skips building.
    @Test func environmentsFormedAsTheSortedUnion() {
        var random = SeedMutator(seed: 14)
        let names = ["production", "staging", "dev", "é", "e\u{301}", "a"]
        func list() -> [String] {
            (0..<Int.random(in: 0...4, using: &random)).map { _ in names.randomElement(using: &random)! }
        }
        for round in 0..<3_000 {
            let mine = list(), more = Set(list())
            var identity = Identity(id: IdentityID("x"), platform: .aws, kind: .role, name: "x", environments: mine)
            identity.formEnvironments(union: more)
            let expected = Array(Set(mine).union(more)).sorted()
            #expect(identity.environments.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "round \(round)")
        }
    }
}

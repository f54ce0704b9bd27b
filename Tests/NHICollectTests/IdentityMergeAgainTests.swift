import Foundation
@testable import NHICollect
import NHIModel
import TestSupport
import Testing

/// An audit log reader merges its actor's identity once per entry, so an identity must come out
/// the same however many entries named its actor: merging an identity again, after any other
/// merges and added credentials, changes nothing. Checked on random identities.
@Suite struct IdentityMergeAgainTests {
    static func identity(_ random: inout SeedMutator) -> Identity {
        func pick<T>(_ values: [T]) -> T { values.randomElement(using: &random)! }
        func maybe<T>(_ values: [T]) -> T? { Bool.random(using: &random) ? nil : pick(values) }
        func date() -> Date? { maybe([0.0, 5, 9]).map { Date(timeIntervalSince1970: $0) } }
        func evidence() -> [EvidenceRef] {
            (0..<Int.random(in: 0...2, using: &random)).map { _ in
                EvidenceRef(file: pick(["a.json", "b.json"]), sha256: "0", line: pick([1, 2]))
            }
        }
        func strings() -> [String: String] {
            var values: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...2, using: &random) { values[pick(["k", "l", "m"])] = pick(["1", "2"]) }
            return values
        }
        let credentials = (0..<Int.random(in: 0...2, using: &random)).map { _ in
            Credential(
                id: pick(["c1", "c2"]), kind: pick([.other, .personalAccessToken, .deployKey]),
                active: Bool.random(using: &random), createdAt: date(), lastRotatedAt: date(), lastUsedAt: date(),
                expiresAt: date(), lastUsedService: maybe(["s3"]), lastUsedRegion: maybe(["eu"]),
                hashedToken: maybe(["h"]), evidence: evidence())
        }
        return Identity(
            id: IdentityID("x"), platform: .github, kind: pick([.user, .token, .app]), name: pick(["n", "m"]),
            account: maybe(["org"]), namespace: maybe(["repo"]), isHuman: Bool.random(using: &random),
            humanBasis: pick([.inferred, .ownerOverride]), inInventory: Bool.random(using: &random),
            isPlatformService: Bool.random(using: &random),
            environments: (0..<Int.random(in: 0...3, using: &random)).map { _ in pick(["prod", "dev", "é", "e\u{301}"])
            },
            createdAt: date(), lastUsedAt: date(), tags: strings(), attributes: strings(),
            owner: maybe([OwnerRecord(identityRef: "x", owner: "o")]), credentials: credentials, evidence: evidence())
    }

    @Test func mergingAgainChangesNothing() {
        var random = SeedMutator(seed: 51)
        for round in 0..<5_000 {
            var once = Self.identity(&random)
            let again = Self.identity(&random)
            once.merge(again)
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                if Bool.random(using: &random) {
                    once.merge(Self.identity(&random))
                } else {
                    once.credentials.add(Self.identity(&random).credentials.first ?? Credential(id: "c3", kind: .other))
                }
            }
            var twice = once
            twice.merge(again)
            #expect(twice == once, "round \(round)")
        }
    }
}

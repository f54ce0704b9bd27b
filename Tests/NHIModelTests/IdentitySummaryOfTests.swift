import Foundation
import NHIModel
import Testing
import TestSupport

/// `IdentitySummary.of` reads the activity in place; each summary's last use must be the latest of
/// the inventory's own dates and every activity record of the identity, platform services left out.
@Suite struct IdentitySummaryOfTests {
    @Test func lastUseIsTheLatestOfEverySource() {
        var random = SeededRandom(state: 27)
        for _ in 0..<200 {
            let ids = (0..<1 + random.next(5)).map { IdentityID("arn:aws:iam::1:role/r\($0)") }
            let identities = ids.map { id in
                Identity(
                    id: id, platform: .aws, kind: .role, name: id.rawValue, isPlatformService: random.next(4) == 0,
                    lastUsedAt: random.next(2) == 0 ? random.date() : nil,
                    credentials: random.next(2) == 0
                        ? [Credential(id: "k", kind: .accessKey, lastUsedAt: random.date())] : []
                )
            }
            // Records of identities the inventory does not list too: they must change nothing.
            var activity = (0..<random.next(12)).map { _ in
                let identity = random.next(6) == 0 ? IdentityID("unlisted") : random.pick(ids)
                var record = ActivityRecord(
                    identity: identity, platform: .aws, action: "s3:GetObject", environment: "prod", readOnly: true,
                    at: random.date()
                )
                record.record(at: random.date())
                return record
            }
            // As an inventory holds them (each identity's records together) or in any order.
            if random.next(2) == 0 { activity.sort { $0.identity < $1.identity } }
            let summaries = IdentitySummary.of(
                Inventory(scope: Scope(organisation: "o"), identities: identities, activity: activity))
            let expected = identities.filter { !$0.isPlatformService }
            #expect(summaries.map(\.id) == expected.map(\.id))
            for (summary, identity) in zip(summaries, expected) {
                let uses =
                    [identity.lastUsedAt] + identity.credentials.map(\.lastUsedAt)
                    + activity.filter { $0.identity == identity.id }.map(\.lastSeen)
                #expect(summary.lastUsedAt == uses.compactMap { $0 }.max())
            }
        }
    }

    /// An owner that is empty or white space alone is no owner, as trimming it would judge.
    @Test func blankOwnersAreNone() {
        var random = SeededRandom(state: 31)
        let pieces = [
            " ", "\t", "\u{A0}", "\u{2003}", "\u{3000}", "\n", "a", "\u{E9}", "e\u{301}", "\u{1F600}", "\u{200B}",
        ]
        for _ in 0..<2_000 {
            let owner = (0..<random.next(5)).map { _ in random.pick(pieces) }.joined()
            let identity = Identity(
                id: IdentityID("i"), platform: .aws, kind: .role, name: "i",
                owner: OwnerRecord(identityRef: "i", owner: owner))
            let expected = owner.trimmingCharacters(in: .whitespaces).isEmpty ? nil : owner
            #expect(IdentitySummary(identity, lastActivity: nil).owner == expected)
        }
    }
}

extension SeededRandom {
    /// Whole seconds, as the records hold them.
    fileprivate mutating func date() -> Date { Date(timeIntervalSince1970: Double(1_700_000_000 + next(50_000_000))) }
}

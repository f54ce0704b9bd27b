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
            let activity = (0..<random.next(12)).map { _ in
                let identity = random.next(6) == 0 ? IdentityID("unlisted") : random.pick(ids)
                var record = ActivityRecord(
                    identity: identity, platform: .aws, action: "s3:GetObject", environment: "prod", readOnly: true,
                    at: random.date()
                )
                record.record(at: random.date())
                return record
            }
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
}

extension SeededRandom {
    /// Whole seconds, as the records hold them.
    fileprivate mutating func date() -> Date { Date(timeIntervalSince1970: Double(1_700_000_000 + next(50_000_000))) }
}

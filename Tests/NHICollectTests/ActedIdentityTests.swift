import Foundation
@testable import NHICollect
import NHIModel
import Testing

/// `ActedIdentity.note`: per identity, every environment it acted in, and the platform and account
/// of its first record, as grouping the records would say.
@Suite struct ActedIdentityTests {
    @Test func notesWhatGroupingTheRecordsSays() {
        var generator = SystemRandomNumberGenerator()
        // é composed and decomposed are one environment.
        let environments = ["production", "staging", "caf\u{E9}", "cafe\u{301}"]
        for _ in 0..<500 {
            let records = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                ActivityRecord(
                    identity: IdentityID(["a", "b", "c"].randomElement(using: &generator)!),
                    platform: [.aws, .kubernetes].randomElement(using: &generator)!, action: "x",
                    environment: Int.random(in: 0..<4, using: &generator) == 0
                        ? environments.randomElement(using: &generator)! : "production",
                    account: ["1", "2", nil].randomElement(using: &generator)!, readOnly: true,
                    at: Date(timeIntervalSince1970: 0))
            }
            let acted = ActedIdentity.note(records)
            let grouped = Dictionary(grouping: records, by: \.identity)
            #expect(Set(acted.keys) == Set(grouped.keys))
            for (identity, mine) in grouped {
                #expect(acted[identity]?.environments == Set(mine.map(\.environment)))
                #expect(acted[identity]?.platform == mine[0].platform)
                #expect(acted[identity]?.account == mine[0].account)
            }
        }
    }
}

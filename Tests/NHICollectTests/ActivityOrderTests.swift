import Foundation
@testable import NHICollect
import NHIModel
import TestSupport
import Testing

/// `ActivityOrder.order` (ranks, then the field lists where all ranks tie, then a permutation in
/// place) against sorting the normalised records by comparing their values directly.
@Suite struct ActivityOrderTests {
    /// The inventory's order, spelt out: identity, action, environment, request fields joined with
    /// commas, account (none first), then the field lists themselves.
    private func precedes(_ left: ActivityRecord, _ right: ActivityRecord) -> Bool {
        if left.identity != right.identity { return left.identity < right.identity }
        if left.action != right.action { return left.action < right.action }
        if left.environment != right.environment { return left.environment < right.environment }
        let leftFields = left.requestFields.joined(separator: ","),
            rightFields = right.requestFields.joined(separator: ",")
        if leftFields != rightFields { return leftFields < rightFields }
        if left.account != right.account {
            guard let leftAccount = left.account else { return true }
            guard let rightAccount = right.account else { return false }
            return leftAccount < rightAccount
        }
        return left.requestFields.lexicographicallyPrecedes(right.requestFields)
    }

    @Test func sameOrderAsComparingValues() {
        var random = SeedMutator(seed: 8)
        // Field lists that join alike ("a,b") but differ, so that the last tie-break is reached.
        let fieldLists: [[String]] = [[], ["a"], ["a", "b"], ["a,b"], ["b"], ["a", "b", "c"], ["a,b", "c"]]
        for round in 0..<300 {
            var seenKeys: Set<ActivityKey> = []
            var records: [ActivityRecord] = []
            for _ in 0..<Int.random(in: 0...80, using: &random) {
                var record = ActivityRecord(
                    identity: IdentityID(["a", "b", "c", "é", "e\u{301}x"].randomElement(using: &random)!),
                    platform: .aws, action: ["s3:Get", "s3:Put", "iam:Pass"].randomElement(using: &random)!,
                    requestFields: fieldLists.randomElement(using: &random)!,
                    environment: ["production", "staging"].randomElement(using: &random)!,
                    account: [nil, "1", "2"].randomElement(using: &random)!, readOnly: false,
                    at: Date(timeIntervalSince1970: 0))
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    record.record(at: Date(timeIntervalSince1970: Double(Int.random(in: 0...5, using: &random)) + 0.5))
                }
                // A table holds one record per key.
                if seenKeys.insert(record.key).inserted { records.append(record) }
            }
            let expected = records.map { record -> ActivityRecord in
                var record = record
                record.normalise()
                return record
            }.sorted(by: precedes)
            ActivityOrder.order(&records)
            #expect(records == expected, "round \(round)")
        }
    }
}

import Foundation
import NHIModel
import Testing

/// `ActivityRecord.normalise` against the set of the times to the second, sorted.
@Suite struct ActivityNormaliseTests {
    @Test func normaliseEqualsTheSortedSetOfTimesToTheSecond() {
        var seed: UInt64 = 3
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for _ in 0..<1_000 {
            var record = ActivityRecord(
                identity: IdentityID("i"), platform: .aws, action: "a", environment: "e", readOnly: false,
                at: Date(timeIntervalSince1970: 0))
            // Few distinct seconds, some before 1970, with fractions: duplicates meet once sorted.
            record.writeTimes = (0..<next(30)).map { _ in
                Date(timeIntervalSince1970: Double(next(40) - 10) + Double(next(4)) / 4)
            }
            let expected = Array(
                Set(record.writeTimes.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) })
            ).sorted()
            record.normalise()
            #expect(record.writeTimes == expected)
        }
    }
}

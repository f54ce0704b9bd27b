import Foundation
@testable import NHICollect
import NHIModel
import Testing

/// `ActivityTally` and `SlotList`, which both audit aggregators keep per key, against
/// `ActivityRecord.record`, which they mirror.
@Suite struct ActivityTallyTests {
    @Test func tallyAgreesWithActivityRecordIncludingTheWriteCap() {
        let times = (0..<9).map { Date(timeIntervalSince1970: Double(1_000 - $0 * 7 % 5 * 60)) }
        for readOnly in [false, true] {
            var tally = ActivityTally(readOnly: readOnly, at: times[0])
            var kept: [Date] = []
            var record = ActivityRecord(
                identity: IdentityID("x"), platform: .aws, action: "ecs:UpdateService", environment: "prod",
                readOnly: readOnly, at: times[0])
            for (index, time) in times.enumerated() {
                let denied = index % 4 == 3
                if tally.note(at: time, denied: denied, maxWriteTimes: 3) { kept.append(time) }
                record.record(at: time, denied: denied)
            }
            var mirrored = ActivityRecord(
                identity: IdentityID("x"), platform: .aws, action: "ecs:UpdateService", environment: "prod",
                readOnly: tally.readOnly, at: tally.firstSeen)
            var moved = kept, examples: [EvidenceRef] = []
            tally.fill(&mirrored, writeTimes: &moved, examples: &examples)
            // The write times are moved into the record, not copied.
            #expect(mirrored.writeTimes == kept && moved.isEmpty)
            #expect(mirrored.key == record.key && mirrored.readOnly == record.readOnly)
            #expect(mirrored.count == record.count && mirrored.deniedCount == record.deniedCount)
            #expect(mirrored.firstSeen == record.firstSeen && mirrored.lastSeen == record.lastSeen)
            // Writes that were neither read-only nor refused, the first three kept, the rest noted as truncated.
            let writes = times.enumerated().filter { !readOnly && $0.offset % 4 != 3 }.map(\.element)
            #expect(kept == Array(writes.prefix(3)))
            #expect(tally.writesTruncated == (writes.count > 3))
        }
    }

    @Test func examplesAreCappedAndSlotListsGroupInOrder() {
        var tally = ActivityTally(readOnly: true, at: Date(timeIntervalSince1970: 0))
        #expect((0..<5).filter { _ in tally.wantsExample(maxExamples: 3) }.count == 3)
        var list = SlotList<String>()
        for (slot, value) in [(1, "a"), (0, "b"), (1, "c"), (2, "d"), (1, "e")] { list.append(slot: slot, value) }
        #expect(list.byRecord(4) == [["b"], ["a", "c", "e"], ["d"], []])
    }
}

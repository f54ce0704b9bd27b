import CJSONScan
import Foundation
import NHIModel

/// Counting an accepted CloudTrail event into its record, two events late.
extension CloudTrailAggregator {
    /// Counts an accepted event in three steps, each a whole event apart, so that the misses of
    /// its record's lookup are waited for while other events are read: the slot of its key in the
    /// record index is asked for now; one event later the slot is read (the record made, on a
    /// key's first event) and the record and its counters are asked for; one event later again,
    /// it is counted. With callers that vary, each step missed the cache while the event waited.
    /// Records are looked up and counted in event order, so the result is the same; `flush` (at
    /// the end of a file, or when the tables are full) counts what is still staged first.
    @inline(__always)
    mutating func stage(_ next: StagedCount) {
        recordIndex.prefetch(next.key)
        let located = lookingUp.map { locate($0) }
        if let ready = counting { count(ready) }
        counting = located
        lookingUp = next
    }

    /// Counts every staged event.
    mutating func countStaged() {
        if let ready = counting { count(ready) }
        counting = nil
        if let last = lookingUp { count(locate(last)) }
        lookingUp = nil
    }

    /// The event with its record: found, or made on its key's first event.
    @inline(__always)
    mutating func locate(_ staged: StagedCount) -> StagedCount {
        var staged = staged
        let slot: Int
        if let known = recordIndex.find(staged.key) {
            slot = known
            records.withUnsafeBufferPointer { nhi_prefetch($0.baseAddress! + slot) }
            counters.prefetch(record: slot)
        } else {
            slot = recordIndex.add(staged.key)
            records.append(
                LocalRecord(key: staged.key, tally: ActivityTally(readOnly: staged.readOnly, at: staged.time)))
            counters.addRecord()
        }
        staged.record = slot
        return staged
    }

    @inline(__always)
    mutating func count(_ staged: StagedCount) {
        let slot = staged.record
        if records[slot].tally.note(at: staged.time, denied: staged.denied, maxWriteTimes: caps.maxWriteTimes) {
            writes.append(slot: slot, staged.time)
        }
        if records[slot].tally.wantsExample(maxExamples: caps.maxExamples) {
            examples.append(slot: slot, file.ref(line: staged.line, record: staged.index))
        }
        counters.add(record: slot, Counter.userAgent, staged.userAgent)
        counters.add(record: slot, Counter.sourceIP, staged.sourceIP)
        counters.add(record: slot, Counter.credential, staged.credential)
        counters.add(record: slot, Counter.session, staged.session)
        counters.add(record: slot, Counter.actor, staged.actor)
        // The counters hold 32-bit counts: a key that nears that many events flushes first (with
        // room for the two events that may be staged when the reader asks `isFull`).
        if records[slot].tally.count >= Int(Int32.max) - 2 { countsNearLimit = true }
    }

    /// True when the memo tables hold more than `maxValues` keys (or a count nears its limit): time to `flush`.
    var isFull: Bool { memo.keys > Self.maxValues || memo.bytes > Self.maxValueBytes || countsNearLimit }
}

import Foundation
import NHIModel

/// The mirror of `ActivityRecord.record` for one aggregated key, kept by the audit aggregators:
/// events, refusals, first and last time, and how many write times are kept (the times themselves
/// go to one `SlotList` per aggregator, so that an event touches its record and one list).
struct ActivityTally {
    let readOnly: Bool
    var count = 0
    var denied = 0
    var firstSeen: Date
    var lastSeen: Date
    var writes = 0
    var writesTruncated = false
    /// Examples kept (in a `SlotList`), at most `ActivityRecord.maxExamples`.
    var examples = 0

    init(readOnly: Bool, at time: Date) {
        self.readOnly = readOnly; firstSeen = time; lastSeen = time
    }

    /// Counts one event; true when its time is to be kept as a write time (mutating, not refused,
    /// and fewer than `maxWriteTimes` kept so far).
    @inline(__always)
    mutating func note(at time: Date, denied isDenied: Bool, maxWriteTimes: Int) -> Bool {
        count += 1
        if isDenied { denied += 1 }
        if time < firstSeen { firstSeen = time }
        if time > lastSeen { lastSeen = time }
        guard !readOnly && !isDenied else { return false }
        if writes < maxWriteTimes { writes += 1; return true }
        writesTruncated = true
        return false
    }

    /// True (and counted) while fewer than `maxExamples` examples are kept.
    @inline(__always)
    mutating func wantsExample(maxExamples: Int) -> Bool {
        guard examples < maxExamples else { return false }
        examples += 1
        return true
    }

    /// Sets `activity`'s tallies to the aggregate's, with its write times and examples (from the
    /// aggregator's lists); its counters are the aggregator's to fill. The caller makes the record
    /// of the aggregate's key (`readOnly`, `firstSeen`) in its own variable: a record made here
    /// and returned was copied whole into that variable (a retain and a release of its every field).
    /// The lists are moved into the record (`writeTimes` and `examples` are left empty): copied,
    /// each was retained here and released with the flush's lists, two visits to memory the
    /// flush had not touched since the lists were built.
    @inline(__always)
    func fill(_ activity: inout ActivityRecord, writeTimes: inout [Date], examples: inout [EvidenceRef]) {
        activity.count = count
        activity.deniedCount = denied
        activity.firstSeen = firstSeen
        activity.lastSeen = lastSeen
        swap(&activity.writeTimes, &writeTimes)
        activity.writeTimesTruncated = writesTruncated
        swap(&activity.examples, &examples)
    }
}

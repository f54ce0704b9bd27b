import Foundation
import NHIModel

/// The mirror of `InventoryBuilder.noteCoverage` for one account or environment, kept by the
/// audit aggregators per file: events, first and last event, and the hours that saw events.
struct CoverageTally {
    var events = 0
    var first: Date?
    var last: Date?
    var hours = HourSet()
    private var lastHour = Int.min

    @inline(__always)
    mutating func note(_ time: Date) {
        events += 1
        if first.map({ time < $0 }) ?? true { first = time }
        if last.map({ time > $0 }) ?? true { last = time }
        let hour = Int(time.timeIntervalSince1970 / 3600)
        if hour != lastHour { hours.insert(hour); lastHour = hour }
    }
}

/// The first and last event time over the coverage tallies a file's aggregates were flushed
/// with (a file may flush more than once), for its ledger entry's `firstRecordAt` and `lastRecordAt`.
struct RecordTimes {
    private(set) var first: Date?
    private(set) var last: Date?

    mutating func note(_ tally: CoverageTally) {
        if let time = tally.first, first.map({ time < $0 }) ?? true { first = time }
        if let time = tally.last, last.map({ time > $0 }) ?? true { last = time }
    }

    mutating func note(_ other: RecordTimes) {
        if let time = other.first, first.map({ time < $0 }) ?? true { first = time }
        if let time = other.last, last.map({ time > $0 }) ?? true { last = time }
    }

    func apply(to entry: inout LedgerEntry) {
        entry.firstRecordAt = first
        entry.lastRecordAt = last
    }
}

extension LedgerEntry {
    /// Adds the account of the records that followed this entry's in the same file (`LineSplit`):
    /// counts summed, rejection reasons in the order first seen, their first locators kept.
    mutating func append(_ later: LedgerEntry) {
        read += later.read
        accepted += later.accepted
        rejected += later.rejected
        for rejection in later.rejections {
            if let index = rejections.firstIndex(where: { $0.reason == rejection.reason }) {
                rejections[index].count += rejection.count
                rejections[index].locators += rejection.locators.prefix(
                    max(0, Self.maxLocators - rejections[index].locators.count))
            } else {
                rejections.append(rejection)
            }
        }
    }
}

import Foundation

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

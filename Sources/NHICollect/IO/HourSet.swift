import Foundation

/// A set of hour numbers (hours since 1970) kept as a bitmap over the span seen so far, so that
/// noting an event's hour costs a shift and an or, not a Set insertion with SipHash. Hours
/// further than `maxSpan` from the others go to an ordinary Set.
struct HourSet {
    static let maxSpan = 1 << 20
    private var base = 0
    private var words: [UInt64] = []
    private var outliers: Set<Int> = []

    @inline(__always)
    mutating func insert(_ hour: Int) {
        let offset = hour &- base
        if offset >= 0 && offset < words.count << 6 {
            words[offset >> 6] |= 1 << UInt64(offset & 63)
            return
        }
        insertOutside(hour)
    }

    private mutating func insertOutside(_ hour: Int) {
        let word = hour >> 6
        if words.isEmpty {
            base = word << 6
            words = [0]
        } else {
            let first = base >> 6
            let newFirst = min(first, word), newEnd = max(first + words.count, word + 1)
            guard (newEnd - newFirst) << 6 <= Self.maxSpan else { outliers.insert(hour); return }
            if newFirst < first { words.insert(contentsOf: repeatElement(0, count: first - newFirst), at: 0) }
            if newEnd > newFirst + words.count {
                words.append(contentsOf: repeatElement(0, count: newEnd - newFirst - words.count))
            }
            base = newFirst << 6
        }
        let offset = hour - base
        words[offset >> 6] |= 1 << UInt64(offset & 63)
    }

    var set: Set<Int> {
        var hours = outliers
        for (index, word) in words.enumerated() where word != 0 {
            for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { hours.insert(base + index << 6 + bit) }
        }
        return hours
    }
}

import Foundation
import NHIModel
import Testing

/// `BoundedCounter.merge` looks values up by hash when the counters are large; it must count
/// exactly what adding the other counter's values one by one counts.
@Suite struct BoundedCounterMergeTests {
    /// Values that collide on purpose: é composed and decomposed are one String, and long
    /// values share their first bytes.
    static let pool = ["caf\u{E9}", "cafe\u{301}", "a", "b"] + (0..<28).map { "user-agent/1.0 client-\($0)" }

    struct Drawn {
        var counter: BoundedCounter
        /// The distinct values in the order the counter first saw them, with their counts.
        var order: [(value: String, count: Int)] = []
    }

    static func draw(limit: Int, adds: Int, next: (Int) -> Int) -> Drawn {
        var drawn = Drawn(counter: BoundedCounter(limit: limit))
        for _ in 0..<adds {
            let value = pool[next(pool.count)], count = 1 + next(4)
            drawn.counter.add(value, count: count)
            if let place = drawn.order.firstIndex(where: { $0.value == value }) {
                drawn.order[place].count += count
            } else {
                drawn.order.append((value, count))
            }
        }
        return drawn
    }

    /// The simple merge: each value of `other` added in turn, in first-seen order when all fit
    /// (or none do, or `continuing`), else most frequent first.
    static func reference(_ a: Drawn, _ b: Drawn, continuing: Bool) -> (counts: [String: Int], overflow: Int) {
        var merged = a.counter
        let keptA = a.counter.counts.count, keptB = b.counter.counts.count
        let inOrder = continuing || keptA + keptB <= a.counter.limit || keptA == a.counter.limit
        let kept = b.order.filter { entry in b.counter.counts[entry.value] != nil }
        let values =
            inOrder
            ? kept.map { ($0.value, b.counter.counts[$0.value]!) }
            : b.counter.ranked.map { ($0.value, $0.count) }
        for (value, count) in values { merged.add(value, count: count) }
        return (merged.counts, merged.overflow + b.counter.overflow)
    }

    @Test func mergeOfRandomCountersEqualsAddingEachValue() {
        var seed: UInt64 = 11
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        var indexed = 0
        for round in 0..<2_000 {
            let limit = 1 + next(20)
            let a = Self.draw(limit: limit, adds: next(40), next: next)
            let b = Self.draw(limit: limit, adds: next(40), next: next)
            let continuing = round % 2 == 0
            var merged = a.counter
            merged.merge(b.counter, continuing: continuing)
            let expected = Self.reference(a, b, continuing: continuing)
            #expect(merged.counts == expected.counts && merged.overflow == expected.overflow)
            if a.counter.counts.count * b.counter.counts.count > BoundedCounter.comparisonsBeforeIndex { indexed += 1 }
        }
        // Both ways of looking values up were compared.
        #expect(indexed > 200 && indexed < 1_800)
    }
}

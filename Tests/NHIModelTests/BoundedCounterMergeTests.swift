import NHIModel
import Testing

/// `merge` must end as adding the other counter's values one by one in the order it first saw
/// them: the same values in the same order, counts and overflow, whether it compares every value
/// with every one kept or only those of the same hash (counters with many values).
@Suite struct BoundedCounterMergeTests {
    @Test func mergeEqualsAddingTheOtherCountersValuesInTurn() {
        var generator = SystemRandomNumberGenerator()
        // é composed and decomposed are one value; long values share their start, as access keys do.
        let pool =
            ["caf\u{E9}", "cafe\u{301}", "", "a"] + (0..<40).map { "ASIA00000000000000\($0)" }
            + (0..<8).map { "s\($0)" }
        func counter(limit: Int) -> BoundedCounter {
            var counter = BoundedCounter(limit: limit)
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                counter.add(pool.randomElement(using: &generator)!, count: Int.random(in: 1...3, using: &generator))
            }
            return counter
        }
        for _ in 0..<3_000 {
            let limit = Int.random(in: 1...20, using: &generator)
            let continuing = Bool.random(using: &generator)
            var merged = counter(limit: limit)
            let other = counter(limit: Int.random(in: 1...20, using: &generator))
            var reference = merged
            let addsInTurn =
                continuing || merged.values.count + other.values.count <= limit || merged.values.count == limit
            if addsInTurn {
                let counts = other.counts
                for value in other.values { reference.add(value, count: counts[value]!) }
            } else {
                for (value, count) in other.ranked { reference.add(value, count: count) }
            }
            merged.merge(other, continuing: continuing)
            #expect(Array(merged.values) == Array(reference.values))
            #expect(merged.counts == reference.counts)
            #expect(merged.overflow == reference.overflow + other.overflow)
        }
    }
}

import NHIModel
import Testing

/// `values` reads the kept values in place; they must be exactly the keys of `counts`, once each.
@Suite struct BoundedCounterValuesTests {
    @Test func valuesAreTheKeysOfCounts() {
        var generator = SystemRandomNumberGenerator()
        // é composed and decomposed are one value, as Dictionary keys compare them.
        let pool = ["a", "b", "c", "d", "e", "caf\u{E9}", "cafe\u{301}", ""]
        for _ in 0..<2_000 {
            var counter = BoundedCounter(limit: Int.random(in: 1...6, using: &generator))
            var firstAdded: [String] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let value = pool.randomElement(using: &generator)!
                let kept = firstAdded.contains(value) || firstAdded.count < counter.limit
                if kept && !firstAdded.contains(value) { firstAdded.append(value) }
                counter.add(value, count: Int.random(in: 1...3, using: &generator))
            }
            #expect(Array(counter.values) == firstAdded)
            #expect(counter.values.count == counter.counts.count)
            #expect(Set(counter.values) == Set(counter.counts.keys))
        }
    }
}

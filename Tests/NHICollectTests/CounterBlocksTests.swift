@testable import NHICollect
import NHIModel
import Testing

/// `CounterBlocks`, the audit aggregators' per-record counters over ids, against the
/// `BoundedCounter`s they stand for.
@Suite struct CounterBlocksTests {
    /// Random ids (some absent, -1) into random records and kinds, past the limit and past the
    /// first growth of the storage: every counter equals a `BoundedCounter` fed the same values.
    @Test func agreesWithBoundedCounterAcrossRecordsKindsAndOverflow() {
        for (kinds, limit) in [(5, 16), (4, 16), (1, 1), (3, 2)] {
            let blocks = CounterBlocks(kinds: kinds, limit: limit)
            var expected: [[BoundedCounter]] = []
            var random = SplitMix64(seed: UInt64(kinds * 100 + limit))
            for _ in 0..<4_000 {
                if expected.isEmpty || random.next() % 20 == 0 {
                    blocks.addRecord()
                    expected.append(Array(repeating: BoundedCounter(limit: limit), count: kinds))
                }
                let record = Int(random.next() % UInt64(expected.count))
                let kind = Int(random.next() % UInt64(kinds))
                let id = Int32(random.next() % 40) - 1
                blocks.add(record: record, kind: kind, id)
                if id >= 0 { expected[record][kind].add("v\(id)") }
            }
            #expect(blocks.records == expected.count && expected.count > 64)
            for record in expected.indices {
                for kind in 0..<kinds {
                    for distinct in [true, false] {
                        let counter = blocks.counter(record: record, kind: kind, distinctASCII: { _ in distinct }) {
                            "v\($0)"
                        }
                        #expect(
                            counter == expected[record][kind],
                            "record \(record) kind \(kind), \(kinds) kinds, limit \(limit)")
                    }
                }
            }
        }
    }

    /// Records added through many growths of the storage, with other allocations between them
    /// (so that `realloc` moves the blocks, at times to another distance from a cache line boundary,
    /// and at times remaps them): every record keeps its values and counts.
    @Test func keepsEveryRecordAcrossGrowths() {
        for (kinds, limit) in [(5, 16), (1, 1), (3, 2)] {
            let blocks = CounterBlocks(kinds: kinds, limit: limit)
            var others: [[UInt8]] = []
            for record in 0..<5_000 {
                blocks.addRecord()
                for kind in 0..<kinds {
                    for value in 0...(record + kind) % (limit + 1) {
                        blocks.add(record: record, kind: kind, Int32(value))
                    }
                }
                if record % 97 == 0 { others.append([UInt8](repeating: 1, count: 48 + record % 80)) }
            }
            #expect(blocks.records == 5_000 && !others.isEmpty)
            for record in 0..<5_000 {
                for kind in 0..<kinds {
                    let counter = blocks.counter(record: record, kind: kind, distinctASCII: { _ in true }) { "v\($0)" }
                    var expected = BoundedCounter(limit: limit)
                    for value in 0...(record + kind) % (limit + 1) { expected.add("v\(value)") }
                    #expect(counter == expected, "record \(record) kind \(kind), \(kinds) kinds, limit \(limit)")
                }
            }
        }
    }

    @Test func keepsTheFirstValuesInOrderAndCountsTheRestAsOverflow() {
        let blocks = CounterBlocks(kinds: 2, limit: 2)
        blocks.addRecord()
        for id: Int32 in [7, 3, 7, 9, 9, 3, -1] { blocks.add(record: 0, kind: 1, id) }
        let counter = blocks.counter(record: 0, kind: 1, distinctASCII: { _ in true }) { "v\($0)" }
        #expect(counter.counts == ["v7": 2, "v3": 2] && counter.overflow == 2)
        #expect(blocks.counter(record: 0, kind: 0, distinctASCII: { _ in true }) { "v\($0)" }.counts.isEmpty)
    }

    @Test func removeAllStartsAfreshWithEmptyRecords() {
        let blocks = CounterBlocks(kinds: 3, limit: 4)
        for _ in 0..<3 { blocks.addRecord() }
        blocks.add(record: 2, kind: 2, 5)
        blocks.removeAll()
        #expect(blocks.records == 0)
        for _ in 0..<3 { blocks.addRecord() }
        #expect(blocks.counter(record: 2, kind: 2, distinctASCII: { _ in true }) { "v\($0)" }.counts.isEmpty)
    }

    /// Distinct ids whose names are one String are counted as one value: names with other bytes
    /// that compare equal (é composed and decomposed, K and the Kelvin sign), and names of ids
    /// that are not distinct bytes.
    @Test func namesThatAreOneStringCountAsOne() {
        let blocks = CounterBlocks(kinds: 2, limit: 8)
        blocks.addRecord()
        for id: Int32 in [0, 1, 2, 1, 3, 4] { blocks.add(record: 0, kind: 0, id) }
        for id: Int32 in [0, 1, 2, 1] { blocks.add(record: 0, kind: 1, id) }
        let spellings = ["a", "\u{E9}", "e\u{301}", "K", "\u{212A}"]
        let accents = blocks.counter(record: 0, kind: 0, distinctASCII: { spellings[Int($0)].utf8.count == 1 }) {
            spellings[Int($0)]
        }
        #expect(accents.counts == ["a": 1, "\u{E9}": 3, "K": 2] && accents.ranked.count == 3)
        let shared = blocks.counter(record: 0, kind: 1, distinctASCII: { _ in false }) { $0 == 0 ? "a" : "x" }
        #expect(shared.counts == ["a": 1, "x": 3] && shared.ranked.count == 2)
    }
}

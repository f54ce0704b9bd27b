import Foundation
import NHIModel
import Testing

@Suite struct AggregationTests {
    @Test func boundedCounterCapsDistinctValues() {
        for capacity in [nil, 0, 2, 40] {
            // Reserved room (what readers ask for) changes nothing of what is kept.
            var counter = capacity.map { BoundedCounter(limit: 2, reservingCapacity: $0) } ?? BoundedCounter(limit: 2)
            for value in ["a", "b", "c", "a", "d"] { counter.add(value) }
            #expect(counter.counts == ["a": 2, "b": 1])
            #expect(counter.overflow == 2)
            #expect(
                counter
                    == {
                        var plain = BoundedCounter(limit: 2);
                        for value in ["a", "b", "c", "a", "d"] { plain.add(value) }; return plain
                    }())
        }
    }

    /// Which values a full counter keeps after a merge is fixed (most frequent first, then by
    /// value), not left to the merged counter's Dictionary order, which changes between runs.
    @Test func boundedCounterMergeKeepsTheSameValuesWhateverTheOrder() {
        var other = BoundedCounter(limit: 8)
        for (value, count) in [("e", 1), ("b", 3), ("d", 1), ("c", 3), ("f", 2)] { other.add(value, count: count) }
        var counter = BoundedCounter(limit: 3)
        counter.add("a")
        counter.merge(other)
        #expect(counter.counts == ["a": 1, "b": 3, "c": 3])
        #expect(counter.overflow == 4)
    }

    /// A merge with room for every value, or into a full counter, adds them as they come; it must
    /// keep what adding them most frequent first keeps, which decides once the counter fills
    /// (random counters, all three ways).
    @Test func boundedCounterMergeWithRoomEqualsTheRankedMerge() {
        var seed: UInt64 = 5
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for _ in 0..<500 {
            let limit = 1 + next(6)
            var a = BoundedCounter(limit: limit), b = BoundedCounter(limit: limit)
            for _ in 0..<next(9) { a.add("v\(next(8))", count: 1 + next(3)) }
            for _ in 0..<next(9) { b.add("v\(next(8))", count: 1 + next(3)) }
            var ranked = a
            for (value, count) in b.ranked { ranked.add(value, count: count) }
            var merged = a
            merged.merge(b)
            #expect(merged.counts == ranked.counts && merged.overflow == ranked.overflow + b.overflow)
        }
    }

    /// The values are kept in the order they came, but two counters with the same counts are equal,
    /// hash alike and encode alike whatever that order.
    @Test func boundedCounterEqualityHashAndEncodingIgnoreOrder() throws {
        var forward = BoundedCounter(limit: 4), backward = BoundedCounter(limit: 4)
        for value in ["a", "b", "b", "c"] { forward.add(value) }
        for value in ["c", "b", "a", "b"] { backward.add(value) }
        #expect(forward == backward && forward.hashValue == backward.hashValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(forward), as: UTF8.self)
        #expect(text == #"{"counts":{"a":1,"b":2,"c":1},"limit":4,"overflow":0}"#)
        #expect(try encoder.encode(backward) == encoder.encode(forward))
        #expect(try JSONDecoder().decode(BoundedCounter.self, from: Data(text.utf8)) == forward)

        var other = forward
        other.add("a")
        #expect(other != forward)
        var smaller = BoundedCounter(limit: 3)
        for value in ["a", "b", "b", "c"] { smaller.add(value) }
        #expect(smaller != forward)
        // Same values and counts but different overflow.
        var full = BoundedCounter(limit: 3)
        for value in ["a", "b", "b", "c", "d"] { full.add(value) }
        #expect(full.overflow == 1 && full.counts == smaller.counts && full != smaller)
    }

    /// Values are the same value when Strings say so (canonical equivalence), as they were as
    /// Dictionary keys: "é" precomposed and "e" with a combining accent count as one.
    @Test func boundedCounterCountsCanonicallyEquivalentValuesAsOne() {
        var counter = BoundedCounter(limit: 2)
        counter.add("caf\u{E9}")
        counter.add("cafe\u{301}")
        counter.add("tea")
        #expect(counter.counts.count == 2 && counter.counts["caf\u{E9}"] == 2 && counter.overflow == 0)
    }

    @Test func activityMergeKeepsCountsAndSpan() {
        let t0 = Date(timeIntervalSince1970: 1_000), t1 = Date(timeIntervalSince1970: 5_000)
        var a = ActivityRecord(
            identity: IdentityID("x"), platform: .aws, action: "ecs:UpdateService", environment: "prod",
            readOnly: false, at: t1)
        a.record(at: t1, userAgent: "aws-cli/2")
        var b = a
        b.record(at: t0, denied: true)
        a.merge(b)
        #expect(a.count == 3)
        #expect(a.deniedCount == 1)
        #expect(a.firstSeen == t0)
        #expect(a.lastSeen == t1)
        a.normalise()
        #expect(a.writeTimes == [t1])
    }

    @Test func ledgerStaysBalancedAndKeepsFirstLocators() {
        var entry = LedgerEntry(file: "f.csv", format: "x", sha256: "00", size: 1)
        entry.accept(3)
        for line in 1...7 { entry.reject(reason: "bad date", locator: "f.csv:\(line)") }
        #expect(entry.isBalanced)
        #expect(entry.read == 10)
        #expect(entry.rejections.first?.count == 7)
        #expect(entry.rejections.first?.locators.count == LedgerEntry.maxLocators)
    }

    @Test func severityOrdersFromInfoToCritical() {
        #expect(Severity.allCases.sorted() == [.info, .low, .medium, .high, .critical])
        let a = Finding(id: "b", rule: "r", severity: .low, subject: "s", summary: "")
        let b = Finding(id: "a", rule: "r", severity: .critical, subject: "s", summary: "")
        #expect([a, b].sorted(by: Finding.reportOrder).map(\.id) == ["a", "b"])
    }

    /// The report order sorts by severity then id, and keeps findings that tie on both (a repeated
    /// id) in the order given: the reference is a sort of positions that breaks ties by position.
    @Test func inReportOrderIsTheStableReportOrder() {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for size in [0, 1, 2, 7, 64, 500] {
            let findings = (0..<size).map { index in
                Finding(
                    id: "NHI-\(next(size / 2 + 1))", rule: "r", severity: Severity.allCases[next(5)],
                    subject: "s\(index)", summary: "")
            }
            let reference = findings.indices.sorted { lhs, rhs in
                let left = findings[lhs], right = findings[rhs]
                if Finding.reportOrder(left, right) { return true }
                if Finding.reportOrder(right, left) { return false }
                return lhs < rhs
            }.map { findings[$0].subject }
            let sorted = Finding.inReportOrder(findings)
            #expect(sorted.map(\.subject) == reference, "\(size) findings")
            #expect(Finding.isInReportOrder(sorted), "\(size) findings")
            // Sorted findings come back as they are, ties (same severity and id) in the order given.
            let tiesReversed = Self.reversingTies(sorted)
            #expect(Finding.inReportOrder(tiesReversed).map(\.subject) == tiesReversed.map(\.subject))
            if Set(findings.map(\.id)).count > 1 {
                #expect(!Finding.isInReportOrder(Array(sorted.reversed())), "\(size) findings")
            }
        }
    }

    /// `findings` with each run of equal severity and id reversed: still in report order.
    static func reversingTies(_ findings: [Finding]) -> [Finding] {
        var result: [Finding] = []
        var run: [Finding] = []
        for finding in findings {
            if let last = run.last, last.severity != finding.severity || last.id != finding.id {
                result += run.reversed()
                run = []
            }
            run.append(finding)
        }
        return result + run.reversed()
    }
}

@testable import NHIDetect
import NHIModel
import TestSupport
import Testing

/// A finding's evidence, sorted without a set, is what sorting the set of its references gives.
@Suite struct SortedEvidenceTests {
    static func reference(_ random: inout SeededRandom, digests: [String]) -> EvidenceRef {
        EvidenceRef(
            file: random.pick(["aws/cloudtrail.jsonl", "k8s/audit.jsonl", "owners.csv"]), sha256: random.pick(digests),
            line: random.pick([nil, 0, 1, 2, 7]), record: random.pick([nil, 0, 3]),
            pointer: random.pick([nil, "/a", ""]))
    }

    /// References the order tells apart: the same as the set sorted.
    @Test func matchesTheSortedSet() {
        var random = SeededRandom(state: 3)
        for _ in 0..<2_000 {
            // One digest per file, as a pack has, and either every line given or none.
            let evidence = (0..<random.next(12)).map { _ -> EvidenceRef in
                var reference = Self.reference(&random, digests: ["d"])
                reference.sha256 = reference.file
                if reference.line == nil || reference.line == 0 { reference.line = 5 }
                if reference.record == nil || reference.record == 0 { reference.record = 9 }
                if reference.pointer == "" { reference.pointer = nil }
                return reference
            }
            #expect(SortedEvidence.of(evidence) == Array(Set(evidence)).sorted())
        }
    }

    /// References the order cannot tell apart (another digest, a missing line against line 0):
    /// each kept once, in order, as the set has them.
    @Test func keepsEveryDistinctReferenceOnce() {
        var random = SeededRandom(state: 5)
        for _ in 0..<2_000 {
            let evidence = (0..<random.next(14)).map { _ in Self.reference(&random, digests: ["a", "b"]) }
            let sorted = SortedEvidence.of(evidence)
            #expect(sorted.count == Set(evidence).count)
            #expect(Set(sorted) == Set(evidence))
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { !($1 < $0) })
        }
    }

    /// The references themselves sorted, repeats dropped where they meet: the same references in
    /// the same order, those the order cannot tell apart included.
    @Test func sortsAsTheReferencesSorted() {
        var random = SeededRandom(state: 7)
        for _ in 0..<2_000 {
            let evidence = (0..<random.next(40)).map { _ in Self.reference(&random, digests: ["a", "b", "c"]) }
            var expected: [EvidenceRef] = []
            var run = 0
            for reference in evidence.sorted() {
                if let last = expected.last, !(last < reference) {
                    if !expected[run...].contains(reference) { expected.append(reference) }
                } else {
                    run = expected.count
                    expected.append(reference)
                }
            }
            #expect(SortedEvidence.of(evidence) == expected)
        }
    }

    /// The keys made once per reference order positions as `<` orders the references: files that
    /// are equal Strings in other bytes (composed and decomposed) rank alike, many files included.
    @Test func orderOfKeysIsTheOrderOfReferences() {
        var random = SeededRandom(state: 11)
        let files =
            ["b.csv", "a.jsonl", "caf\u{E9}.csv", "cafe\u{301}.csv", "cafe.csv", ""] + (0..<30).map { "f\($0)" }
        for _ in 0..<2_000 {
            let evidence = (0..<random.next(30)).map { _ -> EvidenceRef in
                var reference = Self.reference(&random, digests: ["a", "b"])
                reference.file = random.pick(random.next(2) == 0 ? Array(files.prefix(6)) : files)
                return reference
            }
            let order = SortedEvidence.Order(evidence)
            for lhs in evidence.indices {
                for rhs in evidence.indices {
                    #expect(order.precedes(lhs, rhs) == (evidence[lhs] < evidence[rhs]))
                }
            }
        }
    }

    /// The first few examples of several aggregates: the first few of all their examples sorted,
    /// equal ones as the sort leaves them.
    @Test func firstFewAreThePrefixOfTheSort() {
        var random = SeededRandom(state: 9)
        for _ in 0..<1_000 {
            let activity = (0..<random.next(6)).map { _ -> ActivityRecord in
                var record = ExampleKit.activity(ExampleKit.roleID("deploy"), "ecs:UpdateService")
                record.examples = (0..<random.next(4)).map { _ in Self.reference(&random, digests: ["a", "b"]) }
                return record
            }
            let items = RuleExample("random", ExampleKit.inventory(activity: activity)).context.activity
            let all = items.flatMap(\.record.examples)
            for count in 0..<5 {
                #expect(SortedEvidence.first(count, of: items) == Array(all.sorted().prefix(count)))
            }
        }
    }
}

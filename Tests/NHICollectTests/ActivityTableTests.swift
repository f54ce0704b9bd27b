import Foundation
@testable import NHICollect
import NHIModel
import TestSupport
import Testing

/// `ActivityTable` against a dictionary of records by key, updated the plain way.
@Suite struct ActivityTableTests {
    private func record(_ identity: String, _ action: String, at second: Double, agent: String) -> ActivityRecord {
        var record = ActivityRecord(
            identity: IdentityID(identity), platform: .aws, action: action, environment: "production",
            account: "111122223333", readOnly: false, at: Date(timeIntervalSince1970: second))
        record.record(at: Date(timeIntervalSince1970: second), userAgent: agent)
        return record
    }

    /// A record of one of `identities` at `step`, with a random action and user agent.
    private func randomRecord(
        _ identities: [String], at step: Int, using generator: inout SystemRandomNumberGenerator
    ) -> ActivityRecord {
        record(
            identities.randomElement(using: &generator)!, ["s3:Get", "s3:Put"].randomElement(using: &generator)!,
            at: Double(step), agent: "agent-\(Int.random(in: 0...20, using: &generator))")
    }

    @Test func sameRecordsAsADictionaryThroughAddsUpdatesAndRewrites() {
        var generator = SystemRandomNumberGenerator()
        let identities = ["a", "b", "c", "aws-access-key:AKIA1", "aws-access-key:AKIA2"]
        for round in 0..<200 {
            var table = ActivityTable()
            var plain: [ActivityKey: ActivityRecord] = [:]
            for step in 0..<Int.random(in: 1...60, using: &generator) {
                let made = randomRecord(identities, at: step, using: &generator)
                if Bool.random(using: &generator) {
                    table.add(made)
                    if plain[made.key] == nil { plain[made.key] = made } else { plain[made.key]!.merge(made) }
                } else {
                    let time = Date(timeIntervalSince1970: Double(step))
                    table.update(made.key, make: { made }) { $0.record(at: time, denied: true) }
                    plain[made.key, default: made].record(at: time, denied: true)
                }
            }
            #expect(table.dictionary == plain, "round \(round)")
            #expect(table.count == plain.count && plain.keys.allSatisfy { table[$0] == plain[$0] })
            let mapping = [
                IdentityID("aws-access-key:AKIA1"): IdentityID("a"),
                IdentityID("aws-access-key:AKIA2"): IdentityID("b"),
            ]
            var rewritten: [ActivityKey: ActivityRecord] = [:]
            for var record in table.records {
                record.identity = mapping[record.identity] ?? record.identity
                if rewritten[record.key] == nil {
                    rewritten[record.key] = record
                } else {
                    rewritten[record.key]!.merge(record)
                }
            }
            table.rewriteIdentities(mapping)
            #expect(table.dictionary == rewritten, "round \(round), rewritten")
            let taken = table.take()
            #expect(table.isEmpty && Dictionary(uniqueKeysWithValues: taken.map { ($0.key, $0) }) == rewritten)
        }
    }

    /// `merge` hands each record over with the hash its table keeps: the merged table must hold
    /// what adding the records one by one gives, in the same order, and find every key after.
    @Test func mergeIsAddingEachRecordInTurn() {
        var generator = SystemRandomNumberGenerator()
        let identities = ["a", "b", "c", "d"]
        func table(_ steps: Int, from start: Int) -> ActivityTable {
            var table = ActivityTable()
            for step in start..<(start + steps) {
                let made = randomRecord(identities, at: step, using: &generator)
                if Bool.random(using: &generator) {
                    table.add(made)
                } else {
                    table.update(made.key, make: { made }) { $0.record(at: Date(timeIntervalSince1970: Double(step))) }
                }
            }
            return table
        }
        for round in 0..<200 {
            let continuing = round % 2 == 1
            var merged = table(Int.random(in: 0...20, using: &generator), from: 0)
            var added = merged
            let later = table(Int.random(in: 0...20, using: &generator), from: 100)
            merged.merge(later, continuing: continuing)
            for record in later.records { added.add(record, continuing: continuing) }
            #expect(merged.records == added.records, "round \(round)")
            #expect(added.records.allSatisfy { merged[$0.key] == $0 }, "round \(round)")
            // A third table merged on top still finds the keys the second brought.
            var again = ActivityTable()
            again.merge(merged)
            again.merge(later, continuing: continuing)
            for record in later.records { merged.add(record, continuing: continuing) }
            #expect(again.records == merged.records, "round \(round), again")
        }
    }

    /// A table merged while nothing else holds it has its records moved, not copied: the result
    /// must be that of adding copies of the same records (the table made again from the same seed).
    @Test func mergeOfAnUnsharedTableIsAddingEachRecordInTurn() {
        func table(seed: UInt64, steps: Int) -> ActivityTable {
            var random = SeedMutator(seed: seed)
            var table = ActivityTable()
            for step in 0..<steps {
                table.add(
                    record(
                        ["a", "b", "c"].randomElement(using: &random)!,
                        ["s3:Get", "s3:Put"].randomElement(using: &random)!,
                        at: Double(step), agent: "agent-\(Int.random(in: 0...20, using: &random))"))
            }
            return table
        }
        for round in 0..<100 {
            let continuing = round % 2 == 1
            var merged = table(seed: UInt64(round), steps: round % 7)
            var added = table(seed: UInt64(round), steps: round % 7)
            merged.merge(table(seed: UInt64(1_000 + round), steps: round % 11), continuing: continuing)
            for record in table(seed: UInt64(1_000 + round), steps: round % 11).records {
                added.add(record, continuing: continuing)
            }
            #expect(merged.records == added.records, "round \(round)")
            #expect(added.records.allSatisfy { merged[$0.key] == $0 }, "round \(round)")
        }
    }

    /// Thousands of keys, so that the table grows many times, in adds, updates and merges (with
    /// and without room made first), and keys that differ in one part only: each lookup must find
    /// the record of its own key, as a dictionary does.
    @Test func manyKeysAsADictionary() {
        var random = SeededRandom(state: 11)
        func made(_ step: Int) -> ActivityRecord {
            var record = ActivityRecord(
                identity: IdentityID("id-\(random.next(300))"), platform: .aws, action: random.pick(["a", "b"]),
                requestFields: random.pick([[], ["x"], ["x", "y"]]), environment: random.pick(["prod", "dev"]),
                account: random.pick([nil, "1", "2"]), readOnly: false, at: Date(timeIntervalSince1970: Double(step)))
            record.record(at: Date(timeIntervalSince1970: Double(step)), userAgent: "agent-\(random.next(30))")
            return record
        }
        for round in 0..<6 {
            var table = ActivityTable()
            var plain: [ActivityKey: ActivityRecord] = [:]
            for step in 0..<3_000 {
                if step % 500 == 0 && round % 2 == 0 { table.reserveCapacity(table.count + random.next(2_000)) }
                let record = made(step)
                if random.next(4) == 0 {
                    var other = ActivityTable()
                    other.add(record)
                    table.merge(other)
                } else {
                    table.add(record)
                }
                if plain[record.key] == nil { plain[record.key] = record } else { plain[record.key]!.merge(record) }
            }
            #expect(table.dictionary == plain, "round \(round)")
            #expect(table.count == plain.count && plain.allSatisfy { table[$0.key] == $0.value }, "round \(round)")
        }
    }

    @Test func recordsKeepTheOrderTheirKeysFirstCame() {
        var table = ActivityTable()
        for (index, identity) in ["c", "a", "b", "a", "c"].enumerated() {
            table.add(record(identity, "s3:Get", at: Double(index), agent: "x"))
        }
        #expect(table.records.map(\.identity.rawValue) == ["c", "a", "b"])
        #expect(table.records.map(\.count) == [2, 2, 1])
    }
}

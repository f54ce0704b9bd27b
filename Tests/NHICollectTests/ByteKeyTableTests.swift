import Foundation
@testable import NHICollect
import Testing

/// The byte-keyed memo tables of the ingest hot path: one dense id per distinct key, however
/// the table grows, and compound keys that keep their parts apart.
@Suite struct ByteKeyTableTests {
    private func withSpans<R>(_ parts: [[UInt8]?], _ body: (UnsafeBufferPointer<ByteSpan>) -> R) -> R {
        // Copies that live for the call: spans point into them.
        let copies = parts.map { part in
            part.map { bytes -> UnsafeMutablePointer<UInt8> in
                let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
                copy.initialize(from: bytes, count: bytes.count)
                return copy
            }
        }
        defer { copies.forEach { $0?.deallocate() } }
        let spans = zip(parts, copies).map { part, copy in
            part.map { ByteSpan(start: UnsafePointer(copy!), count: $0.count) } ?? .absent
        }
        return spans.withUnsafeBufferPointer(body)
    }

    private func id(_ table: inout ByteKeyTable, _ parts: [[UInt8]?]) -> Int32 {
        withSpans(parts) { key in
            let hash = ByteKeyTable.hash(parts: key)
            let found = table.find(parts: key, hash: hash)
            return found >= 0 ? found : table.insert(parts: key, hash: hash)
        }
    }

    @Test func singleKeysGetStableDenseIdsThroughGrowth() {
        var table = ByteKeyTable(capacity: 2)
        var reference: [[UInt8]: Int32] = [:]
        var random = SplitMix64(seed: 11)
        for _ in 0..<5000 {
            // Lengths 0...40 cover every tail case of the hash (under 4, 4–7, 8–16, longer).
            let key = (0..<Int(random.next() % 41)).map { _ in UInt8(truncatingIfNeeded: random.next() % 7) }
            let id = key.withUnsafeBufferPointer { table.id($0) }
            if let known = reference[key] {
                #expect(id == known)
            } else {
                #expect(id == Int32(reference.count))
                reference[key] = id
            }
        }
        #expect(table.count == reference.count)
        for (key, id) in reference.prefix(50) {
            #expect(table.withKey(id) { Array($0) } == key)
            #expect(table.hash(of: id) == key.withUnsafeBufferPointer { ByteKeyTable.hash($0) })
        }
    }

    @Test func addTellsNewKeysAndRemoveAllStartsAfresh() {
        var table = ByteKeyTable(capacity: 2)
        let keys = (0..<300).map { Array("user-\($0 % 120)".utf8) }
        var seen: [[UInt8]: Int32] = [:]
        for key in keys {
            let (id, isNew) = key.withUnsafeBufferPointer { table.add($0) }
            #expect(isNew == (seen[key] == nil))
            #expect(id == seen[key, default: Int32(seen.count)])
            seen[key] = id
            #expect(key.withUnsafeBufferPointer { table.find($0) } == id)
            #expect(table.string(id) == String(decoding: key, as: UTF8.self))
        }
        #expect(Array("user-120".utf8).withUnsafeBufferPointer { table.find($0) } == nil)
        table.removeAll()
        #expect(table.count == 0)
        #expect(keys[5].withUnsafeBufferPointer { table.find($0) } == nil)
        let (id, isNew) = keys[5].withUnsafeBufferPointer { table.add($0) }
        #expect(id == 0 && isNew)
        #expect(table.string(0) == "user-5")
    }

    @Test func equalBytesHashAlikeWhereverTheyLie() {
        let bytes = Array("arn:aws:iam::111122223333:role/deploy".utf8)
        let shifted = [0, 0, 0] + bytes
        let first = bytes.withUnsafeBufferPointer { ByteKeyTable.hash($0) }
        let second = shifted.withUnsafeBufferPointer { ByteKeyTable.hash(UnsafeBufferPointer(rebasing: $0[3...])) }
        #expect(first == second)
        var differentLast = bytes
        differentLast[differentLast.count - 1] ^= 1
        #expect(differentLast.withUnsafeBufferPointer { ByteKeyTable.hash($0) } != first)
    }

    @Test func compoundKeysKeepPartsAndAbsenceApart() {
        var table = ByteKeyTable()
        let ab = Array("ab".utf8), c = Array("c".utf8), a = Array("a".utf8), bc = Array("bc".utf8)
        let keys: [[[UInt8]?]] = [[ab, c], [a, bc], [ab, nil], [ab, []], [nil, ab], [ab], [ab, c, nil]]
        let ids = keys.map { id(&table, $0) }
        #expect(Set(ids).count == keys.count)
        #expect(keys.map { id(&table, $0) } == ids)
        #expect(table.count == keys.count)
    }
}

@Suite struct HourSetTests {
    @Test func holdsWhatASetHolds() {
        var hours = HourSet()
        var reference = Set<Int>()
        var random = SplitMix64(seed: 5)
        let base = 493_000
        for step in 0..<3000 {
            // Mostly near one another, in both directions, and a few far away (the outlier Set).
            let hour =
                step % 500 == 0
                ? Int(random.next() % 100_000_000) - 50_000_000 : base + Int(random.next() % 4000) - 2000
            hours.insert(hour)
            reference.insert(hour)
        }
        hours.insert(-1)
        reference.insert(-1)
        #expect(hours.set == reference)
        #expect(HourSet().set.isEmpty)
    }
}

import NHIModel

/// The `BoundedCounter`s of an audit aggregator's records over interned ids (per record one of
/// each kind: user agents, source IPs, …), each the first `limit` distinct values in order of
/// appearance with their counts, and a count of the rest (overflow).
///
/// One block of Int32s per record: every kind's fill, then every kind's overflow, then the i-th
/// value of every kind side by side, followed by their counts. Blocks start on cache lines. An
/// event counts one value of each kind, and most records see one or two values per kind, so an
/// event touches one or two cache lines of its record instead of one per kind; with many
/// records (callers drawn at random) those are cache misses. Written through a pointer: no array
/// bounds or uniqueness checks on the hot path.
final class CounterBlocks {
    let kinds: Int
    let limit: Int
    /// Int32s per block, a whole number of cache lines.
    private let stride: Int
    private var storage: UnsafeMutablePointer<Int32>
    private var capacity = 0
    private(set) var records = 0

    private static var alignment: Int { 64 }

    init(kinds: Int, limit: Int) {
        precondition(kinds > 0 && limit > 0)
        self.kinds = kinds
        self.limit = limit
        let ints = 2 * kinds * (limit + 1)
        let perLine = Self.alignment / MemoryLayout<Int32>.stride
        stride = (ints + perLine - 1) / perLine * perLine
        storage = Self.allocate(blocks: 0, stride: stride)
    }

    deinit { storage.deallocate() }

    /// Adds a record with empty counters; its index is the previous `records`.
    func addRecord() {
        if records == capacity { grow(to: max(64, capacity * 2)) }
        (storage + records * stride).update(repeating: 0, count: stride)
        records += 1
    }

    /// Counts `id` (ids below 0 are "no value" and not counted) in counter `kind` of `record`.
    /// Counts are 32-bit: callers flush before any reaches `Int32.max` events.
    @inline(__always)
    func add(record: Int, kind: Int, _ id: Int32) {
        guard id >= 0 else { return }
        let kinds = self.kinds
        let block = storage + record * stride
        let fill = Int(block[kind])
        // The value slots of this kind, 2 * kinds apart; its count sits `kinds` after each.
        var slot = block + 2 * kinds + kind
        for _ in 0..<fill {
            if slot[0] == id {
                slot[kinds] &+= 1
                return
            }
            slot += 2 * kinds
        }
        if fill < limit {
            slot[0] = id
            slot[kinds] = 1
            block[kind] = Int32(fill + 1)
        } else {
            block[kinds + kind] &+= 1
        }
    }

    /// Counter `kind` of `record` as a `BoundedCounter`, each id named by `string`.
    func counter(record: Int, kind: Int, _ string: (Int32) -> String) -> BoundedCounter {
        let block = storage + record * stride
        let fill = Int(block[kind]), overflow = Int(block[kinds + kind])
        // A kind the record never saw (actors, mostly) allocates nothing.
        var result = fill == 0 ? BoundedCounter(limit: limit) : BoundedCounter(limit: limit, reservingCapacity: fill + (overflow > 0 ? 1 : 0))
        var slot = block + 2 * kinds + kind
        for _ in 0..<fill {
            result.add(string(slot[0]), count: Int(slot[kinds]))
            slot += 2 * kinds
        }
        // A full counter sends any value it has not seen to overflow: replay the overflow that way.
        if overflow > 0 { result.add("\u{0}overflow", count: overflow) }
        return result
    }

    /// Forgets every record (the storage is kept for the next ones).
    func removeAll() { records = 0 }

    private func grow(to blocks: Int) {
        let grown = Self.allocate(blocks: blocks, stride: stride)
        grown.moveInitialize(from: storage, count: records * stride)
        storage.deallocate()
        storage = grown
        capacity = blocks
    }

    private static func allocate(blocks: Int, stride: Int) -> UnsafeMutablePointer<Int32> {
        UnsafeMutableRawPointer.allocate(byteCount: max(blocks * stride, 1) * MemoryLayout<Int32>.stride, alignment: alignment)
            .bindMemory(to: Int32.self, capacity: max(blocks * stride, 1))
    }
}

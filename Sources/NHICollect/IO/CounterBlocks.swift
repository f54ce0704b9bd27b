import CJSONScan
import Foundation
import NHIModel

/// The `BoundedCounter`s of an audit aggregator's records over interned ids (per record one of
/// each kind: user agents, source IPs, …), each the first `limit` distinct values in order of
/// appearance with their counts, and a count of the rest (overflow).
///
/// One block of Int32s per record, starting on a cache line: a header line with every kind's fill
/// and overflow, then per kind its values side by side (one line at the usual limit of 16)
/// followed by their counts. A value is looked for four at a time (`nhi_find_int32`). With many
/// records (callers drawn at random), most counters of a record are full and the value counted is
/// not among them: that reads the header and one line per kind, where values interleaved across
/// kinds made it read the whole block. Written through a pointer: no array bounds or uniqueness
/// checks on the hot path.
///
/// The blocks grow by `realloc`, not by a new allocation and a copy: a CloudTrail part's blocks
/// reach tens of megabytes, and the allocator can extend an allocation in place (glibc's also
/// moves a large one's pages, `mremap`) where a copy writes every byte again, into pages faulted
/// in afresh (growing took 0.10 CPU s of collecting the 10 k organisation with glibc's malloc,
/// 0.04 s by `realloc`, perf). `realloc` keeps only malloc's alignment, so the blocks start at
/// the first cache line boundary past the allocation's start, and move when that distance changes.
final class CounterBlocks {
    let kinds: Int
    let limit: Int
    /// Int32s per block, a whole number of cache lines.
    private let stride: Int
    /// Int32s before the first kind's values: the fills and overflows, rounded up to a line.
    private let header: Int
    /// What `realloc` gave: `storage` aligned up to a cache line.
    private var allocation: UnsafeMutableRawPointer
    private var storage: UnsafeMutablePointer<Int32>
    private var capacity = 0
    private(set) var records = 0

    private static var alignment: Int { 64 }
    private static var perLine: Int { alignment / MemoryLayout<Int32>.stride }

    init(kinds: Int, limit: Int) {
        precondition(kinds > 0 && limit > 0)
        self.kinds = kinds
        self.limit = limit
        header = Self.wholeLines(2 * kinds)
        stride = Self.wholeLines(header + 2 * kinds * limit)
        allocation = Self.reallocate(nil, bytes: 0)
        storage = Self.aligned(allocation, blocks: 0, stride: stride)
    }

    deinit { free(allocation) }

    private static func wholeLines(_ ints: Int) -> Int { (ints + perLine - 1) / perLine * perLine }

    /// Adds a record with empty counters; its index is the previous `records`.
    func addRecord() {
        if records == capacity { grow(to: max(64, capacity * 2)) }
        // Only the fills need to be zero: values and counts past a fill are never read.
        (storage + records * stride).update(repeating: 0, count: header)
        records += 1
    }

    /// Asks for the header line of `record`'s block and every kind's line of values ahead of `add`
    /// (see `nhi_prefetch`): what it reads when the value is not among them, as with callers that vary.
    @inline(__always)
    func prefetch(record: Int) {
        let block = storage + record * stride
        nhi_prefetch(block)
        for kind in 0..<kinds { nhi_prefetch(block + header + 2 * limit * kind) }
    }

    /// Counts `id` (ids below 0 are "no value" and not counted) in counter `kind` of `record`.
    /// Counts are 32-bit: callers flush before any reaches `Int32.max` events.
    @inline(__always)
    func add(record: Int, kind: Int, _ id: Int32) {
        guard id >= 0 else { return }
        let block = storage + record * stride
        let fill = Int(block[kind])
        let values = block + header + 2 * limit * kind
        let found = nhi_find_int32(values, fill, id)
        if found >= 0 {
            values[limit + found] &+= 1
        } else if fill < limit {
            values[fill] = id
            values[limit + fill] = 1
            block[kind] = Int32(fill + 1)
        } else {
            block[kinds + kind] &+= 1
        }
    }

    /// Counter `kind` of `record` as a `BoundedCounter`, each id named by `string`.
    /// `distinctASCII`: whether an id's name is ASCII and its bytes differ from those of every
    /// other id of the counter (the ids of one interner, which knows which of its values are
    /// ASCII); when all are, they are counted without looking for each among the others, and
    /// without reading their names twice. Inlined, so that `string` is the caller's own closure,
    /// called directly, not through `fill`'s wrapper of it.
    @inline(__always)
    func counter(
        record: Int, kind: Int, distinctASCII: (Int32) -> Bool, _ string: (Int32) -> String
    ) -> BoundedCounter {
        let block = storage + record * stride
        let fill = Int(block[kind]), overflow = Int(block[kinds + kind])
        // A kind the record never saw (actors, mostly) allocates nothing.
        var result =
            fill == 0
            ? BoundedCounter(limit: limit)
            : BoundedCounter(limit: limit, reservingCapacity: fill + (overflow > 0 ? 1 : 0))
        let values = block + header + 2 * limit * kind
        // The ids in a counter are distinct: with distinct bytes, so are their names when all are
        // ASCII (else two could be the same String, é composed and decomposed or K and the Kelvin
        // sign, and `add` finds it).
        let distinct = (0..<fill).allSatisfy { distinctASCII(values[$0]) }
        for index in 0..<fill {
            if distinct {
                result.add(new: string(values[index]), count: Int(values[limit + index]))
            } else {
                result.add(string(values[index]), count: Int(values[limit + index]))
            }
        }
        // A full counter sends any value it has not seen to overflow: replay the overflow that way.
        if overflow > 0 { result.add("\u{0}overflow", count: overflow) }
        return result
    }

    /// Forgets every record (the storage is kept for the next ones).
    func removeAll() { records = 0 }

    private func grow(to blocks: Int) {
        let offset = UnsafeMutableRawPointer(storage) - allocation
        allocation = Self.reallocate(allocation, bytes: blocks * stride * MemoryLayout<Int32>.stride)
        storage = Self.aligned(allocation, blocks: blocks, stride: stride)
        let moved = UnsafeMutableRawPointer(storage) - allocation
        if moved != offset {
            // `realloc` kept the blocks at their old distance from its start (ranges may overlap).
            memmove(allocation + moved, allocation + offset, records * stride * MemoryLayout<Int32>.stride)
        }
        capacity = blocks
    }

    /// `bytes` and room to align them, from `realloc`.
    private static func reallocate(_ allocation: UnsafeMutableRawPointer?, bytes: Int) -> UnsafeMutableRawPointer {
        guard let grown = realloc(allocation, bytes + alignment) else {
            fatalError("CounterBlocks: out of memory for \(bytes) bytes")
        }
        return grown
    }

    private static func aligned(_ allocation: UnsafeMutableRawPointer, blocks: Int, stride: Int)
        -> UnsafeMutablePointer<Int32>
    {
        allocation.alignedUp(toMultipleOf: alignment).bindMemory(to: Int32.self, capacity: max(blocks * stride, 1))
    }
}

/// A kind of value the audit aggregators' records count (user agents, source IPs, …): one counter
/// of `CounterBlocks` per record each, in declaration order, filling one field of `ActivityRecord`.
protocol ActivityCounterKind: RawRepresentable<Int>, CaseIterable {
    /// Sets the field of `activity` that this counter fills. A method, not a key path: each record's
    /// fields are set through it, and a key path costs a runtime call and a retain per use.
    func set(_ counter: BoundedCounter, in activity: inout ActivityRecord)
}

extension CounterBlocks {
    /// Counts `id` (`ValueId.absent`: the event has no such value, not counted) in counter `kind` of `record`.
    @inline(__always)
    func add<Kind: ActivityCounterKind>(record: Int, _ kind: Kind, _ id: Int32) {
        add(record: record, kind: kind.rawValue, id)
    }

    /// Sets every kind's field of `activity` from the counters of `record`, each id named by
    /// `name`; `distinctASCII` as for `counter(record:kind:distinctASCII:_:)`. Inlined into each
    /// aggregator's flush, so that `name` and `distinctASCII` are its closures, inlined too.
    @inline(__always)
    func fill<Kind: ActivityCounterKind>(
        _ activity: inout ActivityRecord, record: Int, distinctASCII: (Kind, Int32) -> Bool,
        name: (Kind, Int32) -> String
    ) {
        for kind in Kind.allCases {
            kind.set(
                counter(record: record, kind: kind.rawValue, distinctASCII: { distinctASCII(kind, $0) }) {
                    name(kind, $0)
                },
                in: &activity)
        }
    }
}

/// The id of a value an event does not have, in the audit aggregators' memo tables and counters.
enum ValueId {
    static let absent: Int32 = -1
}

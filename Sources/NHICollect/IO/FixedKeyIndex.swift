import CJSONScan

/// A key of a few machine words that `FixedKeyIndex` can hold in its slots.
protocol FixedKey: Equatable {
    /// A well-mixed hash of the key (the index takes its low bits).
    var tableHash: Int { get }
    /// Any value of the type: what an empty slot holds beside its empty mark.
    static var placeholder: Self { get }
}

/// Dense ids (0, 1, 2, …) for fixed-size keys, in the order they were added: where an
/// aggregator's record for a key is in its record list.
///
/// Open addressing over a power-of-two slot array, each slot holding the key beside its id, so
/// that a probe touches one slot and nothing else; the record and its counters then depend on
/// the id alone and are fetched together. This is the table for keys of a fixed size; byte
/// strings of any length (values, compound keys read from input) go to `ByteKeyTable`, which
/// keeps them in an arena and compares bytes only when hashes agree, a layout that costs a fixed
/// key an extra cache miss per lookup. Values named on memo misses only use `DenseIds`.
struct FixedKeyIndex<Key: FixedKey> {
    private struct Slot {
        var key: Key
        /// The key's id, `Self.emptyMark` for an empty slot.
        var id: Int32
    }

    private static var emptyMark: Int32 { -1 }
    private var slots: [Slot]
    private(set) var count = 0

    init(capacity: Int = 512) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: .placeholder, id: Self.emptyMark), count: size)
    }

    /// The id of `key`, or nil when it has none (then `add` it).
    @inline(__always)
    func find(_ key: Key) -> Int? {
        let mask = slots.count - 1
        var index = key.tableHash & mask
        while true {
            let slot = slots[index]
            if slot.id == Self.emptyMark { return nil }
            if slot.key == key { return Int(slot.id) }
            index = (index + 1) & mask
        }
    }

    /// Adds `key` (not held yet) and returns its id, the number of keys held before it.
    @inline(__always)
    mutating func add(_ key: Key) -> Int {
        let id = count
        count += 1
        if count * 2 > slots.count {
            let old = slots
            slots = [Slot](repeating: Slot(key: .placeholder, id: Self.emptyMark), count: slots.count * 2)
            for slot in old where slot.id != Self.emptyMark { place(slot) }
        }
        place(Slot(key: key, id: Int32(id)))
        return id
    }

    /// The id of `key`, adding it on first sight (`isNew`).
    @inline(__always)
    mutating func id(_ key: Key) -> (id: Int, isNew: Bool) {
        if let known = find(key) { return (known, false) }
        return (add(key), true)
    }

    /// Asks for the slot where a probe for `key` starts (see `nhi_prefetch`).
    @inline(__always)
    func prefetch(_ key: Key) {
        slots.withUnsafeBufferPointer { nhi_prefetch($0.baseAddress! + (key.tableHash & ($0.count - 1))) }
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = slot.key.tableHash & mask
        while slots[index].id != Self.emptyMark { index = (index + 1) & mask }
        slots[index] = slot
    }
}

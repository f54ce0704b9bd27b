/// Where each record of an `ActivityTable` is, by its key's hash: places (0, 1, 2, … in the order
/// keys came) with each key's hash, and open addressing with linear probing over slots that hold
/// a place beside the high half of its hash, at most half full.
///
/// A probe reads one slot and looks at a record only when the halves agree, so that a key is
/// compared with one record per lookup, almost always its own. Growing re-places every place by
/// the hash kept for it, with no key hashed, copied or compared. A Dictionary keyed by the key
/// held a second copy of every key (a retain of each of its Strings per insert, a release per
/// removal), hashed the stored hash again on every probe and moved those copies as it grew: most
/// of the table's share of handing CloudTrail activity over (perf, 10 k organisation).
struct ActivityPlaces: Sendable {
    private struct Slot: Sendable {
        /// The place, `Self.empty` for an empty slot.
        var place: Int32
        /// The high half of the key's hash (the low bits choose the slot).
        var check: UInt32
    }

    private static let empty: Int32 = -1
    private static let emptySlot = Slot(place: empty, check: 0)

    /// The hash of the key at each place.
    private(set) var hashes: [Int] = []
    private var slots: [Slot] = []

    var count: Int { hashes.count }

    /// Makes room for `capacity` places in all, so that adding up to that many grows nothing.
    mutating func reserveCapacity(_ capacity: Int) {
        hashes.reserveCapacity(capacity)
        makeRoom(for: capacity)
    }

    /// Makes slots for `capacity` places in all (growing them by powers of two), for `find` to
    /// give a slot that `add` can fill. The hashes are left to grow as arrays do: reserving room
    /// for one more each time would copy them each time.
    @inline(__always)
    mutating func makeRoom(for capacity: Int) {
        guard capacity * 2 > slots.count else { return }
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Self.emptySlot, count: size)
        for (place, hash) in hashes.enumerated() { slots[freeSlot(hash)] = Self.slot(place, hash) }
    }

    /// The place of the key whose hash is `hash`, as `isKey` tells (given a place whose hash
    /// agrees: does the record there have the key?), or nil with the slot where `add` puts it.
    /// Call `makeRoom(for: count + 1)` first when the key may be added.
    @inline(__always)
    func find(_ hash: Int, isKey: (Int) -> Bool) -> (place: Int?, slot: Int) {
        guard !slots.isEmpty else { return (nil, 0) }
        let mask = slots.count - 1
        let check = Self.check(hash)
        var index = hash & mask
        while true {
            let slot = slots[index]
            if slot.place == Self.empty { return (nil, index) }
            if slot.check == check && isKey(Int(slot.place)) { return (Int(slot.place), index) }
            index = (index + 1) & mask
        }
    }

    /// Adds the next place, `count`, for a key of `hash` at `slot` (as `find` gave it, with no
    /// place added since), and returns it.
    @inline(__always)
    mutating func add(_ hash: Int, at slot: Int) -> Int {
        let place = hashes.count
        slots[slot] = Self.slot(place, hash)
        hashes.append(hash)
        return place
    }

    private func freeSlot(_ hash: Int) -> Int {
        let mask = slots.count - 1
        var index = hash & mask
        while slots[index].place != Self.empty { index = (index + 1) & mask }
        return index
    }

    @inline(__always)
    private static func check(_ hash: Int) -> UInt32 { UInt32(truncatingIfNeeded: hash >> 32) }

    @inline(__always)
    private static func slot(_ place: Int, _ hash: Int) -> Slot { Slot(place: Int32(place), check: check(hash)) }
}

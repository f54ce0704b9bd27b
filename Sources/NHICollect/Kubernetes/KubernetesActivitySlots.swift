/// Aggregate slots by a key of two words (identity and action; environment and request shape):
/// open addressing, no SipHash.
struct KubernetesActivitySlots {
    private var slots = [Int32](repeating: -1, count: 64)
    private var highs: [UInt64] = []
    private var lows: [UInt64] = []

    @inline(__always)
    mutating func slot(_ high: UInt64, _ low: UInt64) -> (Int, isNew: Bool) {
        var hash = (high ^ (low &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            if highs[Int(entry)] == high && lows[Int(entry)] == low { return (Int(entry), false) }
            slot = (slot + 1) & mask
        }
        let id = highs.count
        slots[slot] = Int32(id)
        highs.append(high)
        lows.append(low)
        if highs.count * 2 > slots.count { grow() }
        return (id, true)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for index in highs.indices {
            var hash = (highs[index] ^ (lows[index] &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}

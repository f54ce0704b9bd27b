import CJSONScan

/// What a CloudTrail activity record is keyed by within one aggregator: ids of its identity,
/// action, request field set and account (as `ActivityKey`, but interned).
struct CloudTrailRecordKey: Equatable {
    var identity, action, fields, account: Int32
}

/// Where each `CloudTrailRecordKey`'s record is in the aggregator's record list: open addressing,
/// each slot holding the key beside the record's index, so that a probe touches one slot and
/// nothing else. The record and its counters then depend on that index alone and are fetched
/// together, where comparing with the record's own key made the counters wait for the record.
struct CloudTrailRecordIndex {
    private struct Slot {
        var key: CloudTrailRecordKey
        /// The record's index, -1 for an empty slot.
        var record: Int32
    }

    private static let empty = Slot(key: CloudTrailRecordKey(identity: 0, action: 0, fields: 0, account: 0), record: -1)
    private var slots = [Slot](repeating: CloudTrailRecordIndex.empty, count: 1024)
    private var count = 0

    /// The index of `key`'s record, or -1 when it has none (add it, then call `added`).
    @inline(__always)
    func record(for key: CloudTrailRecordKey) -> Int {
        let mask = slots.count - 1
        var index = Self.hash(key) & mask
        while true {
            let slot = slots[index]
            if slot.record < 0 { return -1 }
            if slot.key == key { return Int(slot.record) }
            index = (index + 1) & mask
        }
    }

    /// Asks for the slot where a probe for `key` starts (see `nhi_prefetch`).
    @inline(__always)
    func prefetch(_ key: CloudTrailRecordKey) {
        slots.withUnsafeBufferPointer { nhi_prefetch($0.baseAddress! + (Self.hash(key) & ($0.count - 1))) }
    }

    /// Notes that `key`'s record is at `record`.
    mutating func added(_ key: CloudTrailRecordKey, record: Int) {
        count += 1
        if count * 2 > slots.count {
            let old = slots
            slots = [Slot](repeating: Self.empty, count: slots.count * 2)
            for slot in old where slot.record >= 0 { place(slot) }
        }
        place(Slot(key: key, record: Int32(record)))
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Self.hash(slot.key) & mask
        while slots[index].record >= 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    @inline(__always)
    private static func hash(_ key: CloudTrailRecordKey) -> Int {
        let low = UInt64(UInt32(bitPattern: key.identity)) | UInt64(UInt32(bitPattern: key.action)) << 32
        let high = UInt64(UInt32(bitPattern: key.fields)) | UInt64(UInt32(bitPattern: key.account)) << 32
        var hash = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
        hash ^= hash >> 32
        return Int(truncatingIfNeeded: hash)
    }
}

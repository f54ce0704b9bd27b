import Foundation

/// Maps byte strings to small integer ids, storing each distinct value once, so the CloudTrail
/// hot path can compare and count values without building and hashing a String per event.
struct ValueInterner {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var arena: [UInt8] = []
    private(set) var strings: [String] = []

    init(capacity: Int = 4096) {
        slots = [Int32](repeating: -1, count: capacity)
    }

    var count: Int { strings.count }

    /// The id of `bytes`, adding it on first sight; nil when the bytes are not valid UTF-8.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            let index = Int(entry)
            if hashes[index] == hash && lengths[index] == bytes.count && matches(index, bytes) { return entry }
            slot = (slot + 1) & mask
        }
        let text: String
        if JSONCursor.isASCII(bytes) {
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            guard let valid = String(validating: bytes, as: UTF8.self) else { return nil }
            text = valid
        }
        let id = Int32(strings.count)
        slots[slot] = id
        hashes.append(hash)
        starts.append(arena.count)
        lengths.append(bytes.count)
        arena.append(contentsOf: bytes)
        strings.append(text)
        if strings.count * 2 > slots.count { grow() }
        return id
    }

    mutating func intern(_ text: String) -> Int32 {
        var copy = text
        return copy.withUTF8 { intern($0) }!
    }

    private func matches(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[index], base, bytes.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// A fast multiply-xorshift hash, eight bytes at a time (not for untrusted-collision resistance:
    /// a collision only costs a comparison).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        var index = 0
        while bytes.count - index >= 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(base[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 29)
    }
}

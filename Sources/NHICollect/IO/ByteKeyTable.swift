import CJSONScan
import Foundation

/// A byte string seen by a reader: a view into its buffer (or into decoded escapes), or absent.
/// Absent (`start == nil`) and empty are different keys.
struct ByteSpan {
    var start: UnsafePointer<UInt8>?
    var count: Int

    static var absent: ByteSpan { ByteSpan(start: nil, count: 0) }

    init(start: UnsafePointer<UInt8>?, count: Int) { self.start = start; self.count = count }

    var isAbsent: Bool { start == nil }
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    @inline(__always)
    func equals(_ literal: StaticString) -> Bool {
        guard let start else { return false }
        return count == literal.utf8CodeUnitCount && ShortBytes.equal(start, literal.utf8Start, count: count)
    }
}

/// Dense ids (0, 1, 2, …) for distinct byte keys, a key being one byte string or a sequence of
/// them. It lets the ingest hot path memoise facts by the bytes it reads (an id indexes a plain
/// array) without building a String or hashing with SipHash per event.
///
/// Open addressing over a power-of-two slot array; each slot holds the upper half of the key's
/// hash beside where the key is in the arena, so a probe touches key bytes only when the hashes
/// agree, and then goes straight to them. Keys are copied into one arena, each behind its id and
/// length (a compound key as length-prefixed parts): a probe that matches reads one place, where
/// a table of ids beside the arena cost one more cache miss per lookup on large tables. Not for
/// untrusted collision resistance: a collision costs a comparison, never a wrong answer.
struct ByteKeyTable {
    /// 0 = empty, else `(hash >> 32) << 32 | (offset of the key's header in arena + 1)`.
    private var slots: [UInt64]
    /// Per id: where its key's bytes start in `arena` (upper half) and their length (lower half).
    private var entries: [UInt64] = []
    private var hashes: [UInt64] = []
    private var arena: [UInt8] = []

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    var count: Int { entries.count }

    // MARK: single keys

    /// The id of `bytes`, or -1 when the table does not hold it.
    @inline(__always)
    func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        probe(hash) { start, length in length == bytes.count && equalBytes(at: start, bytes) }
    }

    /// Adds `bytes` (not already held) and returns its new id.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let id = appendHeader(length: bytes.count, hash: hash)
        arena.append(contentsOf: bytes)
        return id
    }

    /// The id of `bytes`, adding it on first sight.
    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 { add(bytes).id }

    /// The id of `bytes`, and whether this call added them.
    @inline(__always)
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
        let hash = Self.hash(bytes)
        let found = find(bytes, hash: hash)
        return found >= 0 ? (found, false) : (insert(bytes, hash: hash), true)
    }

    /// The id of `bytes`, or nil when the table does not hold them.
    @inline(__always)
    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let found = find(bytes, hash: Self.hash(bytes))
        return found >= 0 ? found : nil
    }

    /// Empties the table, keeping its storage for the keys to come.
    mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        entries.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
    }

    /// Asks for the slot where a probe for `hash` starts, ahead of `find` (see `nhi_prefetch`).
    @inline(__always)
    func prefetch(_ hash: UInt64) {
        slots.withUnsafeBufferPointer {
            nhi_prefetch($0.baseAddress! + (Int(truncatingIfNeeded: hash) & ($0.count - 1)))
        }
    }

    /// The hash a key was inserted with.
    func hash(of id: Int32) -> UInt64 { hashes[Int(id)] }

    /// The bytes of a single key, valid until the next insertion.
    func withKey<R>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let place = entries[Int(id)]
        let start = Int(truncatingIfNeeded: place >> 32), length = Int(truncatingIfNeeded: place & 0xFFFF_FFFF)
        return try arena.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[start..<(start + length)]))
        }
    }

    /// The bytes of a single key as a String (the table holds only what its user validated as UTF-8).
    func string(_ id: Int32) -> String { withKey(id) { String(decoding: $0, as: UTF8.self) } }

    // MARK: compound keys

    /// The id of the sequence `parts` (absent parts included), or -1.
    @inline(__always)
    func find(parts: UnsafeBufferPointer<ByteSpan>, hash: UInt64) -> Int32 {
        let length = Self.encodedLength(parts)
        return probe(hash) { start, stored in stored == length && equalParts(at: start, parts) }
    }

    /// Adds the sequence `parts` (not already held) and returns its new id.
    mutating func insert(parts: UnsafeBufferPointer<ByteSpan>, hash: UInt64) -> Int32 {
        let id = appendHeader(length: Self.encodedLength(parts), hash: hash)
        for part in parts {
            appendInt32(Int32(part.isAbsent ? -1 : part.count))
            if !part.isAbsent { arena.append(contentsOf: part.buffer) }
        }
        return id
    }

    @inline(__always)
    static func hash(parts: UnsafeBufferPointer<ByteSpan>) -> UInt64 {
        var hash: UInt64 = 0x2545_F491_4F6C_DD1D
        for part in parts {
            let partHash = part.isAbsent ? 0x5851_F42D_4C95_7F2D : Self.hash(part.buffer)
            hash = (hash ^ partHash) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
        }
        return hash
    }

    // MARK: internals

    /// The id whose slot carries `hash`'s tag and whose key `matches` (given where it starts in
    /// the arena and its length), or -1 at the first empty slot.
    @inline(__always)
    private func probe(_ hash: UInt64, _ matches: (_ start: Int, _ length: Int) -> Bool) -> Int32 {
        let tag = hash >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return -1 }
            if entry >> 32 == tag {
                let header = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                let (id, length) = arena.withUnsafeBytes { raw in
                    (
                        raw.loadUnaligned(fromByteOffset: header, as: Int32.self),
                        raw.loadUnaligned(fromByteOffset: header + 4, as: Int32.self)
                    )
                }
                if matches(header + Self.headerSize, Int(length)) { return id }
            }
            slot = (slot + 1) & mask
        }
    }

    /// A key's header in the arena: its id and its length, as two Int32s.
    private static var headerSize: Int { 8 }

    /// Writes a new key's header and returns its id; the key's bytes follow.
    private mutating func appendHeader(length: Int, hash: UInt64) -> Int32 {
        let id = entries.count, header = arena.count
        // The arena is bounded by the caller's flush limit, far below 4 GB.
        precondition(header + Self.headerSize + length < Int(UInt32.max), "ByteKeyTable arena over 4 GB")
        entries.append(UInt64(header + Self.headerSize) << 32 | UInt64(length))
        hashes.append(hash)
        appendInt32(Int32(id))
        appendInt32(Int32(length))
        place(id: id, hash: hash)
        return Int32(id)
    }

    private mutating func appendInt32(_ value: Int32) {
        var value = value
        withUnsafeBytes(of: &value) { arena.append(contentsOf: $0) }
    }

    @inline(__always)
    private static func encodedLength(_ parts: UnsafeBufferPointer<ByteSpan>) -> Int {
        var length = 0
        for part in parts { length += 4 + part.count }
        return length
    }

    @inline(__always)
    private func equalBytes(at start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        return arena.withUnsafeBufferPointer { ShortBytes.equal($0.baseAddress! + start, base, count: bytes.count) }
    }

    @inline(__always)
    private func equalParts(at start: Int, _ parts: UnsafeBufferPointer<ByteSpan>) -> Bool {
        arena.withUnsafeBufferPointer { stored in
            var position = stored.baseAddress! + start
            for part in parts {
                let length = UnsafeRawPointer(position).loadUnaligned(as: Int32.self)
                position += 4
                if part.isAbsent {
                    if length != -1 { return false }
                    continue
                }
                guard Int(length) == part.count else { return false }
                if part.count > 0, !ShortBytes.equal(position, part.start!, count: part.count) { return false }
                position += part.count
            }
            return true
        }
    }

    private mutating func place(id: Int, hash: UInt64) {
        if (id + 1) * 2 > slots.count {
            slots = [UInt64](repeating: 0, count: slots.count * 2)
            for (old, oldHash) in hashes.enumerated() where old != id { store(id: old, hash: oldHash) }
        }
        store(id: id, hash: hash)
    }

    private mutating func store(id: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        let header = Int(truncatingIfNeeded: entries[id] >> 32) - Self.headerSize
        slots[slot] = (hash >> 32) << 32 | UInt64(header + 1)
    }

    /// A fast multiply-xorshift hash, sixteen bytes at a time in two independent lanes (so the
    /// multiplies overlap), the last word overlapping bytes already hashed.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return 0x9E37_79B9_7F4A_7C15 ^ UInt64(count) }
        let raw = UnsafeRawPointer(base)
        var left: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var right: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var offset = 0
        while count - offset > 16 {
            left = (left ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            right = (right ^ raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
            left ^= left >> 31
            right ^= right >> 29
            offset += 16
        }
        var first: UInt64, second: UInt64
        if count >= 8 {
            // One to sixteen bytes remain: the next eight and the last eight (the same word twice
            // when eight or fewer remain), overlapping bytes already hashed.
            first = raw.loadUnaligned(fromByteOffset: count - offset > 8 ? offset : count - 8, as: UInt64.self)
            second = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            first = UInt64(raw.loadUnaligned(as: UInt32.self))
            second = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else {
            first = UInt64(base[0]) | UInt64(base[count >> 1]) << 8 | UInt64(base[count - 1]) << 16
            second = 0
        }
        left = (left ^ first) &* 0xBF58_476D_1CE4_E5B9
        right = (right ^ second) &* 0x94D0_49BB_1331_11EB
        let hash = (left ^ (left >> 31)) &+ (right ^ (right >> 29)) &* 0x9E37_79B9_7F4A_7C15
        return hash ^ (hash >> 32)
    }
}

import Foundation

/// Dense integer ids for byte strings (usernames, compound action keys, namespaces, user agents),
/// so the audit aggregator can memoise by the bytes it scanned without building a String per
/// event. Open addressing over a fast multiply-xorshift hash (`ByteKeyTable.hash`); keys live in
/// one arena. Kept in manually managed buffers: the hot path does no retain, release or
/// uniqueness check. Nothing is ever removed; `reset` empties the table.
final class KubernetesValueIds {
    private var slots: UnsafeMutablePointer<Int32>
    private var slotCount: Int
    private var hashes: UnsafeMutablePointer<UInt64>
    private var starts: UnsafeMutablePointer<Int>
    private var lengths: UnsafeMutablePointer<Int>
    private var entryCapacity: Int
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        slotCount = max(16, capacity * 2)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        entryCapacity = max(8, capacity)
        hashes = .allocate(capacity: entryCapacity)
        starts = .allocate(capacity: entryCapacity)
        lengths = .allocate(capacity: entryCapacity)
        arenaCapacity = entryCapacity * 32
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate(); hashes.deallocate(); starts.deallocate(); lengths.deallocate(); arena.deallocate()
    }

    /// The id of `bytes`, adding them on first sight (`isNew`).
    @inline(__always)
    func id(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
        let hash = ByteKeyTable.hash(bytes)
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            let index = Int(entry)
            if hashes[index] == hash && lengths[index] == bytes.count
                && ShortBytes.equal(
                    arena + starts[index], bytes.baseAddress ?? UnsafePointer(arena), count: bytes.count)
            {
                return (entry, false)
            }
            slot = (slot + 1) & mask
        }
        return (insert(bytes, hash: hash, slot: slot), true)
    }

    /// The id of `bytes` if they were added before.
    @inline(__always)
    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = ByteKeyTable.hash(bytes)
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { return nil }
            let index = Int(entry)
            if hashes[index] == hash && lengths[index] == bytes.count
                && ShortBytes.equal(
                    arena + starts[index], bytes.baseAddress ?? UnsafePointer(arena), count: bytes.count)
            {
                return entry
            }
            slot = (slot + 1) & mask
        }
    }

    /// The bytes of an id, valid until the next insertion.
    func bytes(_ id: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena + starts[Int(id)], count: lengths[Int(id)])
    }

    /// The bytes of an id as a String (the table holds only what the caller validated as UTF-8).
    func string(_ id: Int32) -> String {
        String(decoding: bytes(id), as: UTF8.self)
    }

    func reset() {
        slots.update(repeating: -1, count: slotCount)
        count = 0
        arenaCount = 0
    }

    private func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, slot: Int) -> Int32 {
        if count == entryCapacity {
            entryCapacity *= 2
            hashes = Self.grown(hashes, count: count, to: entryCapacity)
            starts = Self.grown(starts, count: count, to: entryCapacity)
            lengths = Self.grown(lengths, count: count, to: entryCapacity)
        }
        if arenaCount + bytes.count > arenaCapacity {
            arenaCapacity = max(arenaCapacity * 2, arenaCount + bytes.count)
            arena = Self.grown(arena, count: arenaCount, to: arenaCapacity)
        }
        if bytes.count > 0 { (arena + arenaCount).update(from: bytes.baseAddress!, count: bytes.count) }
        let id = Int32(count)
        hashes[count] = hash
        starts[count] = arenaCount
        lengths[count] = bytes.count
        arenaCount += bytes.count
        count += 1
        slots[slot] = id
        if count * 2 > slotCount { rehash() }
        return id
    }

    private func rehash() {
        slots.deallocate()
        slotCount *= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        let mask = slotCount - 1
        for index in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[index]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    private static func grown<T>(_ old: UnsafeMutablePointer<T>, count: Int, to capacity: Int) -> UnsafeMutablePointer<
        T
    > {
        let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        new.moveInitialize(from: old, count: count)
        old.deallocate()
        return new
    }
}

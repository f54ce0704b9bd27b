import Foundation
import NHIModel

/// Activity aggregates by key: the records in an array, in the order their keys first came, and
/// each key's place in it. A dictionary of records moved whole records (some 300 bytes each) at
/// every growth, could hand them over only by copying them out, and its records could not be read
/// field by field without copying each; here growth moves places, the records are handed over as
/// they are, and resolution reads a field of each without touching the rest.
///
/// Each record's key hash is kept beside it and goes with it into the table it is merged into
/// (`merge(_:continuing:)`): a CloudTrail run's records pass through two tables (its own, then the
/// collection's), and hashing a key's Strings was a fifth of handing a run over.
public struct ActivityTable: Sendable {
    public private(set) var records: [ActivityRecord] = []
    /// `records[i].key.hashValue`, for each i.
    private var hashes: [Int] = []
    private var places: [HashedKey: Int] = [:]

    /// A key with its hash computed once: the table hashes the hash, and compares keys in full
    /// only when the hashes are equal.
    private struct HashedKey: Hashable, Sendable {
        let key: ActivityKey
        let hash: Int

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
        static func == (lhs: HashedKey, rhs: HashedKey) -> Bool { lhs.hash == rhs.hash && lhs.key == rhs.key }
    }

    public init() {}

    public var count: Int { records.count }
    public var isEmpty: Bool { records.isEmpty }

    public subscript(key: ActivityKey) -> ActivityRecord? {
        places[HashedKey(key: key, hash: key.hashValue)].map { records[$0] }
    }

    /// The records as a dictionary by key, built anew on each call.
    public var dictionary: [ActivityKey: ActivityRecord] {
        Dictionary(uniqueKeysWithValues: records.map { ($0.key, $0) })
    }

    /// The place of `key` (whose `hashValue` is `hash`), and whether it is new (then `records`
    /// has no record there yet, and `hashes` has its hash): one lookup either way.
    @inline(__always)
    private mutating func slot(of key: ActivityKey, hash: Int) -> (place: Int, isNew: Bool) {
        let next = records.count
        var isNew = false
        let place = { (slot: inout Int) -> Int in
            if slot < 0 {
                slot = next
                isNew = true
            }
            return slot
        }(&places[HashedKey(key: key, hash: hash), default: -1])
        if isNew { hashes.append(hash) }
        return (place, isNew)
    }

    /// Updates the record of `key` in place, made by `make` on first sight.
    @inline(__always)
    mutating func update(_ key: ActivityKey, make: () -> ActivityRecord, _ body: (inout ActivityRecord) -> Void) {
        let (place, isNew) = slot(of: key, hash: key.hashValue)
        if isNew { records.append(make()) }
        body(&records[place])
    }

    /// Adds a record, merged into the one of the same key when there is one
    /// (`ActivityRecord.merge(_:continuing:)`).
    mutating func add(_ record: consuming ActivityRecord, continuing: Bool = false) {
        let hash = record.key.hashValue
        add(record, hash: hash, continuing: continuing)
    }

    @inline(__always)
    private mutating func add(_ record: consuming ActivityRecord, hash: Int, continuing: Bool) {
        let (place, isNew) = slot(of: record.key, hash: hash)
        if isNew { records.append(record) } else { records[place].merge(record, continuing: continuing) }
    }

    /// Adds every record of `other` in its order, as `add(_:continuing:)` does, with the hashes
    /// `other` keeps. Records are moved out of `other`, not copied, when `other` is the only holder
    /// of them: a copy retains each of a record's dozen Strings and arrays, and dropping `other`
    /// released them all again (a tenth of folding a CloudTrail file's activity in, perf).
    mutating func merge(_ other: consuming ActivityTable, continuing: Bool = false) {
        // Into an empty table every record comes as it is, in order: `other` is that table already
        // (the collection's first CloudTrail run, each run's hand-over into its file's builder).
        guard !isEmpty else {
            self = other
            return
        }
        let incomingHashes = other.hashes
        var index = 0
        Self.drain(other.take()) { record in
            add(record, hash: incomingHashes[index], continuing: continuing)
            index += 1
        }
    }

    /// Hands `body` each of `records` in order, moved out of the array rather than copied (when
    /// the array is their only holder).
    private static func drain(_ records: consuming [ActivityRecord], _ body: (consuming ActivityRecord) -> Void) {
        // Taken from the end, where removing moves a record out; so reversed first, to come in order.
        records.withUnsafeMutableBufferPointer { $0.reverse() }
        while let record = records.popLast() { body(record) }
    }

    mutating func reserveCapacity(_ capacity: Int) {
        records.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
        places.reserveCapacity(capacity)
    }

    /// The records, leaving the table empty.
    mutating func take() -> [ActivityRecord] {
        let taken = records
        self = ActivityTable()
        return taken
    }

    /// Moves every example event `by` lines.
    mutating func shiftExampleLines(by lines: Int) {
        for index in records.indices {
            for example in records[index].examples.indices { records[index].examples[example].line? += lines }
        }
    }

    /// Charges the records of each identity in `mapping` to the identity it maps to, merging
    /// records whose keys then meet, in the order of the table.
    mutating func rewriteIdentities(_ mapping: [IdentityID: IdentityID]) {
        guard records.contains(where: { mapping[$0.identity] != nil }) else { return }
        var rewritten = ActivityTable()
        rewritten.reserveCapacity(count)
        Self.drain(take()) { record in
            var record = record
            if let target = mapping[record.identity] { record.identity = target }
            rewritten.add(record)
        }
        self = rewritten
    }
}

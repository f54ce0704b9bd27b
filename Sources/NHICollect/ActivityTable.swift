import Foundation
import NHIModel

/// Activity aggregates by key: the records in an array, in the order their keys first came, and
/// each key's place in it (`ActivityPlaces`). A dictionary of records moved whole records (some
/// 300 bytes each) at every growth, could hand them over only by copying them out, and its records
/// could not be read field by field without copying each; here growth moves places, the records
/// are handed over as they are, and resolution reads a field of each without touching the rest.
///
/// Each record's key hash is kept beside it and goes with it into the table it is merged into
/// (`merge(_:continuing:)`): a CloudTrail run's records pass through two tables (its own, then the
/// collection's), and hashing a key's Strings was a fifth of handing a run over.
public struct ActivityTable: Sendable {
    public private(set) var records: [ActivityRecord] = []
    /// The place of each record's key, with `records[i]`'s key hash at place i.
    private var places = ActivityPlaces()

    public init() {}

    public var count: Int { records.count }
    public var isEmpty: Bool { records.isEmpty }

    public subscript(key: ActivityKey) -> ActivityRecord? {
        find(Self.hash(key)) { Self.record($0, has: key) }.place.map { records[$0] }
    }

    /// The records as a dictionary by key, built anew on each call.
    public var dictionary: [ActivityKey: ActivityRecord] {
        Dictionary(uniqueKeysWithValues: records.map { ($0.key, $0) })
    }

    /// The hash a key is placed by: `ActivityKey`'s own, its parts combined in its order, and the
    /// same whether the key is an `ActivityKey` or a record's parts.
    @inline(__always)
    private static func hash(
        _ identity: IdentityID, _ action: String, _ requestFields: [String], _ environment: String, _ account: String?
    ) -> Int {
        var hasher = Hasher()
        hasher.combine(identity)
        hasher.combine(action)
        hasher.combine(requestFields)
        hasher.combine(environment)
        hasher.combine(account)
        return hasher.finalize()
    }

    @inline(__always)
    private static func hash(_ key: borrowing ActivityKey) -> Int {
        hash(key.identity, key.action, key.requestFields, key.environment, key.account)
    }

    @inline(__always)
    private static func hash(of record: borrowing ActivityRecord) -> Int {
        hash(record.identity, record.action, record.requestFields, record.environment, record.account)
    }

    /// `places.find`, handing `isKey` the record in place: read through the array's subscript,
    /// each record compared was copied out whole (a retain and a release of its every String).
    @inline(__always)
    private func find(_ hash: Int, isKey: (borrowing ActivityRecord) -> Bool) -> (place: Int?, slot: Int) {
        records.withUnsafeBufferPointer { records in places.find(hash) { isKey(records[$0]) } }
    }

    /// Whether `record` has `key`, compared part by part (no key made of the record's parts).
    @inline(__always)
    private static func record(_ record: borrowing ActivityRecord, has key: borrowing ActivityKey) -> Bool {
        record.identity == key.identity && record.action == key.action && record.requestFields == key.requestFields
            && record.environment == key.environment && record.account == key.account
    }

    @inline(__always)
    private static func record(_ record: borrowing ActivityRecord, hasKeyOf other: borrowing ActivityRecord) -> Bool {
        record.identity == other.identity && record.action == other.action
            && record.requestFields == other.requestFields && record.environment == other.environment
            && record.account == other.account
    }

    /// Updates the record of `key` in place, made by `make` on first sight.
    @inline(__always)
    mutating func update(_ key: ActivityKey, make: () -> ActivityRecord, _ body: (inout ActivityRecord) -> Void) {
        let hash = Self.hash(key)
        places.makeRoom(for: count + 1)
        let (found, slot) = find(hash) { Self.record($0, has: key) }
        if let found {
            body(&records[found])
        } else {
            records.append(make())
            body(&records[places.add(hash, at: slot)])
        }
    }

    /// Adds a record, merged into the one of the same key when there is one
    /// (`ActivityRecord.merge(_:continuing:)`).
    mutating func add(_ record: consuming ActivityRecord, continuing: Bool = false) {
        places.makeRoom(for: count + 1)
        let hash = Self.hash(of: record)
        add(consume record, hash: hash, continuing: continuing)
    }

    /// `add`, with room for the record made beforehand.
    @inline(__always)
    private mutating func add(_ record: consuming ActivityRecord, hash: Int, continuing: Bool) {
        let (found, slot) = find(hash) { Self.record($0, hasKeyOf: record) }
        if let found {
            records[found].merge(record, continuing: continuing)
        } else {
            _ = places.add(hash, at: slot)
            records.append(consume record)
        }
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
        let incomingHashes = other.places.hashes
        places.makeRoom(for: count + other.count)
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

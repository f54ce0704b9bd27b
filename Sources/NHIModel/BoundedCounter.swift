/// Counts of distinct values, capped so that memory grows with distinct keys, never with events.
/// Values beyond `limit` distinct entries are counted in `overflow`.
///
/// The values are kept in a small array in the order they were first added, not in a Dictionary:
/// limits are small (16 by default), most counters hold one or two values, and readers build one
/// counter per kind and aggregate, so hashing each value and allocating a hash table was most of
/// the cost of handing their aggregates over. Equality, hashing and the encoded form do not depend
/// on that order.
public struct BoundedCounter: Hashable, Codable, Sendable {
    private var entries: [Entry]
    public private(set) var overflow: Int
    public let limit: Int

    fileprivate struct Entry: Sendable {
        var value: String
        var count: Int
    }

    public init(limit: Int = 16) {
        self.entries = []; self.overflow = 0; self.limit = limit
    }

    /// An empty counter with room for `capacity` values, for readers that know how many they will add.
    public init(limit: Int = 16, reservingCapacity capacity: Int) {
        self.init(limit: limit)
        entries.reserveCapacity(min(capacity, limit))
    }

    /// The count of each value kept.
    public var counts: [String: Int] {
        Dictionary(entries.map { ($0.value, $0.count) }, uniquingKeysWith: { $0.addingSaturated($1) })
    }

    /// The values kept, in the order first added: the keys of `counts`, read in place for callers
    /// that only walk them (building the Dictionary cost more than their work).
    public var values: Values { Values(entries: entries) }

    /// A concrete collection rather than an opaque one: read from another module, each element of
    /// an opaque type costs a metadata lookup, more than building `counts`.
    public struct Values: RandomAccessCollection, Sendable {
        fileprivate let entries: [Entry]
        public var startIndex: Int { 0 }
        public var endIndex: Int { entries.count }
        public subscript(position: Int) -> String { entries[position].value }
    }

    public mutating func add(_ value: String, count: Int = 1) {
        // String == as a Dictionary compares keys (canonical equivalence), so a value is counted
        // under the same entry it would have had as a Dictionary key.
        if let index = entries.firstIndex(where: { $0.value == value }) {
            entries[index].count.addSaturated(count)
        } else if entries.count < limit {
            entries.append(Entry(value: value, count: count))
        } else {
            overflow.addSaturated(count)
        }
    }

    /// `add` for a value that equals none counted yet, as Strings compare: without the search.
    /// For callers that know their values apart, such as distinct ASCII byte strings; values that
    /// differ in their bytes may still be equal Strings (é composed and decomposed), and those go
    /// through `add`.
    public mutating func add(new value: String, count: Int) {
        assert(!entries.contains { $0.value == value }, "add(new:count:) given a value already counted")
        if entries.count < limit {
            entries.append(Entry(value: value, count: count))
        } else {
            overflow.addSaturated(count)
        }
    }

    /// Folds in `other`. With `continuing`, `other` counted the events that followed this counter's
    /// (its values in the order it first saw them, as `add` keeps them): the values kept and the
    /// total are then those of adding all the events one by one, but a value kept here whose later
    /// occurrences `other` counted in its overflow (it could not know to keep it) has them in overflow.
    public mutating func merge(_ other: BoundedCounter, continuing: Bool = false) {
        if continuing || entries.count + other.entries.count <= limit || entries.count == limit {
            // Room for every value, or for none: which values are kept does not depend on the
            // order they come in (and sorting them was most of merging the many small files of a trail).
            for entry in other.entries { add(entry.value, count: entry.count) }
        } else {
            // In a fixed order (most frequent first, then by value), so that which values a full
            // counter keeps does not depend on the order the other counter saw them in.
            for (value, count) in other.ranked { add(value, count: count) }
        }
        overflow.addSaturated(other.overflow)
    }

    public var isEmpty: Bool { entries.isEmpty && overflow == 0 }
    /// Values ordered by count (descending), then value, for stable output.
    public var ranked: [(value: String, count: Int)] {
        entries.map { ($0.value, $0.count) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    public static func == (lhs: BoundedCounter, rhs: BoundedCounter) -> Bool {
        lhs.limit == rhs.limit && lhs.overflow == rhs.overflow && lhs.entries.count == rhs.entries.count
            && lhs.entries.allSatisfy { entry in
                rhs.entries.contains { $0.value == entry.value && $0.count == entry.count }
            }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(limit)
        hasher.combine(overflow)
        // Order-independent, as equality is: the entries' own hashes summed.
        var sum = 0
        for entry in entries {
            var one = Hasher()
            one.combine(entry.value)
            one.combine(entry.count)
            sum &+= one.finalize()
        }
        hasher.combine(sum)
    }

    // Encoded as {"counts": {value: count}, "limit", "overflow"}, the shape results.json documents.
    private enum CodingKeys: String, CodingKey { case counts, overflow, limit }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        limit = try container.decode(Int.self, forKey: .limit)
        overflow = try container.decode(Int.self, forKey: .overflow)
        entries = try container.decode([String: Int].self, forKey: .counts).sorted { $0.key < $1.key }
            .map { Entry(value: $0.key, count: $0.value) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(counts, forKey: .counts)
        try container.encode(overflow, forKey: .overflow)
        try container.encode(limit, forKey: .limit)
    }
}

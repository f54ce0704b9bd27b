import Foundation
import NHIModel

/// The order of activity records in an inventory: by identity, action, environment and request
/// fields (joined), then by account and, last, by the field lists themselves, so that the order
/// never depends on the builder's dictionary (whose order changes from one process to the next).
/// Each value is held as its rank among the distinct values of its kind.
struct ActivityOrder: Comparable {
    let identity, action, environment, fields, account: Int

    /// Normalises each record (one without write times has nothing to normalise) and puts them in
    /// this order, in place.
    static func order(_ records: inout [ActivityRecord]) {
        for index in records.indices where !records[index].writeTimes.isEmpty { records[index].normalise() }
        // Each record's place is worked out once, as ranks among the distinct values: joining its
        // request fields and comparing Strings at every comparison was most of the sort.
        let places = places(of: records)
        let order = records.indices.sorted { left, right in
            if places[left] != places[right] { return places[left] < places[right] }
            return records[left].requestFields.lexicographicallyPrecedes(records[right].requestFields)
        }
        permute(&records, into: order)
    }

    /// Each record's ranks, read field by field: a record read whole is a copy of its dozen
    /// Strings and arrays.
    static func places(of records: [ActivityRecord]) -> [ActivityOrder] {
        let identities = ranks(records.count) { records[$0].identity }
        let actions = ranks(records.count) { records[$0].action }
        let environments = ranks(records.count) { records[$0].environment }
        // Equal lists join alike, so a record with its predecessor's list has its rank: the lists
        // are compared, not joined, to tell.
        let fields = ranks(
            records.count, sameAsBefore: { records[$0].requestFields == records[$0 - 1].requestFields }
        ) { records[$0].requestFields.joined(separator: ",") }
        let accounts = ranks(records.count) { records[$0].account }
        return records.indices.map { index in
            ActivityOrder(
                identity: identities[index], action: actions[index], environment: environments[index],
                fields: fields[index], account: accounts[index])
        }
    }

    /// The rank of each of `count` values (`value(i)`, nil before every other) among the distinct
    /// ones, values that compare equal sharing one: each value is hashed once, and only the
    /// distinct ones are sorted. A value that `sameAsBefore(i)` (by default: `value(i)` equals
    /// `value(i - 1)`) finds equal to the one before it takes that one's number unhashed: a run's
    /// records share their account and environment, and one comparison, often of two references
    /// to one String, costs less than hashing it.
    private static func ranks<Value: Hashable & Comparable>(
        _ count: Int, sameAsBefore: ((Int) -> Bool)? = nil, _ value: (Int) -> Value?
    ) -> [Int] {
        var numbers: [Value: Int] = [:]
        var distinct: [Value] = []
        var numbered = [Int](repeating: -1, count: count)
        for index in 0..<count {
            if index > 0 && (sameAsBefore?(index) ?? (value(index) == value(index - 1))) {
                numbered[index] = numbered[index - 1]
                continue
            }
            guard let value = value(index) else { continue }
            numbered[index] = { (number: inout Int) -> Int in
                if number < 0 {
                    number = distinct.count
                    distinct.append(value)
                }
                return number
            }(&numbers[value, default: -1])
        }
        var rankOfNumber = [Int](repeating: 0, count: distinct.count)
        for (rank, number) in distinct.indices.sorted(by: { distinct[$0] < distinct[$1] }).enumerated() {
            rankOfNumber[number] = rank
        }
        return numbered.map { $0 < 0 ? -1 : rankOfNumber[$0] }
    }

    static func < (lhs: ActivityOrder, rhs: ActivityOrder) -> Bool {
        (lhs.identity, lhs.action, lhs.environment, lhs.fields, lhs.account)
            < (rhs.identity, rhs.action, rhs.environment, rhs.fields, rhs.account)
    }

    /// Reorders `items` so that position i holds what was at `order[i]` (a permutation of the
    /// indices), in place, one cycle of the permutation at a time; each item is moved, never
    /// copied (a copy of a record retains each of its Strings and arrays, and the overwritten one
    /// releases them).
    static func permute<T>(_ items: inout [T], into order: [Int]) {
        var placed = [Bool](repeating: false, count: items.count)
        items.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in buffer.indices where !placed[start] {
                let first = (base + start).move()
                var position = start
                while true {
                    placed[position] = true
                    let source = order[position]
                    if source == start {
                        (base + position).initialize(to: first)
                        break
                    }
                    (base + position).moveInitialize(from: base + source, count: 1)
                    position = source
                }
            }
        }
    }
}

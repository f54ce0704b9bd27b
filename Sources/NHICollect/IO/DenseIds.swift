import Foundation

/// Dense ids (0, 1, 2, …) for the few distinct Strings or identity ids an aggregator names, so its
/// records can hold an `Int32` and the value is kept once. Used on memo misses only.
struct DenseIds<Value: Hashable> {
    private var ids: [Value: Int32] = [:]
    private(set) var values: [Value] = []

    /// The id of `value`, adding it on first sight.
    mutating func id(_ value: Value) -> Int32 {
        if let known = ids[value] { return known }
        let id = Int32(values.count)
        ids[value] = id
        values.append(value)
        return id
    }

    subscript(id: Int32) -> Value { values[Int(id)] }
}

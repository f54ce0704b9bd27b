/// A function's answer remembered per distinct argument: activity repeats the same few hundred
/// actions, user agents and identities across hundreds of thousands of records, and a pattern
/// match or lookup per record would cost far more than one per distinct value.
struct Memo<Key: Hashable, Value> {
    private var answers: [Key: Value] = [:]
    private let compute: (Key) -> Value

    init(_ compute: @escaping (Key) -> Value) { self.compute = compute }

    mutating func callAsFunction(_ key: Key) -> Value {
        if let known = answers[key] { return known }
        let value = compute(key)
        answers[key] = value
        return value
    }
}

import NHIModel

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

/// A cheap fingerprint of a grant's action list: its platform, Action or NotAction, length, first
/// and last action. Managed policies list thousands of actions and are attached to thousands of
/// identities; the grants of one policy statement share their list's storage, so the lists under
/// one fingerprint are told apart by comparing storage, where hashing every action per grant cost
/// as much as the work remembered.
struct ActionListFingerprint: Hashable {
    var platform: Platform
    var inverted: Bool
    var count: Int
    var first: String?
    var last: String?

    init(_ platform: Platform, _ actions: [String], inverted: Bool) {
        self.platform = platform; self.inverted = inverted; count = actions.count; first = actions.first
        last = actions.last
    }
}

/// A value remembered per distinct action element of a grant (platform, Action or NotAction, the
/// list), found by its `ActionListFingerprint`.
struct ActionListMemo<Value> {
    private var answers: [ActionListFingerprint: [(actions: [String], value: Value)]] = [:]

    /// Takes the grant's element, not the grant: a copy of a grant retains each of its fields.
    mutating func value(
        _ platform: Platform, _ actions: [String], inverted: Bool, _ compute: () -> Value
    ) -> Value {
        let key = ActionListFingerprint(platform, actions, inverted: inverted)
        if let known = answers[key]?.first(where: { $0.actions == actions }) { return known.value }
        let value = compute()
        answers[key, default: []].append((actions, value))
        return value
    }
}

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

/// A value remembered per distinct action element of a grant (platform, Action or NotAction, the
/// list). Managed policies list thousands of actions and are attached to thousands of identities:
/// the grants of one policy statement share their list's storage, so a list is found among those
/// alike in length, first and last action by comparing storage, where hashing every action per
/// grant cost as much as the work remembered.
struct ActionListMemo<Value> {
    private struct Fingerprint: Hashable {
        var platform: Platform
        var inverted: Bool
        var count: Int
        var first: String?
        var last: String?
    }

    private var answers: [Fingerprint: [(actions: [String], value: Value)]] = [:]

    mutating func value(_ grant: Grant, _ compute: () -> Value) -> Value {
        let key = Fingerprint(
            platform: grant.platform, inverted: grant.actionsInverted, count: grant.actions.count,
            first: grant.actions.first, last: grant.actions.last)
        if let known = answers[key]?.first(where: { $0.actions == grant.actions }) { return known.value }
        let value = compute()
        answers[key, default: []].append((grant.actions, value))
        return value
    }
}

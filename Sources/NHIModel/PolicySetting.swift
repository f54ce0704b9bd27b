/// A field of `Policy`, as a rule names the thresholds it reads (`\.staleAfterDays`).
public typealias PolicyField = PartialKeyPath<Policy> & Sendable

/// One key of the policy file: its name, what it means and the `Policy` field it sets. The kind of
/// value decides how the file is read and which overrides the report warns about.
public struct PolicySetting: Hashable, Sendable {
    public enum Value: Sendable {
        /// Whole days from 0 to `maxDays`; a larger value is looser.
        case days(WritableKeyPath<Policy, Int> & Sendable)
        /// Hours above 0 and at most `maxHours`; a larger value is looser.
        case hours(WritableKeyPath<Policy, Double> & Sendable)
        /// A list of text patterns. `fewerFindLess`: the rules reading it find less with fewer entries,
        /// so an override that empties it, or keeps none of the defaults, is warned about.
        case patterns(WritableKeyPath<Policy, [String]> & Sendable, fewerFindLess: Bool = true)
        /// Whole days from 0 to `maxDays` per severity name; a file names only the severities it changes.
        case daysPerSeverity(WritableKeyPath<Policy, [String: Int]> & Sendable)
    }

    /// The YAML key.
    public let key: String
    public let value: Value
    /// One sentence, shown in docs/rules.md and above the key in `mappings/policy.yaml`.
    public let meaning: String

    public init(_ key: String, _ value: Value, meaning: String) {
        self.key = key; self.value = value; self.meaning = meaning
    }

    /// Bounds of the thresholds: a hundred years, in days and in hours. Larger values mean nothing
    /// to an audit and overflow the date arithmetic of the rules that use them.
    public static let maxDays = 36_500
    public static let maxHours = 876_000.0

    /// The `Policy` field it sets.
    public var field: PartialKeyPath<Policy> {
        switch value {
        case .days(let path): path
        case .hours(let path): path
        case .patterns(let path, _): path
        case .daysPerSeverity(let path): path
        }
    }

    /// The number a threshold in days or hours holds in `policy`; nil for a list.
    public func number(in policy: Policy) -> Double? {
        switch value {
        case .days(let path): Double(policy[keyPath: path])
        case .hours(let path): policy[keyPath: path]
        case .patterns, .daysPerSeverity: nil
        }
    }

    /// The value in `policy` as text: a number, or the list's entries joined by ", " ("(none)" when empty).
    public func text(in policy: Policy) -> String {
        switch value {
        case .days(let path): return String(policy[keyPath: path])
        case .hours(let path): return Self.format(policy[keyPath: path])
        case .patterns(let path, _):
            let list = policy[keyPath: path]
            return list.isEmpty ? "(none)" : list.joined(separator: ", ")
        case .daysPerSeverity(let path):
            let days = policy[keyPath: path]
            return Severity.allCases.reversed().compactMap { severity in
                days[severity.rawValue].map { "\(severity.rawValue) \($0)" }
            }.joined(separator: ", ")
        }
    }

    /// `4` rather than `4.0`; fractions as they are.
    public static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    public static func == (lhs: PolicySetting, rhs: PolicySetting) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    /// A policy key as a coding key.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Several patterns asked of one candidate in turn, as `patterns.contains { $0.matches(candidate) }`
/// answers. A candidate the byte matcher does not take (not plain ASCII, such as a Kubernetes
/// grant's "RoleBinding … → ClusterRole …") goes to the Character matcher, which lower-cases both
/// strings into Characters; here the patterns are folded once and the candidate once per question,
/// not once per pattern.
public struct WildcardPatterns: Sendable {
    private let patterns: [WildcardPattern]
    private let folded: [[Character]]

    public init(_ patterns: [WildcardPattern]) {
        self.patterns = patterns
        folded = patterns.map(\.folded)
    }

    /// Whether any pattern matches `candidate`.
    public func anyMatches(_ candidate: String) -> Bool {
        var lowered: [Character]?, plain: [Character]?
        for index in patterns.indices {
            if let answer = patterns[index].asciiMatches(candidate) {
                if answer { return true }
                continue
            }
            let value: [Character]
            if patterns[index].caseInsensitive {
                value = lowered ?? Array(candidate.lowercased())
                lowered = value
            } else {
                value = plain ?? Array(candidate)
                plain = value
            }
            if patterns[index].characterMatches(folded: folded[index], value) { return true }
        }
        return false
    }
}

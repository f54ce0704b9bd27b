import Foundation

/// A shell-style pattern over a whole string: `*` matches any run of characters (including none),
/// `?` exactly one. Used for action patterns, user agents, names and waiver identity patterns.
public struct WildcardPattern: Hashable, Codable, Sendable, CustomStringConvertible {
    public let text: String
    public let caseInsensitive: Bool

    public init(_ text: String, caseInsensitive: Bool = true) {
        self.text = text; self.caseInsensitive = caseInsensitive
    }

    public var description: String { text }
    public var hasWildcards: Bool { text.contains("*") || text.contains("?") }

    public func matches(_ candidate: String) -> Bool {
        let pattern = Array(caseInsensitive ? text.lowercased() : text)
        let value = Array(caseInsensitive ? candidate.lowercased() : candidate)
        // Iterative matcher with single-star backtracking: linear in practice, no recursion blow-up.
        var p = 0, v = 0
        var star = -1, resume = 0
        while v < value.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == value[v] {
                p += 1; v += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p; resume = v; p += 1
            } else if star >= 0 {
                p = star + 1; resume += 1; v = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Whether some string could match both patterns. Exact for literal and prefix patterns
    /// (`ecs:*` against `ecs:Update*`), which is what IAM and RBAC action patterns are in practice.
    public func overlaps(_ other: WildcardPattern) -> Bool {
        matches(other.literalCore) || other.matches(literalCore)
            || (hasWildcards && other.hasWildcards && sharesPrefix(with: other))
    }

    private var literalCore: String { text.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "?", with: "x") }

    private func sharesPrefix(with other: WildcardPattern) -> Bool {
        let mine = prefixBeforeWildcard.lowercased(), theirs = other.prefixBeforeWildcard.lowercased()
        return mine.hasPrefix(theirs) || theirs.hasPrefix(mine)
    }

    private var prefixBeforeWildcard: String { String(text.prefix { $0 != "*" && $0 != "?" }) }
}

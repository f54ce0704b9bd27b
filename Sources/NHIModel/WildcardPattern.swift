import Foundation

/// A shell-style pattern over a whole string: `*` matches any run of characters (including none),
/// `?` exactly one. Used for action patterns, user agents, names and waiver identity patterns.
///
/// Action patterns are `segmented`: there wildcards stay within one segment of `service:Action` or
/// `verb resource` (they do not cross `:` or a space), so `*:Describe*` means "Describe actions of
/// any service"; a pattern that is only `*` still matches everything.
public struct WildcardPattern: Hashable, Codable, Sendable, CustomStringConvertible {
    public let text: String
    public let caseInsensitive: Bool
    public let segmented: Bool

    public static let segmentSeparators: Set<Character> = [":", " "]

    public init(_ text: String, caseInsensitive: Bool = true, segmented: Bool = false) {
        self.text = text; self.caseInsensitive = caseInsensitive; self.segmented = segmented
    }

    /// An action pattern (AWS, Kubernetes, GitHub action vocabulary).
    public static func action(_ text: String) -> WildcardPattern { WildcardPattern(text, segmented: true) }

    public var description: String { text }
    public var hasWildcards: Bool { text.contains("*") || text.contains("?") }

    public func matches(_ candidate: String) -> Bool {
        asciiMatches(candidate) ?? characterMatches(candidate)
    }

    /// The matcher over Characters, exact for any text; `asciiMatches` answers as it does.
    func characterMatches(_ candidate: String) -> Bool {
        characterMatches(folded: folded, Array(caseInsensitive ? candidate.lowercased() : candidate))
    }

    /// The pattern's Characters as the Character matcher compares them (lower-cased when case
    /// insensitive).
    var folded: [Character] { Array(caseInsensitive ? text.lowercased() : text) }

    /// The Character matcher on the pattern's `folded` Characters and the candidate's, folded alike.
    func characterMatches(folded pattern: [Character], _ value: [Character]) -> Bool {
        guard segmented, text != "*" else { return Self.greedyMatch(pattern[...], value[...]) }
        // Separators are literals that wildcards never produce, so segments pair up one to one.
        guard let pairs = Self.segmentPairs(pattern, value) else { return false }
        return pairs.allSatisfy { Self.greedyMatch($0.0, $0.1) }
    }

    /// Whether some string matches both patterns (a grant pattern and an authority rule pattern), so
    /// that `ecs:*` and `ecs:Update*` overlap, and (segmented) `*:Describe*` and `lambda:Update*` do not.
    public func overlaps(_ other: WildcardPattern) -> Bool {
        asciiOverlaps(other) ?? characterOverlaps(other)
    }

    /// `overlaps` over Characters, exact for any text; `asciiOverlaps` answers as it does.
    func characterOverlaps(_ other: WildcardPattern) -> Bool {
        let insensitive = caseInsensitive || other.caseInsensitive
        let a = Array(insensitive ? text.lowercased() : text),
            b = Array(insensitive ? other.text.lowercased() : other.text)
        guard segmented && other.segmented && text != "*" && other.text != "*" else {
            return Self.intersects(a[...], b[...])
        }
        guard let pairs = Self.segmentPairs(a, b) else { return false }
        return pairs.allSatisfy { Self.intersects($0.0, $0.1) }
    }

    /// Splits both on separators; nil when their separator sequences differ.
    private static func segmentPairs(_ a: [Character], _ b: [Character]) -> [(
        ArraySlice<Character>, ArraySlice<Character>
    )]? {
        let separatorsA = a.filter(segmentSeparators.contains), separatorsB = b.filter(segmentSeparators.contains)
        guard separatorsA == separatorsB else { return nil }
        let segmentsA = a.split(omittingEmptySubsequences: false, whereSeparator: segmentSeparators.contains)
        let segmentsB = b.split(omittingEmptySubsequences: false, whereSeparator: segmentSeparators.contains)
        return Array(zip(segmentsA, segmentsB))
    }

    /// Linear-time matcher with single-star backtracking (exact for `*` and `?`).
    private static func greedyMatch(_ pattern: ArraySlice<Character>, _ value: ArraySlice<Character>) -> Bool {
        var p = pattern.startIndex, v = value.startIndex
        var star: Int?, resume = value.startIndex
        while v < value.endIndex {
            if p < pattern.endIndex, pattern[p] == "?" || pattern[p] == value[v] {
                p += 1; v += 1
            } else if p < pattern.endIndex, pattern[p] == "*" {
                star = p; resume = v; p += 1
            } else if let star {
                p = star + 1; resume += 1; v = resume
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }

    /// Whether two patterns share a matching string: dynamic programming over both.
    private static func intersects(_ a: ArraySlice<Character>, _ b: ArraySlice<Character>) -> Bool {
        let a = Array(a), b = Array(b)
        // reachable[i][j]: the suffixes a[i...] and b[j...] can match a common string.
        var reachable = Array(repeating: Array(repeating: false, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count, through: 0, by: -1) {
            for j in stride(from: b.count, through: 0, by: -1) {
                if i == a.count && j == b.count {
                    reachable[i][j] = true
                } else if i < a.count && a[i] == "*" {
                    reachable[i][j] = reachable[i + 1][j] || (j < b.count && reachable[i][j + 1])
                } else if j < b.count && b[j] == "*" {
                    reachable[i][j] = reachable[i][j + 1] || (i < a.count && reachable[i + 1][j])
                } else if i < a.count && j < b.count {
                    reachable[i][j] = (a[i] == "?" || b[j] == "?" || a[i] == b[j]) && reachable[i + 1][j + 1]
                }
            }
        }
        return reachable[0][0]
    }
}

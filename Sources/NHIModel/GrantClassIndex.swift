import Foundation

/// The authority classes granted action patterns cover, computed from each distinct pattern once.
///
/// Semantics (the contract every rule relies on): a granted pattern covers each class whose rule
/// patterns it overlaps (conditions ignored: a grant allows every request shape); a list covers the
/// union of its patterns' classes; an inverted (NotAction) list covers every class with at least one
/// rule pattern none of its patterns matches.
///
/// AWS managed policies list thousands of actions and real accounts attach them to many identities,
/// so comparing every pattern with every rule per grant is far too slow. Rules are indexed by their
/// first segment (`service` of `service:Action`, the verb of `verb resource`): two segmented patterns
/// can only overlap when their first segments do, so a pattern whose first segment is literal is
/// compared only with the rules of that segment and those whose first segment has wildcards.
public struct GrantClassIndex: Sendable {
    private struct PlatformRules: Sendable {
        var rules: [AuthorityRule] = []
        /// The rules' patterns matched case-insensitively, as `overlaps` compares an action pattern with them.
        var insensitive: [WildcardPattern] = []
        /// Lowercased literal first segment → indices of rules starting with it.
        var byFirstSegment: [String: [Int]] = [:]
        /// Rules whose first segment has a wildcard (or is `*` alone): candidates for every pattern.
        var open: [Int] = []
    }

    private let platforms: [Platform: PlatformRules]
    /// Classes of every pattern seen when the index was built, keyed by platform and lowercased pattern.
    private let known: [Platform: [String: Set<AuthorityClass>]]

    /// Indexes the classifier's rules and classifies `patterns` (per platform) ahead of use.
    public init(_ classifier: AuthorityClassifier, patterns: [Platform: Set<String>] = [:]) {
        var platforms: [Platform: PlatformRules] = [:]
        for (platform, rules) in classifier.rules {
            var entry = PlatformRules(
                rules: rules, insensitive: rules.map { WildcardPattern($0.pattern.text, segmented: true) })
            for (index, rule) in rules.enumerated() {
                let first = Self.firstSegment(rule.pattern.text.lowercased())
                if Self.hasWildcard(first) {
                    entry.open.append(index)
                } else {
                    entry.byFirstSegment[first, default: []].append(index)
                }
            }
            platforms[platform] = entry
        }
        self.platforms = platforms
        var known: [Platform: [String: Set<AuthorityClass>]] = [:]
        for (platform, texts) in patterns {
            var classes: [String: Set<AuthorityClass>] = [:]
            for text in texts {
                let key = text.lowercased()
                if classes[key] == nil { classes[key] = Self.compute(platforms[platform], key) }
            }
            known[platform] = classes
        }
        self.known = known
    }

    /// The classes one granted pattern covers.
    public func classes(platform: Platform, pattern: String) -> Set<AuthorityClass> {
        let key = pattern.lowercased()
        return known[platform]?[key] ?? Self.compute(platforms[platform], key)
    }

    /// The classes a grant's action list covers (see the type's documentation for NotAction lists).
    public func classes(platform: Platform, actions: [String], inverted: Bool = false) -> Set<AuthorityClass> {
        guard inverted else {
            return actions.reduce(into: Set<AuthorityClass>()) {
                $0.formUnion(classes(platform: platform, pattern: $1))
            }
        }
        guard let entry = platforms[platform] else { return [] }
        let patterns = actions.map(WildcardPattern.action)
        var byFirst: [String: [WildcardPattern]] = [:], open: [WildcardPattern] = []
        for pattern in patterns {
            let first = Self.firstSegment(pattern.text.lowercased())
            if Self.hasWildcard(first) || pattern.text == "*" {
                open.append(pattern)
            } else {
                byFirst[first, default: []].append(pattern)
            }
        }
        var result = Set<AuthorityClass>()
        for rule in entry.rules where !result.contains(rule.authorityClass) {
            // A pattern with a literal first segment can only match a rule text starting with that segment.
            let text = rule.pattern.text
            let candidates = (byFirst[Self.firstSegment(text.lowercased())] ?? []) + open
            if !candidates.contains(where: { $0.matches(text) }) { result.insert(rule.authorityClass) }
        }
        return result
    }

    private static func compute(_ entry: PlatformRules?, _ pattern: String) -> Set<AuthorityClass> {
        guard let entry else { return [] }
        let granted = WildcardPattern.action(pattern)
        let first = firstSegment(pattern)
        let candidates: [Int]
        if pattern == "*" || hasWildcard(first) {
            candidates = Array(entry.rules.indices)
        } else {
            candidates = (entry.byFirstSegment[first] ?? []) + entry.open
        }
        // A pattern without wildcards overlaps a rule exactly when the rule matches it, which is cheaper to decide.
        let literal = !hasWildcard(pattern)
        var result = Set<AuthorityClass>()
        for index in candidates where !result.contains(entry.rules[index].authorityClass) {
            let hit = literal ? entry.insensitive[index].matches(pattern) : granted.overlaps(entry.rules[index].pattern)
            if hit { result.insert(entry.rules[index].authorityClass) }
        }
        return result
    }

    /// The part of an action pattern before its first separator (`service` of `service:Action`).
    public static func firstSegment(_ text: String) -> String {
        text.firstIndex(where: WildcardPattern.segmentSeparators.contains).map { String(text[..<$0]) } ?? text
    }

    private static func hasWildcard(_ text: String) -> Bool { text.contains("*") || text.contains("?") }
}

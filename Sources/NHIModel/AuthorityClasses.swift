import Foundation

/// What an action does to production authority (docs/formats/authority.md).
public enum AuthorityClass: String, Codable, Sendable, CaseIterable, Comparable {
    /// Ships change: deployments, infrastructure updates, releases.
    case delivery
    /// Restores service: scaling, failover, rollback, traffic shaping, restarts.
    case operations
    /// Changes who may do what: keys, policies, bindings, branch protection.
    case identityAdmin = "identity-admin"
    /// Stops, deletes or reconfigures what the audit log records (each can narrow it).
    case auditControl = "audit-control"
    case read
    /// Classified on purpose as neither (e.g. a workflow run completing).
    case other

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: AuthorityClass, rhs: AuthorityClass) -> Bool { lhs.rank < rhs.rank }
}

/// One line of `mappings/authority/<platform>.yaml`: an action pattern, its class, and optional
/// conditions on the activity's `requestFields` for actions that are ambiguous on their own.
public struct AuthorityRule: Hashable, Codable, Sendable {
    public var pattern: WildcardPattern
    public var authorityClass: AuthorityClass
    /// Every one of these request fields must be present.
    public var whenFields: [String]
    /// The request fields must be non-empty and all among these.
    public var onlyFields: [String]
    /// Request fields that name the target (`cluster`, `service`) rather than change it: ignored
    /// by `onlyFields`, so naming what is scaled does not make a scaling call ambiguous.
    public var identifyingFields: [String]
    /// Permission names that only appear in grants (GitHub scopes such as `repo`); such a name may
    /// carry several classes and is never used to classify activity.
    public var grantsOnly: Bool
    /// `file:line` the rule came from, for validation messages and the method section.
    public var origin: String?

    public init(
        pattern: String, authorityClass: AuthorityClass, whenFields: [String] = [], onlyFields: [String] = [],
        identifyingFields: [String] = [], grantsOnly: Bool = false, caseInsensitive: Bool = true, origin: String? = nil
    ) {
        self.pattern = WildcardPattern(pattern, caseInsensitive: caseInsensitive, segmented: true)
        self.authorityClass = authorityClass; self.whenFields = whenFields; self.onlyFields = onlyFields
        self.identifyingFields = identifyingFields; self.grantsOnly = grantsOnly; self.origin = origin
    }

    public var isConditional: Bool { !whenFields.isEmpty || !onlyFields.isEmpty }

    public func applies(to action: String, requestFields: [String]) -> Bool {
        guard !grantsOnly, pattern.matches(action) else { return false }
        if !whenFields.allSatisfy(requestFields.contains) { return false }
        if !onlyFields.isEmpty {
            let changed = requestFields.filter { !identifyingFields.contains($0) }
            return !changed.isEmpty && changed.allSatisfy(onlyFields.contains)
        }
        return true
    }
}

/// Classifies actions of all platforms. Rules are tried in file order; the first whose pattern
/// and conditions hold decides. No match means unclassified: counted and listed, never guessed.
public struct AuthorityClassifier: Hashable, Codable, Sendable {
    public var rules: [Platform: [AuthorityRule]]

    public init(rules: [Platform: [AuthorityRule]]) { self.rules = rules }

    public func classify(platform: Platform, action: String, requestFields: [String] = []) -> AuthorityClass? {
        rules[platform]?.first { $0.applies(to: action, requestFields: requestFields) }?.authorityClass
    }

    /// The classes granted action lists cover: see `GrantClassIndex`, built from these rules.
    public func grantIndex(patterns: [Platform: Set<String>] = [:]) -> GrantClassIndex {
        GrantClassIndex(self, patterns: patterns)
    }
}

import NHIModel

/// A policy threshold a rule reads, with its shipped default (`mappings/policy.yaml` key).
public struct RuleThreshold: Hashable, Sendable {
    public var key: String
    public var defaultValue: String
    public var meaning: String
    public init(key: String, defaultValue: String, meaning: String) {
        self.key = key; self.defaultValue = defaultValue; self.meaning = meaning
    }
}

/// What the rule catalogue says about a rule: stable id, title, default severity, needed inputs.
public struct RuleDescriptor: Hashable, Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var inputs: [InputKind]
    /// The platforms whose identities it judges; nil for every platform.
    public var platforms: [Platform]?
    /// False while only the descriptor exists: such a rule is reported as not implemented, never as passed.
    public var implemented: Bool
    public var rationale: String
    public var remediation: String
    public var thresholds: [RuleThreshold]

    public init(id: String, title: String, severity: Severity, inputs: [InputKind], platforms: [Platform]? = nil, implemented: Bool,
                rationale: String = "", remediation: String = "", thresholds: [RuleThreshold] = []) {
        self.id = id; self.title = title; self.severity = severity; self.inputs = inputs; self.platforms = platforms
        self.implemented = implemented
        self.rationale = rationale; self.remediation = remediation; self.thresholds = thresholds
    }
}

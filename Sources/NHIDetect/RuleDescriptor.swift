import NHIModel

/// What the rule catalogue says about a rule: stable id, title, default severity, needed inputs.
public struct RuleDescriptor: Hashable, Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var inputs: [InputKind]
    /// False while only the descriptor exists: such a rule is reported as not implemented, never as passed.
    public var implemented: Bool

    public init(id: String, title: String, severity: Severity, inputs: [InputKind], implemented: Bool) {
        self.id = id; self.title = title; self.severity = severity; self.inputs = inputs; self.implemented = implemented
    }
}

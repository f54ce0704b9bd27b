import NHIModel

/// One governance rule. Rules read the normalised inventory only (no files, no I/O) and declare
/// examples that must and must not trigger them; the test suite runs every rule's examples.
public protocol Rule: Sendable {
    var id: String { get }
    var title: String { get }
    var severity: Severity { get }
    var rationale: String { get }
    var remediation: String { get }
    var inputs: [InputKind] { get }
    /// The platforms whose identities the rule judges; nil for every platform, empty for none (a
    /// rule about environments). A declared account of another platform does not make the rule
    /// partially evaluated.
    var platforms: [Platform]? { get }
    /// The policy fields it reads.
    var thresholds: [PolicyField] { get }
    func evaluate(_ context: RuleContext) -> [Finding]
    var triggeringExamples: [RuleExample] { get }
    var nonTriggeringExamples: [RuleExample] { get }
}

extension Rule {
    public var thresholds: [PolicyField] { [] }
    public var platforms: [Platform]? { nil }

    public var descriptor: RuleDescriptor {
        RuleDescriptor(
            id: id, title: title, severity: severity, inputs: inputs, platforms: platforms,
            rationale: rationale, remediation: remediation, thresholds: thresholds.compactMap(Policy.setting))
    }

    /// A finding of this rule with its deterministic id.
    func finding(
        _ context: RuleContext, subject: String, scope: String = "", environment: String? = nil,
        severity override: Severity? = nil, summary: String, details: [String: String] = [:],
        evidence: [EvidenceRef] = []
    ) -> Finding {
        Finding(
            id: FindingID.make(rule: id, subject: subject, scope: scope), rule: id, severity: override ?? severity,
            subject: subject, environment: environment, summary: summary, details: details,
            evidence: SortedEvidence.of(evidence))
    }
}

/// A small in-memory situation a rule is shown on.
public struct RuleExample: Sendable {
    public var name: String
    public var inventory: Inventory
    public var policy: Policy
    public var classifier: AuthorityClassifier

    public init(
        _ name: String, _ inventory: Inventory, policy: Policy = .defaults,
        classifier: AuthorityClassifier = ExampleKit.classifier
    ) {
        self.name = name; self.inventory = inventory; self.policy = policy; self.classifier = classifier
    }

    /// The context the example is evaluated in (as of the example period's end).
    public var context: RuleContext {
        RuleContext(inventory: inventory, policy: policy, classifier: classifier, asOf: ExampleKit.periodEnd)
    }
}

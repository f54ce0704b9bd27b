import Foundation
import NHIModel

/// Everything detection produces from one inventory.
public struct DetectionResult: Sendable {
    public var findings: [Finding]
    public var evaluations: [RuleEvaluation]
    public var authority: [AuthoritySummary]
    public var unclassified: [UnclassifiedAction]
    public var metrics: Metrics
}

/// Runs the rules whose inputs are present; the others are reported as not evaluated, never as passed.
public struct Detector: Sendable {
    public var rules: [any Rule]
    public var policy: Policy
    public var classifier: AuthorityClassifier

    public init(rules: [any Rule] = RuleRegistry.rules, policy: Policy, classifier: AuthorityClassifier) {
        self.rules = rules; self.policy = policy; self.classifier = classifier
    }

    /// `asOf` is the reference time for ages (the period end when the scope has one).
    public func run(_ inventory: Inventory, asOf: Date) -> DetectionResult {
        let context = RuleContext(inventory: inventory, policy: policy, classifier: classifier, asOf: asOf)
        var findings: [Finding] = []
        var evaluations: [RuleEvaluation] = []
        for rule in rules {
            let missing = rule.inputs.filter { !inventory.inputs.contains($0) }.sorted()
            guard missing.isEmpty else {
                evaluations.append(RuleEvaluation(rule: rule.id, state: .notEvaluated, missingInputs: missing))
                continue
            }
            let hits = rule.evaluate(context)
            findings += hits
            evaluations.append(RuleEvaluation(rule: rule.id, state: .evaluated, findings: hits.count))
        }
        return DetectionResult(
            findings: findings.sorted(by: Finding.reportOrder), evaluations: evaluations,
            authority: AuthorityProfile.summaries(context), unclassified: AuthorityProfile.unclassified(context),
            metrics: MetricsCalculator.metrics(context))
    }
}

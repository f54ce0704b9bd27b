import Foundation
import NHIModel

/// Everything detection produces from one inventory.
public struct DetectionResult: Sendable {
    public var findings: [Finding]
    public var evaluations: [RuleEvaluation]
    public var authority: [AuthoritySummary]
    public var unclassified: [UnclassifiedAction]
    public var metrics: Metrics
    public var authorityView: AuthorityView
}

/// Runs the rules whose inputs contributed; the others are reported as not evaluated, never as
/// passed, and a rule whose inputs cover only part of the declared scope as partially evaluated
/// (`EvidenceSufficiency`).
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
        let sufficiency = EvidenceSufficiency(inventory: inventory)
        for rule in rules {
            var evaluation = sufficiency.evaluation(of: rule)
            if evaluation.ran {
                let hits = rule.evaluate(context)
                findings += hits
                evaluation.findings = hits.count
            }
            evaluations.append(evaluation)
        }
        return DetectionResult(
            findings: findings.sorted(by: Finding.reportOrder), evaluations: evaluations,
            authority: AuthorityProfile.summaries(context), unclassified: AuthorityProfile.unclassified(context),
            metrics: MetricsCalculator.metrics(context),
            authorityView: AuthorityTimelines.view(context, environments: AuthorityAccountability.environments(context))
        )
    }
}

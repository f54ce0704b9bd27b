import Foundation
import NHIModel

/// Everything detection produces from one inventory.
public struct DetectionResult: Equatable, Sendable {
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

    /// `asOf` is the reference time for ages (the period end when the scope has one). Rules and views
    /// run on every core; the result is what running them one after another gives.
    public func run(_ inventory: Inventory, asOf: Date) -> DetectionResult {
        run(inventory, asOf: asOf, schedule: .concurrent, order: DetectionSchedule.heaviestFirst)
    }

    /// The run with the jobs started in `order` (positions in the list of jobs: the rules that
    /// ran in rule order, then the views) under `schedule`.
    func run(
        _ inventory: Inventory, asOf: Date, schedule: DetectionSchedule, order: ([DetectionJob]) -> [Int]
    ) -> DetectionResult {
        let context = RuleContext(inventory: inventory, policy: policy, classifier: classifier, asOf: asOf)
        let result = run(context, schedule: schedule, order: order)
        // The context holds an object per aggregate and the tables derived from them: freeing them
        // takes tens of milliseconds the next stage need not wait for. The run's jobs, which held
        // it too, are gone with the call above.
        ReleaseElsewhere.release(consume context)
        return result
    }

    private func run(
        _ context: RuleContext, schedule: DetectionSchedule, order: ([DetectionJob]) -> [Int]
    ) -> DetectionResult {
        let inventory = context.inventory
        let sufficiency = EvidenceSufficiency(inventory: inventory)
        var evaluations = rules.map(sufficiency.evaluation(of:))
        // Every job reads the context and writes its own slot. The context's one mutable part is its
        // table of derived values (the AWS permission model among them), computed once each under a
        // lock (`RuleContext.derived`); what a rule builds for itself (`EscalationFinder`, `Memo`) is
        // not Sendable, so the compiler keeps it on the rule's thread.
        let hits = JobOutputs<[Finding]>(count: rules.count)
        let authority = JobOutputs<[AuthoritySummary]>(count: 1)
        let unclassified = JobOutputs<[UnclassifiedAction]>(count: 1)
        let metrics = JobOutputs<Metrics>(count: 1)
        let view = JobOutputs<AuthorityView>(count: 1)
        var jobs = rules.indices.filter { evaluations[$0].ran }.map { index in
            let rule = rules[index]
            return DetectionJob(name: rule.id) { hits[index] = Finding.inReportOrder(rule.evaluate(context)) }
        }
        jobs += [
            DetectionJob(name: "authority-profile") { authority[0] = AuthorityProfile.summaries(context) },
            DetectionJob(name: "unclassified") { unclassified[0] = AuthorityProfile.unclassified(context) },
            DetectionJob(name: "metrics") { metrics[0] = MetricsCalculator.metrics(context) },
            DetectionJob(name: "authority-view") {
                view[0] = AuthorityTimelines.view(context, environments: AuthorityAccountability.environments(context))
            },
        ]
        schedule.run(jobs, order: order(jobs))
        var lists: [[Finding]] = []
        for index in rules.indices where evaluations[index].ran {
            let ruleHits = hits.take(index)!
            lists.append(ruleHits)
            evaluations[index].findings = ruleHits.count
        }
        return DetectionResult(
            findings: ReportOrderMerge.merged(consume lists), evaluations: evaluations, authority: authority[0]!,
            unclassified: unclassified[0]!, metrics: metrics[0]!, authorityView: view[0]!)
    }
}

import Foundation
@testable import NHIDetect
import NHIModel
import Testing

/// Nothing a run derives keeps its context alive: the context holds the run's indexes of the
/// whole inventory, and a derived value holding the context back would keep them after detection.
@Suite struct ContextLifetimeTests {
    @Test func everyRuleAndViewLeavesTheContextFree() {
        for example in RuleRegistry.rules.flatMap(\.triggeringExamples) {
            weak var weakContext: RuleContext?
            do {
                let context = example.context
                weakContext = context
                for rule in RuleRegistry.rules { _ = rule.evaluate(context) }
                _ = AuthorityProfile.summaries(context)
                _ = AuthorityTimelines.view(context, environments: AuthorityAccountability.environments(context))
                _ = MetricsCalculator.metrics(context)
            }
            #expect(weakContext == nil, "\(example.name)")
        }
    }
}

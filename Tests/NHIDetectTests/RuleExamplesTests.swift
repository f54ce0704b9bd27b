import NHIDetect
import NHIModel
import Testing

/// Every rule's own examples: the triggering ones must produce a finding of that rule, the others none.
@Suite struct RuleExamplesTests {
    static let rules: [any Rule] = RuleRegistry.rules

    @Test(arguments: RuleExamplesTests.rules.map(\.id))
    func examplesBehaveAsDeclared(ruleId: String) throws {
        let rule = try #require(RuleRegistry.rules.first { $0.id == ruleId })
        #expect(!rule.triggeringExamples.isEmpty, "\(rule.id) has no triggering example")
        #expect(!rule.nonTriggeringExamples.isEmpty, "\(rule.id) has no non-triggering example")
        for example in rule.triggeringExamples {
            let findings = rule.evaluate(example.context)
            #expect(!findings.isEmpty, "\(rule.id): \"\(example.name)\" should trigger")
            #expect(findings.allSatisfy { $0.rule == rule.id && $0.id.hasPrefix("NHI-") })
        }
        for example in rule.nonTriggeringExamples {
            let findings = rule.evaluate(example.context)
            #expect(findings.isEmpty, "\(rule.id): \"\(example.name)\" should not trigger, got \(findings.map(\.summary))")
        }
    }

    @Test(arguments: RuleExamplesTests.rules.map(\.id))
    func findingIdsAreStableAcrossRuns(ruleId: String) throws {
        let rule = try #require(RuleRegistry.rules.first { $0.id == ruleId })
        for example in rule.triggeringExamples {
            #expect(rule.evaluate(example.context).map(\.id).sorted() == rule.evaluate(example.context).map(\.id).sorted())
        }
    }

    @Test func everyRuleDeclaresRationaleAndRemediation() {
        for descriptor in RuleRegistry.descriptors {
            #expect(descriptor.implemented)
            #expect(!descriptor.rationale.isEmpty, "\(descriptor.id)")
            #expect(!descriptor.remediation.isEmpty, "\(descriptor.id)")
        }
        #expect(RuleRegistry.ids.count == RuleRegistry.descriptors.count, "rule ids are unique")
    }

    @Test func thresholdKeysArePolicyKeys() {
        let keys = Set(Policy.keys)
        for descriptor in RuleRegistry.descriptors {
            for threshold in descriptor.thresholds { #expect(keys.contains(threshold.key), "\(descriptor.id): \(threshold.key)") }
        }
    }
}

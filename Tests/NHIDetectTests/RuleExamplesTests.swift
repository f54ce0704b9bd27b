import Foundation
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
            #expect(
                findings.isEmpty, "\(rule.id): \"\(example.name)\" should not trigger, got \(findings.map(\.summary))")
        }
    }

    @Test(arguments: RuleExamplesTests.rules.map(\.id))
    func findingIdsAreStableAcrossRuns(ruleId: String) throws {
        let rule = try #require(RuleRegistry.rules.first { $0.id == ruleId })
        for example in rule.triggeringExamples {
            #expect(
                rule.evaluate(example.context).map(\.id).sorted() == rule.evaluate(example.context).map(\.id).sorted())
        }
    }

    @Test func everyRuleDeclaresRationaleAndRemediation() {
        for descriptor in RuleRegistry.descriptors {
            #expect(!descriptor.rationale.isEmpty, "\(descriptor.id)")
            #expect(!descriptor.remediation.isEmpty, "\(descriptor.id)")
        }
    }

    /// One file per rule under Sources/NHIDetect/Rules, each registered once.
    @Test func everyRuleFileIsRegisteredOnce() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/NHIDetect/Rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix("Rule.swift")
        }
        #expect(
            files.count == RuleRegistry.rules.count,
            "\(files.count) rule files, \(RuleRegistry.rules.count) registered rules")
        #expect(RuleRegistry.ids.count == RuleRegistry.rules.count, "rule ids are not unique")
        let types = Set(RuleRegistry.rules.map { String(describing: type(of: $0)) + ".swift" })
        #expect(Set(files) == types)
    }

    /// A rule's threshold without a row in `Policy.settings` would drop out of the catalogue unseen.
    @Test func everyThresholdIsAPolicySetting() {
        for rule in RuleRegistry.rules {
            #expect(
                rule.descriptor.thresholds.count == rule.thresholds.count,
                "\(rule.id) reads a policy field without a setting")
        }
    }

    /// docs/rules-semantics.md names, per rule, the policy keys it reads and the numeric defaults.
    @Test func rulesSemanticsNamesEachRulesPolicyKeysAndDefaults() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/rules-semantics.md"), encoding: .utf8)
        for descriptor in RuleRegistry.descriptors {
            let row = try #require(
                text.split(separator: "\n").first { $0.hasPrefix("| \(descriptor.id) |") },
                "\(descriptor.id) has no row")
            let column = String(row.split(separator: "|").last ?? "").trimmingCharacters(in: .whitespaces)
            let expected = descriptor.thresholds.map { setting in
                setting.number(in: .defaults) == nil
                    ? "`\(setting.key)`" : "`\(setting.key)` (\(setting.text(in: .defaults)))"
            }
            #expect(column == (expected.isEmpty ? "—" : expected.joined(separator: ", ")), "\(descriptor.id)")
        }
    }
}

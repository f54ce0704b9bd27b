import Foundation
import NHIDetect
@testable import NHIFrameworks
import NHIModel
import Testing
import TestSupport

@Suite struct PolicyLoaderTests {
    static let shipped = Fixtures.packageRoot.appendingPathComponent("mappings/policy.yaml")

    func write(_ text: String, name: String = "policy.yaml") throws -> URL {
        let url = try Fixtures.temporaryFolder().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func shippedDefaultsEqualTheBuiltInPolicy() throws {
        let loaded = try PolicyLoader.load(defaults: Self.shipped)
        #expect(loaded.policy == Policy.defaults)
        #expect(loaded.relaxations.isEmpty)
        #expect(PolicyLoader.validate(Self.shipped).isEmpty)
    }

    /// A `Policy` field without a row in `Policy.settings` could be neither read nor overridden.
    @Test func everyPolicyFieldHasOneSetting() {
        let fields = Mirror(reflecting: Policy.defaults).children.count
        #expect(Policy.settings.count == fields)
        #expect(Set(Policy.settings.map(\.field)).count == fields)
        #expect(Set(Policy.keys).count == fields)
    }

    /// policy.yaml holds every key in the table's order, each under a comment that is its meaning.
    @Test func shippedFileStatesEachSettingsMeaningInOrder() throws {
        let lines = try String(contentsOf: Self.shipped, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        var keys: [String] = []
        for (index, line) in lines.enumerated() {
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            keys.append(key)
            let setting = try #require(Policy.settings.first { $0.key == key }, "\(key) is not a policy key")
            #expect(
                index > 0 && lines[index - 1] == "# \(setting.meaning)",
                "\(key): the comment above it is not its meaning")
        }
        #expect(keys == Policy.keys)
    }

    @Test func partialOverrideMergesOverTheDefaults() throws {
        let override = try write("credential_max_age_days: 30\nproduction_environments: [live]\n")
        let policy = try PolicyLoader.load(defaults: Self.shipped, override: override).policy
        #expect(policy.credentialMaxAgeDays == 30)
        #expect(policy.productionEnvironments == ["live"])
        #expect(policy.staleAfterDays == Policy.defaults.staleAfterDays)
        #expect(policy.ciUserAgents == Policy.defaults.ciUserAgents)
    }

    @Test func remediationDaysOverrideOneSeverityAndRejectUnknownOnes() throws {
        let override = try write("remediation_days: {high: 14}\n")
        let policy = try PolicyLoader.load(defaults: Self.shipped, override: override).policy
        #expect(policy.remediationDays(for: .high) == 14)
        #expect(policy.remediationDays(for: .critical) == Policy.defaults.remediationDays(for: .critical))
        let bad = try write("remediation_days:\n  urgent: 3\n  low: -1\n")
        let error = try #require(throws: ConfigFileError.self) {
            try PolicyLoader.load(defaults: Self.shipped, override: bad)
        }
        #expect(error.problems.count == 2)
        #expect(error.problems.contains { $0.contains(":2:") && $0.contains("unknown key \"urgent\"") })
        #expect(error.problems.contains { $0.contains(":3:") && $0.contains("remediation_days.low") })
    }

    @Test func unknownKeyIsAnErrorWithFileAndLine() throws {
        let override = try write("stale_after_days: 60\ncredential_max_age: 30\n")
        let error = try #require(throws: ConfigFileError.self) {
            try PolicyLoader.load(defaults: Self.shipped, override: override)
        }
        #expect(error.problems.count == 1)
        #expect(
            error.problems[0].hasSuffix(
                "policy.yaml:2:1: unknown key \"credential_max_age\" in the policy (known: \(Policy.keys.joined(separator: ", ")))"
            ))
        #expect(PolicyLoader.validate(override) == error.problems)
    }

    @Test func badValuesAreErrors() throws {
        let override = try write(
            "credential_max_age_days: ninety\nbreak_glass_max_session_hours: -1\nci_user_agents: {a: b}\n")
        let problems = PolicyLoader.validate(override)
        #expect(problems.count == 3)
        #expect(problems[0].contains(":1:26: credential_max_age_days must be a whole number"))
        #expect(problems[1].contains(":2:32: break_glass_max_session_hours must be a number of hours > 0"))
        #expect(problems[2].contains(":3:17: ci_user_agents must be a list"))
    }

    @Test func thresholdsOutOfRangeAreErrorsWithTheirPosition() throws {
        let override = try write(
            """
            credential_max_age_days: 9223372036854775807
            stale_after_days: 36501
            break_glass_review_days: 36500
            break_glass_max_session_hours: 1e308
            audit_gap_hours: .inf

            """)
        let problems = PolicyLoader.validate(override)
        try #require(problems.count == 4, "\(problems)")
        #expect(
            problems[0].hasSuffix(
                "policy.yaml:1:26: credential_max_age_days must be a whole number of days from 0 to 36500"))
        #expect(
            problems[1].hasSuffix("policy.yaml:2:19: stale_after_days must be a whole number of days from 0 to 36500"))
        #expect(
            problems[2].hasSuffix(
                "policy.yaml:4:32: break_glass_max_session_hours must be a number of hours > 0 and ≤ 876000"))
        #expect(problems[3].hasSuffix("policy.yaml:5:18: audit_gap_hours must be a number of hours > 0 and ≤ 876000"))
        let atLimit = try write("credential_max_age_days: 36500\naudit_gap_hours: 876000\n")
        let policy = try PolicyLoader.load(defaults: Self.shipped, override: atLimit)
        #expect(policy.policy.credentialMaxAgeDays == 36_500 && policy.policy.auditGapHours == 876_000)
        _ = PolicyNotices.notices(
            policy.relaxations, rulesByKey: RuleRegistry.rulesByPolicyKey,
            mappingSet: MappingSet(catalogs: [], mappings: []))
    }

    @Test func syntaxErrorNamesThePosition() throws {
        let override = try write("stale_after_days: [1, 2\n")
        let problems = PolicyLoader.validate(override)
        #expect(problems.count == 1)
        #expect(problems[0].contains("policy.yaml:2:1: invalid YAML"))
    }

    @Test func looserThresholdsBecomeNoticesNamingControls() throws {
        let override = try write("credential_max_age_days: 180\nstale_after_days: 30\n")
        let loaded = try PolicyLoader.load(defaults: Self.shipped, override: override)
        #expect(loaded.relaxations.map(\.key) == ["credential_max_age_days"])
        let mappingSet = MappingSet(
            catalogs: [],
            mappings: [
                FrameworkMapping(
                    framework: "owasp-nhi",
                    controls: [
                        ControlMapping(
                            control: "NHI7:2025", method: .rules, rules: ["long-lived-credential"], rationale: "r"),
                        ControlMapping(control: "NHI1:2025", method: .rules, rules: ["stale-identity"], rationale: "r"),
                    ])
            ])
        let notices = PolicyNotices.notices(
            loaded.relaxations, rulesByKey: RuleRegistry.rulesByPolicyKey, mappingSet: mappingSet)
        #expect(notices.count == 1)
        #expect(
            notices[0].hasSuffix(
                "credential_max_age_days = 180 is looser than the default 90 that controls owasp-nhi NHI7:2025 expect (rules long-lived-credential)"
            ))
    }
}

import Foundation
import NHIModel
import Yams

/// A threshold an override set more permissively than the shipped default.
public struct PolicyRelaxation: Hashable, Sendable {
    public var key: String
    public var defaultValue: Double
    public var value: Double
    public var file: String
}

/// Loads `mappings/policy.yaml` (the defaults) and an optional `--policy` override file that
/// may set any subset of the keys. Unknown keys, wrong types and bad values are errors with file:line.
public enum PolicyLoader {
    public struct Loaded: Sendable {
        public var policy: Policy
        /// Thresholds the override loosened relative to the defaults file.
        public var relaxations: [PolicyRelaxation]
        /// Lists the override emptied, or left matching nothing the defaults matched.
        public var silencings: [PolicySilencing] = []
    }

    public static func load(defaults: URL, override: URL? = nil) throws -> Loaded {
        let base = try parse(defaults, over: .defaults)
        guard let override else { return Loaded(policy: base, relaxations: []) }
        let display = DisplayPath.of(override)
        guard FileManager.default.fileExists(atPath: override.path) else { throw ConfigFileError("\(display): policy file not found") }
        let effective = try parse(override, over: base)
        return Loaded(policy: effective, relaxations: relaxations(from: base, to: effective, file: display),
                      silencings: PolicySilencing.find(from: base, to: effective, file: display, lists: listKeys))
    }

    /// Every problem of one policy file, one line each (empty when the file is valid). For `nhi-audit validate`.
    public static func validate(_ url: URL) -> [String] {
        do {
            _ = try parse(url, over: .defaults)
            return []
        } catch let error as ConfigFileError {
            return error.problems
        } catch {
            return ["\(DisplayPath.of(url)): \(error)"]
        }
    }

    /// Applies the keys present in the file at `url` over `policy`.
    static func parse(_ url: URL, over policy: Policy) throws -> Policy {
        let yaml = StrictYAML(file: DisplayPath.of(url))
        let text = try yaml.read(url)
        return try apply(text, over: policy, yaml: yaml)
    }

    static func apply(_ text: String, over base: Policy, yaml: StrictYAML) throws -> Policy {
        guard let root = try yaml.parse(text) else { return base }
        var policy = base
        var problems: [String] = []
        for (key, _, value) in yaml.entries(of: root, allowed: Policy.keys, context: "the policy", problems: &problems) {
            if let path = intKeys[key] {
                guard let number = value.scalar.flatMap({ Int($0.string) }), (0...maxDays).contains(number) else {
                    problems.append(yaml.problem(value, "\(key) must be a whole number of days from 0 to \(maxDays)"))
                    continue
                }
                policy[keyPath: path] = number
            } else if let path = doubleKeys[key] {
                guard let number = value.scalar.flatMap({ Double($0.string) }), number > 0, number <= maxHours else {
                    problems.append(yaml.problem(value, "\(key) must be a number of hours > 0 and ≤ \(Int(maxHours))"))
                    continue
                }
                policy[keyPath: path] = number
            } else if let path = listKeys[key], let values = yaml.strings(value, key: key, problems: &problems) {
                policy[keyPath: path] = values
            } else if key == "remediation_days" {
                applyRemediationDays(value, to: &policy, yaml: yaml, problems: &problems)
            }
        }
        guard problems.isEmpty else { throw ConfigFileError(problems: problems) }
        return policy
    }

    /// `remediation_days`: a mapping of severity to whole days; severities not named keep their value.
    private static func applyRemediationDays(_ node: Node, to policy: inout Policy, yaml: StrictYAML, problems: inout [String]) {
        let severities = Severity.allCases.reversed().map(\.rawValue)
        for (severity, _, value) in yaml.entries(of: node, allowed: severities, context: "remediation_days", problems: &problems) {
            guard let number = value.scalar.flatMap({ Int($0.string) }), (0...maxDays).contains(number) else {
                problems.append(yaml.problem(value, "remediation_days.\(severity) must be a whole number of days from 0 to \(maxDays)"))
                continue
            }
            policy.remediationDays[severity] = number
        }
    }

    static func relaxations(from base: Policy, to effective: Policy, file: String) -> [PolicyRelaxation] {
        Policy.loosenedWhenLarger.sorted().compactMap { key in
            let before = numericValue(base, key), after = numericValue(effective, key)
            return after > before ? PolicyRelaxation(key: key, defaultValue: before, value: after, file: file) : nil
        }
    }

    private static func numericValue(_ policy: Policy, _ key: String) -> Double {
        if let path = intKeys[key] { return Double(policy[keyPath: path]) }
        if let path = doubleKeys[key] { return policy[keyPath: path] }
        return 0
    }

    /// Bounds of the thresholds: a hundred years, in days and in hours. Larger values mean nothing
    /// to an audit and overflow the date arithmetic of the rules that use them.
    static let maxDays = 36_500
    static let maxHours = 876_000.0

    private static var intKeys: [String: WritableKeyPath<Policy, Int>] { [
        "credential_max_age_days": \.credentialMaxAgeDays, "stale_after_days": \.staleAfterDays,
        "break_glass_review_days": \.breakGlassReviewDays,
    ] }
    private static var doubleKeys: [String: WritableKeyPath<Policy, Double>] { [
        "break_glass_max_session_hours": \.breakGlassMaxSessionHours, "audit_gap_hours": \.auditGapHours,
    ] }
    private static var listKeys: [String: WritableKeyPath<Policy, [String]>] { [
        "production_environments": \.productionEnvironments, "ci_user_agents": \.ciUserAgents,
        "interactive_user_agents": \.interactiveUserAgents, "kubectl_user_agents": \.kubectlUserAgents,
        "console_login_actions": \.consoleLoginActions, "break_glass_name_patterns": \.breakGlassNamePatterns,
        "admin_policy_names": \.adminPolicyNames, "static_credential_prefixes": \.staticCredentialPrefixes,
        "oidc_providers": \.oidcProviders, "trusted_accounts": \.trustedAccounts,
        "broad_third_party_scopes": \.broadThirdPartyScopes,
    ] }

    /// Every policy key has a parser (checked by tests against `Policy.keys`).
    static var parsedKeys: Set<String> { Set(intKeys.keys).union(doubleKeys.keys).union(listKeys.keys).union(["remediation_days"]) }
}

import Foundation
import NHIModel

/// A list the override set so that the rules reading it can no longer find what the default list
/// lets them find: emptied, or left with patterns of which none overlaps any default entry.
public struct PolicySilencing: Hashable, Sendable {
    public var key: String
    public var file: String
    /// The override's entries (empty when the list was emptied).
    public var value: [String]
    public var defaultValue: [String]

    /// Lists in which fewer entries find less. `trusted_accounts` is not one: a longer list of
    /// accounts trusted without an external id is the looser one.
    public static let narrowingSilences: Set<String> = [
        "production_environments", "ci_user_agents", "interactive_user_agents", "kubectl_user_agents",
        "console_login_actions", "break_glass_name_patterns", "admin_policy_names", "static_credential_prefixes",
        "oidc_providers", "broad_third_party_scopes",
    ]

    /// The silenced lists of `effective` against `base`, by key.
    static func find(from base: Policy, to effective: Policy, file: String,
                     lists: [String: WritableKeyPath<Policy, [String]>]) -> [PolicySilencing] {
        narrowingSilences.sorted().compactMap { key -> PolicySilencing? in
            guard let path = lists[key] else { return nil }
            let before = base[keyPath: path], after = effective[keyPath: path]
            guard !before.isEmpty, after != before else { return nil }
            let matchesAnyDefault = after.contains { entry in
                before.contains { WildcardPattern(entry).overlaps(WildcardPattern($0)) }
            }
            return matchesAnyDefault ? nil : PolicySilencing(key: key, file: file, value: after, defaultValue: before)
        }
    }
}

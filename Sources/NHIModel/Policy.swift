import Foundation

/// Thresholds and patterns the rules judge by. Each field is one key of the policy file, declared
/// with its shipped default here and with its key and meaning in `Policy.settings`
/// (`mappings/policy.yaml` must equal `Policy.defaults`; `--policy FILE` overrides any subset of the keys).
public struct Policy: Hashable, Sendable {
    public var credentialMaxAgeDays = 90
    public var staleAfterDays = 90
    public var breakGlassMaxSessionHours = 4.0
    public var breakGlassReviewDays = 5
    public var auditGapHours = 24.0
    public var productionEnvironments = ["production", "prod"]
    public var ciUserAgents = [
        "*GitHub-Actions*", "*github-actions*", "*GitLab-Runner*", "*Jenkins*", "*CircleCI*", "*Buildkite*",
        "*AWSCodeBuild*", "*azure-pipelines*", "*TeamCity*", "*drone*", "*argocd*", "*Spinnaker*",
    ]
    public var interactiveUserAgents = [
        "signin.amazonaws.com", "console.amazonaws.com", "*console.aws.amazon.com*",
        "Mozilla/*", "*Chrome/*", "*Safari/*", "*Firefox/*", "*Edg/*", "*CloudShell*",
    ]
    public var kubectlUserAgents = ["kubectl/*", "*k9s*", "*Lens/*"]
    public var consoleLoginActions = ["signin:ConsoleLogin", "signin:SwitchRole", "sso:Federate", "user.login"]
    public var breakGlassNamePatterns = ["*break-glass*", "*breakglass*", "*break_glass*", "*emergency*", "*firecall*"]
    public var adminPolicyNames = [
        "AdministratorAccess", "*:policy/AdministratorAccess", "IAMFullAccess", "PowerUserAccess",
        "cluster-admin", "admin", "system:masters", "org-owner", "owner",
        // GCP: basic roles and the roles that mint or manage service account credentials.
        "roles/owner", "roles/editor", "roles/iam.serviceAccountTokenCreator", "roles/iam.serviceAccountKeyAdmin",
        // Entra: Graph app permissions that reach every application and role, and the directory roles that do.
        "*/Application.ReadWrite.All", "*/AppRoleAssignment.ReadWrite.All", "*/RoleManagement.ReadWrite.Directory",
        "directory role Global Administrator", "directory role Privileged Role Administrator",
        "directory role Application Administrator", "directory role Cloud Application Administrator",
    ]
    public var staticCredentialPrefixes = ["AKIA", "ghp_", "github_pat_", "glpat-"]
    public var oidcProviders = [
        "token.actions.githubusercontent.com", "*token.actions.githubusercontent.com*",
        "gitlab.com", "app.terraform.io", "oidc.eks.*.amazonaws.com/id/*",
    ]
    public var trustedAccounts: [String] = []
    /// Days per severity (`critical` … `info`) an open finding may stay open: the report's due dates.
    public var remediationDays: [String: Int] = ["critical": 7, "high": 30, "medium": 90, "low": 180, "info": 365]
    public var broadThirdPartyScopes = [
        "repo", "admin:org", "write:org", "admin:repo_hook", "admin:org_hook", "delete_repo",
        "workflow", "administration:write", "contents:write", "members:write",
        "organization_administration:write", "secrets:write",
    ]

    /// The shipped defaults.
    public init() {}

    public static let defaults = Policy()

    /// Every key of the policy file, in the order of `mappings/policy.yaml`: the loader, the report's
    /// warnings about loosened values, the rule catalogue and docs/rules.md read this table.
    public static let settings: [PolicySetting] = [
        PolicySetting(
            "credential_max_age_days", .days(\.credentialMaxAgeDays),
            meaning: "Days since creation or last rotation after which an access key or token is long-lived."),
        PolicySetting(
            "stale_after_days", .days(\.staleAfterDays),
            meaning: "Days without use after which an active identity or credential is stale."),
        PolicySetting(
            "break_glass_max_session_hours", .hours(\.breakGlassMaxSessionHours),
            meaning: "Longest break-glass session or credential lifetime, in hours."),
        PolicySetting(
            "break_glass_review_days", .days(\.breakGlassReviewDays),
            meaning: "Days after an incident's resolution by which break-glass use must be reviewed."),
        PolicySetting(
            "audit_gap_hours", .hours(\.auditGapHours),
            meaning: "Silence in an audit source longer than this (hours) is a coverage gap."),
        PolicySetting(
            "remediation_days", .daysPerSeverity(\.remediationDays),
            meaning:
                "Days an open finding may stay open after it is first reported, per severity: the report's due dates."),
        PolicySetting(
            "production_environments", .patterns(\.productionEnvironments),
            meaning: "Environment names treated as production even when scope.yaml does not flag them."),
        PolicySetting(
            "ci_user_agents", .patterns(\.ciUserAgents),
            meaning: "User agents of CI/CD systems; each pattern is one CI system."),
        PolicySetting(
            "interactive_user_agents", .patterns(\.interactiveUserAgents),
            meaning: "User agents of people at consoles and browsers."),
        PolicySetting(
            "kubectl_user_agents", .patterns(\.kubectlUserAgents),
            meaning: "People's Kubernetes tools: from a service-account token they mean human use of the NHI."),
        PolicySetting(
            "console_login_actions", .patterns(\.consoleLoginActions),
            meaning: "Actions that are interactive sign-ins."),
        PolicySetting(
            "break_glass_name_patterns", .patterns(\.breakGlassNamePatterns),
            meaning: "Names that mark an identity as break-glass when owners.csv gives no purpose."),
        PolicySetting(
            "admin_policy_names", .patterns(\.adminPolicyNames),
            meaning: "Policies, roles and bindings that grant administrator access."),
        PolicySetting(
            "static_credential_prefixes", .patterns(\.staticCredentialPrefixes),
            meaning: "Credential id prefixes of long-term static secrets."),
        PolicySetting(
            "oidc_providers", .patterns(\.oidcProviders),
            meaning: "OIDC providers whose trusts must pin the token subject (`<provider>:sub`)."),
        // A longer list of accounts trusted without an external id is the looser one, so emptying it
        // silences nothing.
        PolicySetting(
            "trusted_accounts", .patterns(\.trustedAccounts, fewerFindLess: false),
            meaning: "AWS accounts outside scope.yaml that the organisation owns (trusted without an external id)."),
        PolicySetting(
            "broad_third_party_scopes", .patterns(\.broadThirdPartyScopes),
            meaning: "Third-party app scopes and permissions that count as broad."),
    ]

    /// The policy file keys, as written in YAML.
    public static var keys: [String] { settings.map(\.key) }

    /// The setting of a field (`\.staleAfterDays`); nil for a field without a row in `settings`.
    public static func setting(_ field: PartialKeyPath<Policy>) -> PolicySetting? {
        settings.first { $0.field == field }
    }

    /// Days a finding of `severity` may stay open after it is first reported (a severity the policy
    /// does not name takes the shipped default).
    public func remediationDays(for severity: Severity) -> Int {
        remediationDays[severity.rawValue] ?? Policy.defaults.remediationDays[severity.rawValue]
            ?? PolicySetting.maxDays
    }

    /// Whether `name` is a production environment (scope.yaml's flag or the policy's names).
    public func isProduction(_ environment: String, scope: Scope) -> Bool {
        scope.isProduction(environment)
            || productionEnvironments.contains { $0.caseInsensitiveCompare(environment) == .orderedSame }
    }
}

/// The policy as canonical JSON under its file keys (the results' `policyDigest` hashes it).
extension Policy: Encodable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: PolicySetting.Key.self)
        for setting in Self.settings {
            let key = PolicySetting.Key(setting.key)
            switch setting.value {
            case .days(let path): try container.encode(self[keyPath: path], forKey: key)
            case .hours(let path): try container.encode(self[keyPath: path], forKey: key)
            case .patterns(let path, _): try container.encode(self[keyPath: path], forKey: key)
            case .daysPerSeverity(let path): try container.encode(self[keyPath: path], forKey: key)
            }
        }
    }
}

import Foundation

/// Thresholds and patterns the rules judge by. The shipped defaults are `mappings/policy.yaml`
/// (which must equal `Policy.defaults`); `--policy FILE` overrides any subset of the keys.
public struct Policy: Hashable, Codable, Sendable {
    /// Access keys and tokens older than this (since creation or last rotation) are long-lived.
    public var credentialMaxAgeDays: Int
    /// Active identities or credentials unused for longer than this are stale.
    public var staleAfterDays: Int
    /// Break-glass sessions and credentials may not outlive this.
    public var breakGlassMaxSessionHours: Double
    /// Break-glass use must be reviewed within this many days after its incident is resolved.
    public var breakGlassReviewDays: Int
    /// Silences in an audit source longer than this are coverage gaps.
    public var auditGapHours: Double
    /// Environment names treated as production even when scope.yaml does not flag them.
    public var productionEnvironments: [String]
    /// User agents of CI/CD systems.
    public var ciUserAgents: [String]
    /// User agents of people: consoles and browsers.
    public var interactiveUserAgents: [String]
    /// User agents that mean a person ran kubectl; from a service-account token that is human use.
    public var kubectlUserAgents: [String]
    /// Actions that are interactive sign-ins.
    public var consoleLoginActions: [String]
    /// Names that mark an identity as break-glass when owners.csv does not say so.
    public var breakGlassNamePatterns: [String]
    /// Policies and roles that grant administrator access.
    public var adminPolicyNames: [String]
    /// Credential id prefixes of long-term static secrets (AWS user keys, classic GitHub tokens).
    public var staticCredentialPrefixes: [String]
    /// OIDC providers whose trust must pin the token subject (`<provider>:sub`).
    public var oidcProviders: [String]
    /// External AWS accounts the organisation trusts without an external id (its own other accounts).
    public var trustedAccounts: [String]
    /// Third-party app permissions or scopes that count as broad.
    public var broadThirdPartyScopes: [String]
    /// Days an open finding of each severity (`critical` … `info`) may stay open after it is first
    /// reported before it is overdue: the report's due dates.
    public var remediationDays: [String: Int] = Policy.defaultRemediationDays

    public init(
        credentialMaxAgeDays: Int, staleAfterDays: Int, breakGlassMaxSessionHours: Double, breakGlassReviewDays: Int,
        auditGapHours: Double, productionEnvironments: [String], ciUserAgents: [String], interactiveUserAgents: [String],
        kubectlUserAgents: [String], consoleLoginActions: [String], breakGlassNamePatterns: [String],
        adminPolicyNames: [String], staticCredentialPrefixes: [String], oidcProviders: [String],
        trustedAccounts: [String], broadThirdPartyScopes: [String]
    ) {
        self.credentialMaxAgeDays = credentialMaxAgeDays; self.staleAfterDays = staleAfterDays
        self.breakGlassMaxSessionHours = breakGlassMaxSessionHours; self.breakGlassReviewDays = breakGlassReviewDays
        self.auditGapHours = auditGapHours; self.productionEnvironments = productionEnvironments
        self.ciUserAgents = ciUserAgents; self.interactiveUserAgents = interactiveUserAgents
        self.kubectlUserAgents = kubectlUserAgents; self.consoleLoginActions = consoleLoginActions
        self.breakGlassNamePatterns = breakGlassNamePatterns; self.adminPolicyNames = adminPolicyNames
        self.staticCredentialPrefixes = staticCredentialPrefixes; self.oidcProviders = oidcProviders
        self.trustedAccounts = trustedAccounts; self.broadThirdPartyScopes = broadThirdPartyScopes
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case credentialMaxAgeDays = "credential_max_age_days"
        case staleAfterDays = "stale_after_days"
        case breakGlassMaxSessionHours = "break_glass_max_session_hours"
        case breakGlassReviewDays = "break_glass_review_days"
        case auditGapHours = "audit_gap_hours"
        case productionEnvironments = "production_environments"
        case ciUserAgents = "ci_user_agents"
        case interactiveUserAgents = "interactive_user_agents"
        case kubectlUserAgents = "kubectl_user_agents"
        case consoleLoginActions = "console_login_actions"
        case breakGlassNamePatterns = "break_glass_name_patterns"
        case adminPolicyNames = "admin_policy_names"
        case staticCredentialPrefixes = "static_credential_prefixes"
        case oidcProviders = "oidc_providers"
        case trustedAccounts = "trusted_accounts"
        case broadThirdPartyScopes = "broad_third_party_scopes"
        case remediationDays = "remediation_days"
    }

    /// The policy file keys, as written in YAML.
    public static var keys: [String] { CodingKeys.allCases.map(\.rawValue) }

    /// Numeric keys where a larger value is more permissive (used to warn about loosened thresholds).
    public static let loosenedWhenLarger: Set<String> = [
        "credential_max_age_days", "stale_after_days", "break_glass_max_session_hours", "break_glass_review_days", "audit_gap_hours",
    ]

    public static let defaults = Policy(
        credentialMaxAgeDays: 90, staleAfterDays: 90, breakGlassMaxSessionHours: 4, breakGlassReviewDays: 5,
        auditGapHours: 24,
        productionEnvironments: ["production", "prod"],
        ciUserAgents: ["*GitHub-Actions*", "*github-actions*", "*GitLab-Runner*", "*Jenkins*", "*CircleCI*", "*Buildkite*",
                       "*AWSCodeBuild*", "*azure-pipelines*", "*TeamCity*", "*drone*", "*argocd*", "*Spinnaker*"],
        interactiveUserAgents: ["signin.amazonaws.com", "console.amazonaws.com", "*console.aws.amazon.com*",
                                "Mozilla/*", "*Chrome/*", "*Safari/*", "*Firefox/*", "*Edg/*", "*CloudShell*"],
        kubectlUserAgents: ["kubectl/*", "*k9s*", "*Lens/*"],
        consoleLoginActions: ["signin:ConsoleLogin", "signin:SwitchRole", "sso:Federate", "user.login"],
        breakGlassNamePatterns: ["*break-glass*", "*breakglass*", "*break_glass*", "*emergency*", "*firecall*"],
        adminPolicyNames: ["AdministratorAccess", "*:policy/AdministratorAccess", "IAMFullAccess", "PowerUserAccess",
                           "cluster-admin", "admin", "system:masters", "org-owner", "owner"],
        staticCredentialPrefixes: ["AKIA", "ghp_", "github_pat_", "glpat-"],
        oidcProviders: ["token.actions.githubusercontent.com", "*token.actions.githubusercontent.com*",
                        "gitlab.com", "app.terraform.io", "oidc.eks.*.amazonaws.com/id/*"],
        trustedAccounts: [],
        broadThirdPartyScopes: ["repo", "admin:org", "write:org", "admin:repo_hook", "admin:org_hook", "delete_repo",
                                "workflow", "administration:write", "contents:write", "members:write",
                                "organization_administration:write", "secrets:write"]
    )

    public static let defaultRemediationDays = ["critical": 7, "high": 30, "medium": 90, "low": 180, "info": 365]

    /// Days a finding of `severity` may stay open after it is first reported.
    public func remediationDays(for severity: Severity) -> Int {
        remediationDays[severity.rawValue] ?? Policy.defaultRemediationDays[severity.rawValue] ?? 365
    }

    /// Whether `name` is a production environment (scope.yaml's flag or the policy's names).
    public func isProduction(_ environment: String, scope: Scope) -> Bool {
        scope.isProduction(environment) || productionEnvironments.contains { $0.caseInsensitiveCompare(environment) == .orderedSame }
    }
}

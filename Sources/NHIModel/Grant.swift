import Foundation

public enum Effect: String, Codable, Sendable { case allow = "Allow", deny = "Deny" }

/// A condition from a policy statement, kept verbatim (operator, key, values).
public struct PolicyCondition: Hashable, Codable, Sendable {
    public var op: String
    public var key: String
    public var values: [String]
    public init(op: String, key: String, values: [String]) {
        self.op = op; self.key = key; self.values = values
    }
}

/// One permission an identity holds: identity × effect × actions × resources × conditions, through `via`.
///
/// Action vocabulary per platform: AWS `service:Action` (wildcards as written, e.g. `s3:*`, `*`);
/// Kubernetes `<verb> <resource>[/<subresource>]` with the API group as `group/resource` when not core
/// (e.g. `update apps/deployments/scale`, `* *`); GitHub permission or scope names (`repo`, `contents:write`).
public struct Grant: Hashable, Codable, Sendable {
    public var identity: IdentityID
    public var platform: Platform
    public var effect: Effect
    public var actions: [String]
    /// True for NotAction statements: the grant covers every action except `actions`.
    public var actionsInverted: Bool
    public var resources: [String]
    public var conditions: [PolicyCondition]
    /// The policy, role binding or installation that confers it (name or ARN).
    public var via: String
    /// Namespace for namespaced Kubernetes grants; nil = cluster-wide / account-wide.
    public var scope: String?
    /// True when the grant comes from a well-known administrator policy or role
    /// (AdministratorAccess, cluster-admin, org owner).
    public var isAdministrative: Bool
    public var evidence: [EvidenceRef]

    public init(
        identity: IdentityID, platform: Platform, effect: Effect = .allow, actions: [String],
        actionsInverted: Bool = false, resources: [String] = ["*"], conditions: [PolicyCondition] = [],
        via: String, scope: String? = nil, isAdministrative: Bool = false, evidence: [EvidenceRef] = []
    ) {
        self.identity = identity; self.platform = platform; self.effect = effect; self.actions = actions
        self.actionsInverted = actionsInverted; self.resources = resources; self.conditions = conditions
        self.via = via; self.scope = scope; self.isAdministrative = isAdministrative; self.evidence = evidence
    }
}

extension Grant {
    /// The actions as a reader should take them: a NotAction grant covers everything *but* its list,
    /// so it reads "all actions except iam:*, organizations:*" rather than the bare list.
    public var actionSummary: String {
        actionsInverted ? "all actions except \(actions.joined(separator: ", "))" : actions.joined(separator: " ")
    }

    /// The resources likewise: NotResource entries (kept with a leading `!`) read "all resources except …".
    public var resourceSummary: String {
        let excluded = resources.filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) }
        if !excluded.isEmpty { return "all resources except \(excluded.joined(separator: ", "))" }
        return resources.isEmpty ? "*" : resources.joined(separator: " ")
    }
}

/// Who may assume or impersonate an identity: one principal of an AWS trust policy statement,
/// a Kubernetes impersonation grant, or a GitHub OIDC trust.
public struct TrustRelationship: Hashable, Codable, Sendable {
    public enum PrincipalType: String, Codable, Sendable {
        case aws = "AWS", federated = "Federated", service = "Service", canonicalUser = "CanonicalUser", any = "*"
    }
    /// The identity that can be assumed.
    public var target: IdentityID
    public var principalType: PrincipalType
    /// ARN, account id, OIDC provider host or service principal, as written.
    public var principal: String
    public var actions: [String]
    public var conditions: [PolicyCondition]
    public var evidence: [EvidenceRef]

    public init(
        target: IdentityID, principalType: PrincipalType, principal: String, actions: [String],
        conditions: [PolicyCondition] = [], evidence: [EvidenceRef] = []
    ) {
        self.target = target; self.principalType = principalType; self.principal = principal
        self.actions = actions; self.conditions = conditions; self.evidence = evidence
    }
}

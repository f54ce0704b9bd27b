import Foundation
import NHIModel

/// Who can assume each AWS role, from its trust policy and the caller's own permissions:
/// - a trust naming the caller's ARN admits it within the same account without any identity policy
///   (the trust policy is a resource policy); from another account the caller's policies must also
///   allow `sts:AssumeRole` on the role;
/// - a trust naming an account (its root ARN or bare id) or `*` admits the principals of that account
///   whose own policies allow `sts:AssumeRole` on the role.
/// An explicit Deny of `sts:AssumeRole` on the role stops both. Services and federated providers can
/// assume roles too, but hold no credential an identity of the inventory could use, so they end no chain here.
struct RoleAssumption: Sendable {
    struct Edge: Sendable {
        var role: IdentityID
        var trust: TrustRelationship
        /// The caller's statement allowing `sts:AssumeRole`, when one was needed.
        var grant: Grant?
    }

    private let permissions: EffectivePermissions
    private let identities: IdentityLookup
    private let trustsByRole: [IdentityID: [TrustRelationship]]
    /// Roles whose trust names a principal ARN (lowercased): the only ones a caller without
    /// `sts:AssumeRole` in its own policies may assume.
    private let rolesNaming: [String: Set<IdentityID>]
    /// Roles whose trust admits an account by its principal (`*`, the account id, or a `:root` ARN,
    /// also filed under its account field): with the roles naming it, the only ones a caller whose
    /// own policies allow `sts:AssumeRole` may assume.
    private let rolesAdmitting: [String: Set<IdentityID>]

    /// The roles' trusts read with the shared permission model, once per context (the
    /// privilege-escalation and dual-use-through-assumed-role rules both follow chains).
    static func shared(_ context: RuleContext) -> RoleAssumption {
        context.derived("aws role assumption") {
            RoleAssumption(EffectivePermissions.shared(context), context: context)
        }
    }

    /// The context's identities and trusts, not the context itself (see `EffectivePermissions`).
    init(_ permissions: EffectivePermissions, context: RuleContext) {
        self.permissions = permissions
        identities = context.people
        let assuming = context.inventory.trusts.filter { trust in
            (trust.principalType == .aws || trust.principalType == .any)
                && trust.actions.contains { WildcardPattern.action($0).matches("sts:AssumeRole") }
        }
        trustsByRole = Dictionary(grouping: assuming, by: \.target)
        rolesNaming = Dictionary(grouping: assuming, by: { $0.principal.lowercased() }).mapValues {
            Set($0.map(\.target))
        }
        var admitting: [String: Set<IdentityID>] = [:]
        for trust in assuming {
            admitting[trust.principal, default: []].insert(trust.target)
            if trust.principal.hasPrefix("arn:"), trust.principal.hasSuffix(":root") {
                let account = trust.principal.dropLast(":root".count).split(
                    separator: ":", omittingEmptySubsequences: false
                ).last!
                admitting[String(account), default: []].insert(trust.target)
            }
        }
        rolesAdmitting = admitting
    }

    /// The roles `caller` can assume directly (a trust naming it: its ARN with or without a path).
    func edges(from caller: IdentityID) -> [Edge] {
        guard let identity = identities[caller], identity.platform == .aws else { return [] }
        let names: Set<String> = [identity.id.rawValue.lowercased(), AWSResourceNames.arn(of: identity).lowercased()]
        var candidates = names.reduce(into: Set<IdentityID>()) { $0.formUnion(rolesNaming[$1] ?? []) }
        if permissions.mentions(caller, "sts:AssumeRole") {
            if let account = identity.account, account.contains(":") {
                // An account field `admitsAccount` may match across colons: no shortcut.
                candidates = Set(trustsByRole.keys)
            } else {
                candidates.formUnion(rolesAdmitting["*"] ?? [])
                if let account = identity.account { candidates.formUnion(rolesAdmitting[account] ?? []) }
            }
        }
        var result: [Edge] = []
        for role in candidates where role != caller {
            guard let trusts = trustsByRole[role] else { continue }
            guard let target = identities[role] else { continue }
            let arn = AWSResourceNames.arn(of: target)
            if permissions.denied(caller, "sts:AssumeRole", on: arn) { continue }
            let allow = permissions.allowing(caller, "sts:AssumeRole", on: arn)
            for trust in trusts {
                let named = names.contains(trust.principal.lowercased())
                let sameAccount = identity.account != nil && identity.account == target.account
                if named && sameAccount {
                    result.append(Edge(role: role, trust: trust, grant: nil)); break
                }
                if let allow, named || Self.admitsAccount(trust.principal, identity.account) {
                    result.append(Edge(role: role, trust: trust, grant: allow)); break
                }
            }
        }
        return result.sorted { $0.role < $1.role }
    }

    /// Whether a trust principal is an account (root ARN, bare id, or `*`) the caller belongs to.
    static func admitsAccount(_ principal: String, _ account: String?) -> Bool {
        if principal == "*" { return true }
        guard let account else { return false }
        return principal == account || (principal.hasPrefix("arn:") && principal.hasSuffix(":\(account):root"))
    }
}

/// ARNs of identities as IAM resources (with their path, which the inventory id leaves out).
enum AWSResourceNames {
    static func arn(of identity: Identity) -> String {
        let raw = identity.id.rawValue
        guard let path = identity.attributes["path"], path != "/", path.hasPrefix("/"), path.hasSuffix("/"),
            let slash = raw.lastIndex(of: "/")
        else { return raw }
        return String(raw[..<slash]) + path + String(raw[raw.index(after: slash)...])
    }

    static func partition(_ identity: Identity) -> String {
        identity.id.rawValue.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).dropFirst().first
            .map(String.init) ?? "aws"
    }
}

import Foundation
import NHIModel

/// Roles assumable by outside accounts without an external id; third-party apps with broad scopes.
public struct ThirdPartyTrustRule: Rule {
    public let id = "third-party-trust"
    public let title = "Third-party access without external id or with broad scopes"
    public let severity = Severity.high
    public let rationale =
        "A vendor account trusted without sts:ExternalId invites the confused-deputy attack; third-party apps with write or admin scopes extend the organisation's attack surface to the vendor."
    public let remediation =
        "Require a unique sts:ExternalId for every external account; reduce third-party app scopes to read-only or to the repositories they need."
    public let inputs: [InputKind] = [.entitlements]
    /// AWS role trusts and GitHub third-party apps.
    public let platforms: [Platform]? = [.aws, .github]
    public let thresholds: [PolicyField] = [\.trustedAccounts, \.broadThirdPartyScopes]

    public init() {}

    static func account(of principal: String) -> String? {
        if principal.count == 12, principal.allSatisfy(\.isNumber) { return principal }
        let parts = principal.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[0] == "arn", parts[4].count == 12, parts[4].allSatisfy(\.isNumber) else {
            return nil
        }
        return String(parts[4])
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let internalAccounts = Set(
            context.inventory.scope.environments.flatMap(\.awsAccounts) + context.policy.trustedAccounts)
        var findings: [Finding] = []
        for trust in context.inventory.trusts {
            let hasExternalId = trust.conditions.contains {
                $0.key.caseInsensitiveCompare("sts:ExternalId") == .orderedSame
            }
            let targetAccount =
                context.position(of: trust.target).flatMap { context.inventory.identities[$0].account }
                ?? Self.account(of: trust.target.rawValue)
            let reason: String
            if trust.principalType == .any || trust.principal == "*" {
                guard trust.conditions.isEmpty else { continue }
                reason = "any AWS principal may assume it, without conditions"
            } else if trust.principalType == .aws, let account = Self.account(of: trust.principal),
                account != targetAccount, !internalAccounts.contains(account), !hasExternalId
            {
                reason = "external account \(account) may assume it without sts:ExternalId"
            } else {
                continue
            }
            findings.append(
                finding(
                    context, subject: trust.target.rawValue, scope: trust.principal,
                    summary: "\(context.displayName(trust.target)): \(reason)",
                    details: ["principal": trust.principal, "reason": reason], evidence: trust.evidence))
        }
        // Grants read in place, by position, until one is GitHub's: a copy retains each of its fields.
        let grants = context.inventory.grants
        for position in grants.indices where grants[position].platform == .github && grants[position].effect == .allow {
            guard let app = context.identity(grants[position].identity), isThirdPartyApp(app) else { continue }
            let grant = grants[position]
            let broad = grant.actions.filter { context.matchesAny(context.policy.broadThirdPartyScopes, $0) }
            guard !broad.isEmpty else { continue }
            findings.append(
                finding(
                    context, subject: app.id.rawValue, scope: "scopes",
                    summary: "Third-party app \(app.name) holds broad scope(s) \(Detail.list(broad))",
                    details: ["scopes": Detail.list(broad), "via": grant.via], evidence: grant.evidence + app.evidence))
        }
        return findings
    }

    /// OAuth apps always act for a third party; GitHub Apps when the inventory marks them as not the organisation's own.
    private func isThirdPartyApp(_ identity: Identity) -> Bool {
        switch identity.kind {
        case .oauthApp: return true
        case .app:
            if identity.attributes["thirdParty"] == "true" { return true }
            if let owner = identity.attributes["owner"], let account = identity.account {
                return owner.caseInsensitiveCompare(account) != .orderedSame
            }
            return false
        default: return false
        }
    }

    private static let vendor = "arn:aws:iam::999988887777:root"

    private static func trust(
        _ principal: String, type: TrustRelationship.PrincipalType = .aws, conditions: [PolicyCondition] = []
    ) -> TrustRelationship {
        TrustRelationship(
            target: ExampleKit.roleID("vendor-audit"), principalType: type, principal: principal,
            actions: ["sts:AssumeRole"], conditions: conditions, evidence: [ExampleKit.evidence])
    }

    private static func oauthApp(scopes: [String]) -> (Identity, Grant) {
        let id = IdentityID("github:example:oauth-app:1234")
        return (
            ExampleKit.identity(id, platform: .github, kind: .oauthApp, name: "ci-dashboard", account: "example"),
            ExampleKit.grant(id, scopes, platform: .github, via: "oauth authorization")
        )
    }

    public var triggeringExamples: [RuleExample] {
        let app = Self.oauthApp(scopes: ["repo", "read:org"])
        return [
            RuleExample(
                "vendor account without external id",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("vendor-audit")], trusts: [Self.trust(Self.vendor)])),
            RuleExample("OAuth app with repo scope", ExampleKit.inventory(identities: [app.0], grants: [app.1])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let app = Self.oauthApp(scopes: ["read:org", "read:user"])
        return [
            RuleExample(
                "vendor account with external id",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("vendor-audit")],
                    trusts: [
                        Self.trust(
                            Self.vendor,
                            conditions: [PolicyCondition(op: "StringEquals", key: "sts:ExternalId", values: ["x-123"])])
                    ])),
            RuleExample(
                "the organisation's own staging account",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("vendor-audit")],
                    trusts: [Self.trust("arn:aws:iam::\(ExampleKit.stagingAccount):root")])),
            RuleExample("OAuth app with read scopes", ExampleKit.inventory(identities: [app.0], grants: [app.1])),
        ]
    }
}

import Foundation
import NHIModel

/// OIDC federation that does not pin the token subject: any repository (or any workflow) can assume the role.
public struct LooseOIDCTrustRule: Rule {
    public let id = "loose-oidc-trust"
    public let title = "OIDC-federated role without a pinned subject"
    public let severity = Severity.critical
    public let rationale =
        "A trust on token.actions.githubusercontent.com without a sub condition lets every GitHub repository in the world assume the role; a wildcard repository does the same for every repository of the pattern."
    public let remediation =
        "Add a StringEquals (or StringLike with a fixed repository) condition on `<provider>:sub`, e.g. `repo:org/repo:environment:production`, and on `<provider>:aud`."
    public let inputs: [InputKind] = [.entitlements]
    /// Trust policies are AWS IAM role documents.
    public let platforms: [Platform]? = [.aws]
    public let thresholds: [PolicyField] = [\.oidcProviders]

    public init() {}

    /// Why a `sub` value does not pin a subject, or nil when it does.
    static func looseness(_ value: String) -> String? {
        guard value.contains("*") || value.contains("?") else { return nil }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count >= 3, parts[0] == "repo" {
            return parts[1].contains("*") || parts[1].contains("?") ? "wildcard repository in sub \(value)" : nil
        }
        return "wildcard sub \(value)"
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for trust in context.inventory.trusts
        where trust.principalType == .federated
            && context.matchesAny(context.policy.oidcProviders, trust.principal)
        {
            let subConditions = trust.conditions.filter {
                $0.key.lowercased().hasSuffix(":sub") && !$0.op.lowercased().contains("not")
            }
            let reason: String?
            if subConditions.isEmpty {
                reason = "no sub condition"
            } else {
                reason = subConditions.flatMap(\.values).compactMap(Self.looseness).sorted().first
            }
            guard let reason else { continue }
            findings.append(
                finding(
                    context, subject: trust.target.rawValue, scope: trust.principal,
                    summary: "\(context.displayName(trust.target)) trusts \(trust.principal) with \(reason)",
                    details: [
                        "provider": trust.principal, "reason": reason,
                        "conditions": trust.conditions.map { "\($0.op) \($0.key) \($0.values.joined(separator: "|"))" }
                            .sorted().joined(separator: "; "),
                    ],
                    evidence: trust.evidence))
        }
        return findings
    }

    private static let provider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"

    private static func trust(_ conditions: [PolicyCondition]) -> TrustRelationship {
        TrustRelationship(
            target: ExampleKit.roleID("gha-deploy"), principalType: .federated, principal: provider,
            actions: ["sts:AssumeRoleWithWebIdentity"], conditions: conditions, evidence: [ExampleKit.evidence])
    }

    private static let audience = PolicyCondition(
        op: "StringEquals", key: "token.actions.githubusercontent.com:aud", values: ["sts.amazonaws.com"])

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample("audience only, no sub", ExampleKit.inventory(trusts: [Self.trust([Self.audience])])),
            RuleExample(
                "any repository of the organisation",
                ExampleKit.inventory(trusts: [
                    Self.trust([
                        Self.audience,
                        PolicyCondition(
                            op: "StringLike", key: "token.actions.githubusercontent.com:sub", values: ["repo:example/*"]
                        ),
                    ])
                ])),
            RuleExample(
                "sub is *",
                ExampleKit.inventory(trusts: [
                    Self.trust([
                        PolicyCondition(op: "StringLike", key: "token.actions.githubusercontent.com:sub", values: ["*"])
                    ])
                ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "pinned repository and environment",
                ExampleKit.inventory(trusts: [
                    Self.trust([
                        Self.audience,
                        PolicyCondition(
                            op: "StringEquals", key: "token.actions.githubusercontent.com:sub",
                            values: ["repo:example/payments:environment:production"]),
                    ])
                ])),
            RuleExample(
                "pinned repository, any branch",
                ExampleKit.inventory(trusts: [
                    Self.trust([
                        PolicyCondition(
                            op: "StringLike", key: "token.actions.githubusercontent.com:sub",
                            values: ["repo:example/payments:*"])
                    ])
                ])),
            RuleExample(
                "AWS account principal (not OIDC)",
                ExampleKit.inventory(trusts: [
                    TrustRelationship(
                        target: ExampleKit.roleID("deploy"), principalType: .aws,
                        principal: "arn:aws:iam::111122223333:root",
                        actions: ["sts:AssumeRole"])
                ])),
        ]
    }
}

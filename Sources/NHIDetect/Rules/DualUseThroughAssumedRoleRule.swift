import Foundation
import NHIModel

/// Dual use split over two identities: one delivers to production and can assume, directly or
/// through a chain of roles (in any account), a role that operated the same production environment.
public struct DualUseThroughAssumedRoleRule: Rule {
    public let id = "dual-use-through-assumed-role"
    public let title = "Identity delivers to production and can operate it through a role it assumes"
    public let severity = Severity.high
    public let rationale =
        "Separating delivery from operations into two identities separates nothing when the delivery identity can assume the operations role: whoever holds the delivery credential holds both authorities, and the audit log shows the operations under the other identity's name."
    public let remediation =
        "Remove the delivery identity (and the roles between) from the operations role's trust policy, or its sts:AssumeRole permission on that role; give operations its own credential path (incident tooling, just-in-time access)."
    public let inputs: [InputKind] = [.auditLog, .entitlements]
    public let platforms: [Platform]? = [.aws]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var operators: [String: [IdentityID: [ClassifiedActivity]]] = [:]
        var deliverers: [(identity: IdentityID, environment: String, delivery: [ClassifiedActivity])] = []
        for (identity, environments) in DualUseAuthorityRule.sides(context) {
            for (environment, sides) in environments where context.isProduction(environment) {
                if !sides.operations.isEmpty { operators[environment, default: [:]][identity] = sides.operations }
                if !sides.delivery.isEmpty,
                    context.position(of: identity).map({ context.inventory.identities[$0].platform }) == .aws
                {
                    deliverers.append((identity, environment, sides.delivery))
                }
            }
        }
        guard !operators.isEmpty, !deliverers.isEmpty else { return [] }
        var chains = AssumableRoles(context)
        var findings: [Finding] = []
        for deliverer in deliverers {
            guard let targets = operators[deliverer.environment] else { continue }
            for (role, chain) in chains.reachable(from: deliverer.identity) where role != deliverer.identity {
                guard let operations = targets[role] else { continue }
                findings.append(
                    finding(context, deliverer: deliverer, role: role, chain: chain, operations: operations))
            }
        }
        return findings
    }

    private func finding(
        _ context: RuleContext, deliverer: (identity: IdentityID, environment: String, delivery: [ClassifiedActivity]),
        role: IdentityID, chain: [RoleAssumption.Edge], operations: [ClassifiedActivity]
    ) -> Finding {
        let names = [context.displayName(deliverer.identity)] + chain.map { context.displayName($0.role) }
        let path = names.joined(separator: " → ")
        let delivered = Self.counts(deliverer.delivery), operated = Self.counts(operations)
        let trusts = chain.map { edge in
            "\(context.displayName(edge.role)) trusts \(edge.trust.principal)"
                + (edge.grant.map { " (sts:AssumeRole via \($0.via))" } ?? "")
        }
        let evidence =
            (deliverer.delivery + operations).flatMap(\.record.examples)
            + chain.flatMap { $0.trust.evidence + ($0.grant?.evidence ?? []) }
        return self.finding(
            context, subject: deliverer.identity.rawValue, scope: deliverer.environment + "|" + role.rawValue,
            environment: deliverer.environment,
            summary:
                "\(context.displayName(deliverer.identity)) delivered to \(deliverer.environment) (\(delivered.values.saturatedSum()) calls) and can assume \(context.displayName(role)) (\(path)), which operated \(deliverer.environment) (\(operated.values.saturatedSum()) calls)",
            details: [
                "environment": deliverer.environment + " (production)", "chain": path, "assumed_role": role.rawValue,
                "trusts": trusts.joined(separator: "; "), "delivery_actions": Detail.counts(delivered),
                "operations_actions": Detail.counts(operated),
                "operations_first": Detail.time(operations.map(\.record.firstSeen).min()),
                "operations_last": Detail.time(operations.map(\.record.lastSeen).max()),
            ],
            evidence: evidence)
    }

    private static func counts(_ items: [ClassifiedActivity]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for item in items { counts[item.record.action, default: 0].addSaturated(item.effectiveCount) }
        return counts
    }

    // MARK: Examples

    private static let ci = ExampleKit.userID("ci"),
        hop = ExampleKit.roleID("promote", account: ExampleKit.stagingAccount)

    private static func trust(_ role: IdentityID, _ principal: String, conditions: [PolicyCondition] = [])
        -> TrustRelationship
    {
        TrustRelationship(
            target: role, principalType: .aws, principal: principal, actions: ["sts:AssumeRole"],
            conditions: conditions, evidence: [ExampleKit.evidence])
    }

    private static func situation(
        trusts: [TrustRelationship], grants: [Grant] = [], opsEnvironment: String = "production",
        deployEnvironment: String = "production"
    ) -> Inventory {
        let deploy = ExampleKit.roleID("deploy"), ops = ExampleKit.roleID("ops")
        return ExampleKit.inventory(
            identities: [ExampleKit.role("deploy"), ExampleKit.role("ops")], grants: grants, trusts: trusts,
            activity: [
                ExampleKit.activity(deploy, "cloudformation:UpdateStack", environment: deployEnvironment),
                ExampleKit.activity(ops, "autoscaling:SetDesiredCapacity", environment: opsEnvironment),
            ])
    }

    public var triggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy"), ops = ExampleKit.roleID("ops")
        return [
            RuleExample(
                "the pipeline role is trusted by the operations role that scaled production",
                Self.situation(
                    trusts: [Self.trust(ops, deploy.rawValue)])),
            RuleExample(
                "a production CI user reaches production operations through a staging role",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user("ci"), ExampleKit.role("ops"),
                        ExampleKit.role("promote", account: ExampleKit.stagingAccount, environments: ["staging"]),
                    ],
                    grants: [
                        ExampleKit.grant(Self.ci, ["sts:AssumeRole"]), ExampleKit.grant(Self.hop, ["sts:AssumeRole"]),
                    ],
                    trusts: [Self.trust(Self.hop, Self.ci.rawValue), Self.trust(ops, Self.hop.rawValue)],
                    activity: [
                        ExampleKit.activity(Self.ci, "lambda:UpdateFunctionCode"),
                        ExampleKit.activity(ops, "rds:FailoverDBCluster"),
                    ])),
            RuleExample(
                "a trust naming the account admits the pipeline, whose policy allows sts:AssumeRole",
                Self.situation(
                    trusts: [Self.trust(ops, ExampleKit.productionAccount)],
                    grants: [ExampleKit.grant(deploy, ["sts:AssumeRole"])])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy"), ops = ExampleKit.roleID("ops")
        let sso =
            "arn:aws:iam::\(ExampleKit.productionAccount):role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Engineer_*"
        return [
            RuleExample(
                "the operations role trusts a service only",
                Self.situation(
                    trusts: [
                        TrustRelationship(
                            target: ops, principalType: .service, principal: "lambda.amazonaws.com",
                            actions: ["sts:AssumeRole"])
                    ])),
            RuleExample(
                "the account is trusted but aws:PrincipalArn admits only engineers' SSO roles",
                Self.situation(
                    trusts: [
                        Self.trust(
                            ops, ExampleKit.productionAccount,
                            conditions: [PolicyCondition(op: "ArnLike", key: "aws:PrincipalArn", values: [sso])])
                    ],
                    grants: [ExampleKit.grant(deploy, ["sts:AssumeRole"])])),
            RuleExample(
                "the trust requires MFA, which a pipeline session never has",
                Self.situation(
                    trusts: [
                        Self.trust(
                            ops, deploy.rawValue,
                            conditions: [
                                PolicyCondition(op: "Bool", key: "aws:MultiFactorAuthPresent", values: ["true"])
                            ])
                    ])),
            RuleExample(
                "the assumable role operated staging only",
                Self.situation(
                    trusts: [Self.trust(ops, deploy.rawValue)], opsEnvironment: "staging")),
            RuleExample(
                "the pipeline delivered to staging only",
                Self.situation(
                    trusts: [Self.trust(ops, deploy.rawValue)], deployEnvironment: "staging")),
            RuleExample(
                "an explicit Deny of sts:AssumeRole on the operations role",
                Self.situation(
                    trusts: [Self.trust(ops, ExampleKit.productionAccount)],
                    grants: [
                        ExampleKit.grant(deploy, ["sts:AssumeRole"]),
                        Grant(
                            identity: deploy, platform: .aws, effect: .deny, actions: ["sts:AssumeRole"],
                            resources: [ops.rawValue],
                            via: "deny-ops", evidence: [ExampleKit.evidence]),
                    ])),
        ]
    }
}

import Foundation
import NHIModel

/// An AWS NHI whose effective permissions let it raise its own privileges (the paths of
/// `EscalationPath`), directly or through roles it can assume.
public struct PrivilegeEscalationRule: Rule {
    public let id = "privilege-escalation"
    public let title = "NHI can escalate its own privileges"
    public let severity = Severity.high
    public let rationale =
        "Whatever an NHI's policies say it may do, an identity that can rewrite its own policies, mint credentials for others, or run code as a more powerful role holds that power too: least privilege is only real when no such path is open."
    public let remediation =
        "Remove the action that opens each path listed (or scope it to resources and conditions that cannot be turned on the identity itself), add an explicit Deny or a permission boundary, and narrow role trust so chains end."
    public let inputs: [InputKind] = [.entitlements]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let finder = EscalationFinder(context)
        // Identities read in place, by position, until one can escalate: a copy of an identity
        // retains each of its fields.
        let identities = context.inventory.identities
        return identities.indices.compactMap { position -> Finding? in
            guard identities[position].platform == .aws,
                identities[position].kind == .role || identities[position].kind == .user,
                context.isNHI(identities[position].id)
            else { return nil }
            let result = finder.result(for: identities[position].id)
            guard !result.isEmpty else { return nil }
            let identity = identities[position]
            // Every chain is in the details; the summary names the first few roles a chain reaches.
            let reached = result.chains.map { "via \(context.displayName($0.roles.last!.role))" }
            let names =
                result.direct.map(\.path.id) + reached.prefix(3)
                + (reached.count > 3 ? ["and \(reached.count - 3) more role(s)"] : [])
            var details = ["paths": result.direct.map(Self.describe).joined(separator: "; ")]
            if !result.chains.isEmpty {
                details["chains"] = result.chains.map { chain in
                    chain.roles.map { Self.describe($0, context) }.joined(separator: " → ")
                        + " → " + chain.hits.map(\.path.id).joined(separator: ", ")
                }.joined(separator: "; ")
            }
            if finder.permissions.boundaryUnresolved(identity.id) {
                details["boundary"] =
                    "permission boundary \(identity.attributes["permissionsBoundary"] ?? "") is not in the evidence: not applied"
            }
            let production = identity.environments.contains(where: context.isProduction)
            let grants =
                result.direct.flatMap(\.steps).map(\.grant) + result.chains.flatMap { $0.roles.compactMap(\.grant) }
            let evidence = grants.flatMap(\.evidence) + result.chains.flatMap { $0.roles.flatMap(\.trust.evidence) }
            return finding(
                context, subject: identity.id.rawValue, severity: production ? .critical : nil,
                summary: "\(identity.name) can escalate its privileges: \(names.joined(separator: ", "))",
                details: details.filter { !$0.value.isEmpty }, evidence: evidence)
        }
    }

    static func describe(_ hit: EscalationFinder.PathHit) -> String {
        "\(hit.path.id) (\(hit.path.method)): "
            + hit.steps.map { step in
                "\(step.action) on \(step.resource.replacingOccurrences(of: EscalationFinder.anyName, with: "*")) via \(step.grant.via)"
            }.joined(separator: " + ")
    }

    static func describe(_ edge: RoleAssumption.Edge, _ context: RuleContext) -> String {
        "assume \(context.displayName(edge.role)) (trust \(edge.trust.principal)"
            + (edge.grant.map { ", sts:AssumeRole via \($0.via)" } ?? "") + ")"
    }

    // MARK: examples

    private static let account = ExampleKit.productionAccount
    private static func policy(_ name: String) -> String { "arn:aws:iam::\(account):policy/\(name)" }

    static func grant(
        _ role: String, _ actions: [String], effect: Effect = .allow, resources: [String] = ["*"],
        conditions: [PolicyCondition] = [], via: String
    ) -> Grant {
        Grant(
            identity: ExampleKit.roleID(role), platform: .aws, effect: effect, actions: actions, resources: resources,
            conditions: conditions, via: via, evidence: [ExampleKit.evidence])
    }

    static func trust(_ role: String, _ type: TrustRelationship.PrincipalType, _ principal: String) -> TrustRelationship
    {
        TrustRelationship(
            target: ExampleKit.roleID(role), principalType: type, principal: principal, actions: ["sts:AssumeRole"],
            evidence: [ExampleKit.evidence])
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "CreatePolicyVersion on the customer policy attached to the role itself",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ci")],
                    grants: [
                        Self.grant(
                            "ci", ["iam:CreatePolicyVersion"], resources: [Self.policy("ci-policy")],
                            via: Self.policy("ci-policy"))
                    ])),
            RuleExample(
                "PassRole to Lambda with CreateFunction and InvokeFunction",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("builder"), ExampleKit.role("lambda-admin")],
                    grants: [
                        Self.grant(
                            "builder", ["iam:PassRole"], resources: [ExampleKit.roleID("lambda-admin").rawValue],
                            via: "builder"),
                        Self.grant("builder", ["lambda:CreateFunction", "lambda:InvokeFunction"], via: "builder"),
                    ],
                    trusts: [Self.trust("lambda-admin", .service, "lambda.amazonaws.com")])),
            RuleExample(
                "PassRole conditioned on the very service the path uses",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("builder")],
                    grants: [
                        Self.grant(
                            "builder", ["iam:PassRole"],
                            conditions: [
                                PolicyCondition(
                                    op: "StringEquals", key: "iam:PassedToService", values: ["codebuild.amazonaws.com"])
                            ], via: "builder"),
                        Self.grant("builder", ["codebuild:CreateProject", "codebuild:StartBuild"], via: "builder"),
                    ])),
            RuleExample(
                "NotAction everything but s3 still holds iam:*",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops")],
                    grants: [
                        Grant(
                            identity: ExampleKit.roleID("ops"), platform: .aws, actions: ["s3:*"],
                            actionsInverted: true, via: "ops")
                    ])),
            RuleExample(
                "a chain: the role may assume a role that can write its own inline policy",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("reader"), ExampleKit.role("admin-helper")],
                    grants: [
                        Self.grant(
                            "reader", ["sts:AssumeRole"], resources: [ExampleKit.roleID("admin-helper").rawValue],
                            via: "reader"),
                        Self.grant(
                            "admin-helper", ["iam:PutRolePolicy"],
                            resources: [ExampleKit.roleID("admin-helper").rawValue], via: "helper"),
                    ],
                    trusts: [Self.trust("admin-helper", .aws, "arn:aws:iam::\(Self.account):root")])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "CreatePolicyVersion only on a policy attached to no one it is or can become",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ci")],
                    grants: [
                        Self.grant(
                            "ci", ["iam:CreatePolicyVersion"], resources: [Self.policy("other-team")],
                            via: Self.policy("ci-policy"))
                    ])),
            RuleExample(
                "AttachRolePolicy limited by iam:PolicyARN to a read-only policy",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ci")],
                    grants: [
                        Self.grant(
                            "ci", ["iam:AttachRolePolicy"],
                            conditions: [
                                PolicyCondition(
                                    op: "ArnEquals", key: "iam:PolicyARN",
                                    values: ["arn:aws:iam::aws:policy/ReadOnlyAccess"])
                            ], via: "ci")
                    ])),
            RuleExample(
                "an allow and a Deny of iam:* in another policy",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ci")],
                    grants: [
                        Self.grant("ci", ["iam:PutRolePolicy", "iam:CreateAccessKey"], via: "ci"),
                        Self.grant("ci", ["iam:*"], effect: .deny, via: "guardrail"),
                    ])),
            RuleExample(
                "PassRole only to a role no service in the path trusts",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("builder"), ExampleKit.role("batch")],
                    grants: [
                        Self.grant(
                            "builder", ["iam:PassRole"], resources: [ExampleKit.roleID("batch").rawValue],
                            via: "builder"),
                        Self.grant("builder", ["lambda:CreateFunction", "lambda:InvokeFunction"], via: "builder"),
                    ],
                    trusts: [Self.trust("batch", .service, "batch.amazonaws.com")])),
            RuleExample(
                "read-only and self-service access keys",
                ExampleKit.inventory(
                    identities: [ExampleKit.user("ci-bot")],
                    grants: [
                        Grant(
                            identity: ExampleKit.userID("ci-bot"), platform: .aws,
                            actions: ["iam:CreateAccessKey", "iam:Get*", "s3:*"],
                            resources: ["arn:aws:iam::\(Self.account):user/${aws:username}"], via: "self-service")
                    ])),
        ]
    }
}

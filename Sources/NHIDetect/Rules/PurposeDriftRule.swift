import Foundation
import NHIModel

/// An identity whose observed authority contradicts the purpose its owner declared in owners.csv:
/// the declared-purpose form of hidden dual use.
public struct PurposeDriftRule: Rule {
    public let id = "purpose-drift"
    public let title = "Identity acts outside its declared purpose"
    public let severity = Severity.high
    public let rationale =
        "owners.csv says what an identity is for, and reviewers approve its access on that basis; a delivery pipeline that operates production, an operations identity that deploys or a workload that changes access holds authority nobody approved for it."
    public let remediation =
        "Move the contradicting work to an identity declared for it and remove the permissions from this one; if the declared purpose is wrong, correct owners.csv and have the access reviewed again."
    public let inputs: [InputKind] = [.auditLog, .owners]

    public init() {}

    /// The authority classes each declared purpose excludes. Break-glass may do anything in an
    /// emergency (break-glass rules judge it); integration and human-proxy identities declare no
    /// class of production authority to contradict.
    static let excluded: [IdentityPurpose: Set<AuthorityClass>] = [
        .delivery: [.operations],
        .operations: [.delivery],
        .runtime: [.identityAdmin],
    ]

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var groups: [IdentityID: [String: [ClassifiedActivity]]] = [:]
        for group in context.usedByIdentity where group.isNHI {
            guard let purpose = context.owner(of: group.identity)?.purpose, let excluded = Self.excluded[purpose] else {
                continue
            }
            var environments: [String: [ClassifiedActivity]] = [:]
            for item in group.used {
                guard let authorityClass = item.authorityClass, excluded.contains(authorityClass) else { continue }
                environments[item.record.environment, default: []].append(item)
            }
            if !environments.isEmpty { groups[group.identity] = environments }
        }
        var findings: [Finding] = []
        for (identity, environments) in groups {
            let purpose = context.owner(of: identity)!.purpose!
            for (environment, items) in environments {
                let production = context.isProduction(environment)
                var counts: [String: Int] = [:]
                for item in items {
                    counts["\(item.record.action) (\(item.authorityClass!.rawValue))", default: 0] +=
                        item.effectiveCount
                }
                let classes = Detail.list(items.map { $0.authorityClass!.rawValue })
                let total = counts.values.reduce(0, +)
                findings.append(
                    finding(
                        context, subject: identity.rawValue, scope: environment, environment: environment,
                        severity: production ? severity : .medium,
                        summary:
                            "\(context.displayName(identity)), declared \(purpose.rawValue) in owners.csv, exercised \(classes) authority in \(environment) (\(total) calls)",
                        details: [
                            "declared_purpose": purpose.rawValue, "contradicting_classes": classes,
                            "environment": environment + (production ? " (production)" : ""),
                            "actions": Detail.counts(counts), "count": String(total),
                            "first": Detail.time(items.map(\.record.firstSeen).min()),
                            "last": Detail.time(items.map(\.record.lastSeen).max()),
                            "examples": Detail.list(items.flatMap(\.record.examples).sorted().prefix(3).map(\.locator)),
                        ],
                        evidence: items.flatMap(\.record.examples)))
            }
        }
        return findings
    }

    public var triggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy"), ops = ExampleKit.roleID("ops"), app = ExampleKit.roleID("app")
        return [
            RuleExample(
                "delivery pipeline scales production",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy", owner: "platform", purpose: .delivery)],
                    activity: [
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                        ExampleKit.activity(deploy, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:00:00Z"]),
                    ])),
            RuleExample(
                "operations identity deploys",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "sre", purpose: .operations)],
                    activity: [ExampleKit.activity(ops, "lambda:UpdateFunctionCode")])),
            RuleExample(
                "runtime workload creates access keys",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("app", owner: "payments", purpose: .runtime)],
                    activity: [ExampleKit.activity(app, "iam:CreateAccessKey")])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy"), glass = ExampleKit.roleID("break-glass"),
            ops = ExampleKit.roleID("ops")
        return [
            RuleExample(
                "delivery pipeline only delivers and reads",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy", owner: "platform", purpose: .delivery)],
                    activity: [
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                        ExampleKit.activity(deploy, "ecs:DescribeServices", readOnly: true),
                    ])),
            RuleExample(
                "a refused scaling attempt exercises no authority",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy", owner: "platform", purpose: .delivery)],
                    activity: [ExampleKit.activity(deploy, "autoscaling:SetDesiredCapacity", denied: true)])),
            RuleExample(
                "break-glass may operate and change access",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("break-glass", owner: "sre", purpose: .breakGlass)],
                    activity: [
                        ExampleKit.activity(glass, "rds:FailoverDBCluster"),
                        ExampleKit.activity(glass, "iam:CreateAccessKey"),
                    ])),
            RuleExample(
                "no declared purpose, nothing to contradict",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "sre")],
                    activity: [ExampleKit.activity(ops, "lambda:UpdateFunctionCode")])),
        ]
    }
}

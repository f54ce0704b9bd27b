import Foundation
import NHIModel

/// The heart of the tool: one identity that both ships change and restores service.
public struct DualUseAuthorityRule: Rule {
    public let id = "dual-use-authority"
    public let title = "Identity both delivers and operates"
    public let severity = Severity.high
    public let rationale =
        "A compromised delivery path that can also scale, fail over or roll back production is a production control plane; separation of delivery and operational authority contains it."
    public let remediation =
        "Split the identity: one for delivery (pipeline promotion, deployments), another for operations, each with short-lived credentials and its own approval path."
    public let inputs: [InputKind] = [.auditLog]

    public init() {}

    /// Delivery and operations activity of one identity in one environment.
    struct Sides {
        var delivery: [ClassifiedActivity] = []
        var operations: [ClassifiedActivity] = []
    }

    /// Derived once per context: this rule, dual use through assumed roles, latent dual use, the
    /// authority view and the metrics all read it.
    static func sides(_ context: RuleContext) -> [IdentityID: [String: Sides]] {
        context.derived("dual-use sides") {
            var result: [IdentityID: [String: Sides]] = [:]
            for group in context.usedByIdentity where group.isNHI {
                var environments: [String: Sides] = [:]
                for item in group.used {
                    switch item.authorityClass {
                    case .delivery: environments[item.record.environment, default: Sides()].delivery.append(item)
                    case .operations: environments[item.record.environment, default: Sides()].operations.append(item)
                    default: continue
                    }
                }
                if !environments.isEmpty { result[group.identity] = environments }
            }
            return result
        }
    }

    /// Identities with both sides in at least one environment.
    static func dualUseIdentities(_ context: RuleContext) -> Set<IdentityID> {
        context.derived("dual-use identities") {
            Set(
                sides(context).filter { $0.value.values.contains { !$0.delivery.isEmpty && !$0.operations.isEmpty } }
                    .keys)
        }
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (identity, environments) in Self.sides(context) {
            for (environment, sides) in environments where !sides.delivery.isEmpty && !sides.operations.isEmpty {
                let production = context.isProduction(environment)
                var details: [String: String] = ["environment": environment + (production ? " (production)" : "")]
                describe(sides.delivery, as: "delivery", into: &details)
                describe(sides.operations, as: "operations", into: &details)
                let evidence = (sides.delivery + sides.operations).flatMap(\.record.examples)
                findings.append(
                    finding(
                        context, subject: identity.rawValue, scope: environment, environment: environment,
                        severity: production ? severity : .medium,
                        summary:
                            "\(context.displayName(identity)) both delivered (\(details["delivery_count"]!) calls) and operated (\(details["operations_count"]!) calls) in \(environment)",
                        details: details, evidence: evidence))
            }
        }
        return findings
    }

    private func describe(_ items: [ClassifiedActivity], as side: String, into details: inout [String: String]) {
        var counts: [String: Int] = [:]
        // One pass for the counts and the period: no list of times is built to find its ends.
        var first: Date?, last: Date?
        for item in items {
            counts[item.record.action, default: 0].addSaturated(item.effectiveCount)
            first = min(first ?? item.record.firstSeen, item.record.firstSeen)
            last = max(last ?? item.record.lastSeen, item.record.lastSeen)
        }
        details["\(side)_actions"] = Detail.counts(counts)
        details["\(side)_count"] = String(counts.values.saturatedSum())
        details["\(side)_first"] = Detail.time(first)
        details["\(side)_last"] = Detail.time(last)
        details["\(side)_examples"] = Detail.list(SortedEvidence.first(3, of: items).map(\.locator))
    }

    public var triggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        let kube = IdentityID("k8s:prod-eu-1:serviceaccount:ci:deployer")
        let gcp = ExampleKit.gcpServiceAccountID("deployer")
        return [
            RuleExample(
                "pipeline role updates stacks and scales",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                        ExampleKit.activity(deploy, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:00:00Z"]),
                    ])),
            RuleExample(
                "ECS task definition change and scale-only change by the same role",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(deploy, "ecs:UpdateService", fields: ["taskDefinition", "desiredCount"]),
                        ExampleKit.activity(deploy, "ecs:UpdateService", fields: ["desiredCount"]),
                    ])),
            RuleExample(
                "service account patches pod templates and restarts",
                ExampleKit.inventory(
                    activity: [
                        ExampleKit.activity(
                            kube, "patch apps/deployments", platform: .kubernetes, fields: ["patch:pod-template"]),
                        ExampleKit.activity(
                            kube, "patch apps/deployments", platform: .kubernetes, fields: ["patch:restartedAt-only"]),
                    ])),
            RuleExample(
                "GCP service account deploys Cloud Run and resizes an instance group",
                ExampleKit.inventory(
                    activity: [
                        ExampleKit.activity(
                            gcp, "run:google.cloud.run.v1.Services.ReplaceService", platform: .gcp),
                        ExampleKit.activity(
                            gcp, "compute:v1.compute.instanceGroupManagers.resize", platform: .gcp,
                            at: ["2026-11-12T03:00:00Z"]),
                    ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy"), ops = ExampleKit.roleID("ops")
        return [
            RuleExample(
                "delivery and operations by different roles",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy"), ExampleKit.role("ops")],
                    activity: [
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                        ExampleKit.activity(ops, "autoscaling:SetDesiredCapacity"),
                    ])),
            RuleExample(
                "operations attempt refused",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                        ExampleKit.activity(deploy, "autoscaling:SetDesiredCapacity", denied: true),
                    ])),
            RuleExample(
                "a human does both",
                ExampleKit.inventory(
                    identities: [ExampleKit.user("alice", isHuman: true)],
                    activity: [
                        ExampleKit.activity(ExampleKit.userID("alice"), "cloudformation:UpdateStack"),
                        ExampleKit.activity(ExampleKit.userID("alice"), "autoscaling:SetDesiredCapacity"),
                    ])),
            RuleExample(
                "ECS update without recognisable fields is unclassified, not guessed",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                        ExampleKit.activity(deploy, "ecs:UpdateService"),
                    ])),
            RuleExample(
                "GCP service account deploys Cloud Run; another resizes",
                ExampleKit.inventory(
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.gcpServiceAccountID("deployer"),
                            "run:google.cloud.run.v1.Services.ReplaceService",
                            platform: .gcp),
                        ExampleKit.activity(
                            ExampleKit.gcpServiceAccountID("operator"),
                            "compute:v1.compute.instanceGroupManagers.resize",
                            platform: .gcp),
                    ])),
            RuleExample(
                "Entra sign-ins to Microsoft Graph and Azure Resource Manager (tokens, neither delivery nor operations)",
                ExampleKit.entraSignInsOnly()),
        ]
    }
}

import Foundation
import NHIModel

/// A non-human identity stopping, deleting or reconfiguring audit logging: the calls classed
/// `audit-control` in mappings/authority/ (CloudTrail StopLogging, DeleteTrail, UpdateTrail,
/// PutEventSelectors; GitHub audit log stream deletion or pausing).
public struct AuditTamperingRule: Rule {
    public let id = "audit-tampering"
    public let title = "Identity stopped, deleted or narrowed audit logging"
    public let severity = Severity.high
    public let rationale =
        "An automated identity that can switch off or thin the audit log can hide everything else it, or whoever holds its credential, does; every other finding rests on that log being complete."
    public let remediation =
        "Deny audit-control actions (cloudtrail:StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors) to pipelines and workloads with a service control policy, manage trails from a dedicated security account, alert on every such call, and review the gap it left."
    public let inputs: [InputKind] = [.auditLog]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var groups: [IdentityID: [String: [ClassifiedActivity]]] = [:]
        for group in context.usedByIdentity where group.isNHI {
            for item in group.used where item.authorityClass == .auditControl {
                groups[group.identity, default: [:]][item.record.environment, default: []].append(item)
            }
        }
        return groups.flatMap { identity, environments in
            environments.map { environment, items in
                let production = context.isProduction(environment)
                var counts: [String: Int] = [:]
                for item in items { counts[item.record.action, default: 0].addSaturated(item.effectiveCount) }
                let details = [
                    "environment": environment + (production ? " (production)" : ""),
                    "actions": Detail.counts(counts),
                    "first": Detail.time(items.map(\.record.firstSeen).min()),
                    "last": Detail.time(items.map(\.record.lastSeen).max()),
                ]
                return finding(
                    context, subject: identity.rawValue, scope: environment, environment: environment,
                    severity: production ? .critical : severity,
                    summary:
                        "\(context.displayName(identity)) stopped, deleted or reconfigured audit logging in \(environment) (\(Detail.counts(counts)))",
                    details: details, evidence: items.flatMap(\.record.examples))
            }
        }
    }

    public var triggeringExamples: [RuleExample] {
        let terraform = ExampleKit.roleID("terraform-staging", account: ExampleKit.stagingAccount)
        let deploy = ExampleKit.roleID("deploy")
        let app = IdentityID("github:example:bot:release-bot")
        return [
            RuleExample(
                "staging Terraform role stops the trail (high)",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.role(
                            "terraform-staging", account: ExampleKit.stagingAccount, environments: ["staging"])
                    ],
                    activity: [ExampleKit.activity(terraform, "cloudtrail:StopLogging", environment: "staging")])),
            RuleExample(
                "production pipeline narrows the event selectors (critical)",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(
                            deploy, "cloudtrail:PutEventSelectors", fields: ["eventSelectors", "trailName"])
                    ])),
            RuleExample(
                "GitHub app deletes the audit log stream",
                ExampleKit.inventory(
                    activity: [ExampleKit.activity(app, "audit_log_streaming.destroy", platform: .github)])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "pipeline starts logging again",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "cloudtrail:StartLogging")])),
            RuleExample(
                "attempt to stop logging refused",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "cloudtrail:StopLogging", denied: true)])),
            RuleExample(
                "a person stops the trail (not an NHI)",
                ExampleKit.inventory(
                    identities: [ExampleKit.user("alice", isHuman: true)],
                    activity: [ExampleKit.activity(ExampleKit.userID("alice"), "cloudtrail:StopLogging")])),
        ]
    }
}

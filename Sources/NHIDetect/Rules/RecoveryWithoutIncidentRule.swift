import Foundation
import NHIModel

/// Production operations (scaling, failover, restarts) with neither an open incident of their
/// environment nor a change behind them.
public struct RecoveryWithoutIncidentRule: Rule {
    public let id = "recovery-without-incident"
    public let title = "Production recovery action without an incident or change"
    public let severity = Severity.medium
    public let rationale =
        "Recovery authority used outside incidents and changes is unaccounted production control: either undeclared incidents or operations used as a side channel for change."
    public let remediation =
        "Declare an incident (or raise a change) before exercising operational authority; grant operations access just in time for the incident."
    public let inputs: [InputKind] = [.auditLog, .incidents, .changes]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let windows = ApprovalWindows(context: context)
        // Calls inside an open incident of their environment are left to recovery-by-non-responder,
        // which asks whether the identity was among its responders.
        let groups = windows.uncovered(.operations) { time, environment, changes in
            windows.hasOpenIncident(at: time, environment: environment) || changes.contain(time)
        }
        return groups.map { group in
            var details = [
                "actions": Detail.counts(group.actions), "uncovered_calls": String(group.times.count),
                "first": Detail.time(group.times.first), "last": Detail.time(group.times.last),
            ]
            let incomplete = windows.incompleteChanges(around: group.times)
            if !incomplete.isEmpty { details["incomplete_changes"] = Detail.list(incomplete) }
            return finding(
                context, subject: group.identity.rawValue, scope: group.environment, environment: group.environment,
                summary:
                    "\(context.displayName(group.identity)) made \(group.times.count) production operations call(s) outside every incident open in \(group.environment) and every approved change that names it",
                details: details, evidence: group.evidence)
        }
    }

    private static func incident(responders: [String] = ["ops"], environments: [String] = ["production"])
        -> IncidentRecord
    {
        IncidentRecord(
            id: "INC-3", declaredAt: ExampleKit.date("2026-11-12T02:30:00Z"),
            resolvedAt: ExampleKit.date("2026-11-12T05:00:00Z"),
            environments: environments, responders: responders)
    }

    public var triggeringExamples: [RuleExample] {
        let ops = ExampleKit.roleID("ops")
        return [
            RuleExample(
                "failover a week after the incident",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops")],
                    activity: [ExampleKit.activity(ops, "rds:FailoverDBCluster", at: ["2026-11-19T03:00:00Z"])],
                    incidents: [Self.incident()])),
            RuleExample(
                "scaling in production during a staging incident",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops")],
                    activity: [
                        ExampleKit.activity(ops, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:00:00Z"])
                    ],
                    incidents: [Self.incident(environments: ["staging"])])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let ops = ExampleKit.roleID("ops")
        return [
            RuleExample(
                "scaling during the incident by a listed responder",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops")],
                    activity: [
                        ExampleKit.activity(ops, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:00:00Z"])
                    ],
                    incidents: [Self.incident()])),
            RuleExample(
                "scaling during the incident by an identity whose owner responded",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "kim@example.com")],
                    activity: [
                        ExampleKit.activity(ops, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:00:00Z"])
                    ],
                    incidents: [Self.incident(responders: ["Kim@example.com"], environments: [])])),
            RuleExample(
                "scaling during the incident by an identity not among its responders (recovery-by-non-responder reports it)",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "kim@example.com")],
                    activity: [
                        ExampleKit.activity(ops, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:00:00Z"])
                    ],
                    incidents: [Self.incident(responders: ["lee@example.com"])])),
            RuleExample(
                "restart inside an approved change executed by the identity",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops")],
                    activity: [ExampleKit.activity(ops, "autoscaling:SetDesiredCapacity")],
                    changes: [
                        ChangeRecord(
                            id: "CHG-9", approvedBy: "lee@example.com", executedBy: ops.rawValue,
                            windowStart: ExampleKit.date("2026-11-10T09:00:00Z"),
                            windowEnd: ExampleKit.date("2026-11-10T11:00:00Z"), status: "approved")
                    ])),
        ]
    }
}

import Foundation
import NHIModel

/// Production recovery inside an open incident by an identity the incident does not list as a
/// responder, neither by itself nor through its owner.
public struct RecoveryByNonResponderRule: Rule {
    public let id = "recovery-by-non-responder"
    public let title = "Production recovery during an incident by an identity not among its responders"
    public let severity = Severity.medium
    public let rationale =
        "An incident authorises recovery by the people and identities assigned to respond; recovery by anyone else is production control nobody on the incident decided on, and the incident record cannot account for it."
    public let remediation =
        "Add the identity (or its owner) to the incident's responders if it was part of the response; otherwise find out who triggered it and restrict its operational authority to incidents it responds to."
    public let inputs: [InputKind] = [.auditLog, .incidents, .owners]

    public init() {}

    private struct Group {
        var identity: IdentityID
        var environment: String
        var incident: IncidentRecord
        var actions: [String: Int] = [:]
        var times: [Date] = []
        var evidence: [EvidenceRef] = []
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let windows = ApprovalWindows(context: context)
        var groups: [String: Group] = [:]
        for item in context.activity
        where item.authorityClass == .operations && item.effectiveCount > 0 && item.inProduction {
            // The record read in place (`item.record` is borrowed): a copy retains each of its fields.
            let covering = windows.changes(naming: item.record.identity, in: item.record.environment)
            for time in context.useTimes(item.record) {
                // The earliest declared of the incidents open at the call: the one it would have belonged to.
                guard
                    let incident = windows.openIncidents(at: time, environment: item.record.environment)
                        .min(by: { ($0.declaredAt, $0.id) < ($1.declaredAt, $1.id) }),
                    windows.incident(
                        covering: time, identity: item.record.identity, environment: item.record.environment) == nil,
                    !covering.contain(time)
                else { continue }
                let key = [item.record.identity.rawValue, item.record.environment, incident.id].joined(
                    separator: "\u{1F}")
                var group =
                    groups[key]
                    ?? Group(identity: item.record.identity, environment: item.record.environment, incident: incident)
                group.actions[item.record.action, default: 0] += 1
                group.times.append(time)
                group.evidence += item.record.examples
                groups[key] = group
            }
        }
        return groups.values.map { group in
            let responders = group.incident.responders.isEmpty ? "none listed" : Detail.list(group.incident.responders)
            let owner =
                context.owner(of: group.identity).map { $0.owner.trimmingCharacters(in: .whitespaces) }.flatMap {
                    $0.isEmpty ? nil : $0
                }
                ?? "none in owners.csv"
            let times = group.times.sorted()
            return finding(
                context, subject: group.identity.rawValue, scope: group.environment + "|" + group.incident.id,
                environment: group.environment,
                summary:
                    "\(context.displayName(group.identity)) made \(times.count) production operations call(s) during incident \(group.incident.id), which lists neither it nor its owner among its responders",
                details: [
                    "incident": group.incident.id, "responders": responders, "owner": owner,
                    "environment": group.environment, "actions": Detail.counts(group.actions),
                    "calls": String(times.count),
                    "first": Detail.time(times.first), "last": Detail.time(times.last),
                    "incident_window": Detail.time(group.incident.declaredAt) + " – "
                        + (group.incident.resolvedAt.map(Detail.time) ?? "unresolved"),
                ],
                evidence: group.evidence + [group.incident.evidence].compactMap { $0 })
        }
    }

    private static func incident(responders: [String] = ["lee@example.com"], environments: [String] = ["production"])
        -> IncidentRecord
    {
        IncidentRecord(
            id: "INC-3", declaredAt: ExampleKit.date("2026-11-12T02:30:00Z"),
            resolvedAt: ExampleKit.date("2026-11-12T05:00:00Z"),
            environments: environments, responders: responders)
    }

    private static let ops = ExampleKit.roleID("ops")

    private static func scaling(at time: String = "2026-11-12T03:00:00Z") -> ActivityRecord {
        ExampleKit.activity(ops, "autoscaling:SetDesiredCapacity", at: [time])
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "scaling during an incident by an identity whose owner did not respond",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "kim@example.com")],
                    activity: [Self.scaling()], incidents: [Self.incident()])),
            RuleExample(
                "failover during an incident that lists no responders",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "lee@example.com")],
                    activity: [ExampleKit.activity(Self.ops, "rds:FailoverDBCluster", at: ["2026-11-12T04:00:00Z"])],
                    incidents: [Self.incident(responders: [])])),
            RuleExample(
                "scaling during an unresolved incident naming no environment, by an identity without owner",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops")], activity: [Self.scaling(at: "2026-12-20T03:00:00Z")],
                    incidents: [
                        IncidentRecord(
                            id: "INC-4", declaredAt: ExampleKit.date("2026-12-20T01:00:00Z"),
                            responders: ["lee@example.com"])
                    ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "the identity's owner responded",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "Lee@example.com")],
                    activity: [Self.scaling()], incidents: [Self.incident()])),
            RuleExample(
                "the identity itself is a responder, by name",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "kim@example.com")],
                    activity: [Self.scaling()], incidents: [Self.incident(responders: ["lee@example.com", "ops"])])),
            RuleExample(
                "scaling after the incident was resolved (recovery-without-incident judges it)",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "kim@example.com")],
                    activity: [Self.scaling(at: "2026-11-12T06:00:00Z")], incidents: [Self.incident()])),
            RuleExample(
                "production scaling during a staging incident (recovery-without-incident judges it)",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "kim@example.com")],
                    activity: [Self.scaling()], incidents: [Self.incident(environments: ["staging"])])),
            RuleExample(
                "an approved change names the identity as executor",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "kim@example.com")],
                    activity: [Self.scaling()],
                    changes: [
                        ChangeRecord(
                            id: "CHG-9", approvedBy: "lee@example.com", executedBy: Self.ops.rawValue,
                            windowStart: ExampleKit.date("2026-11-12T02:00:00Z"),
                            windowEnd: ExampleKit.date("2026-11-12T04:00:00Z"),
                            status: "approved")
                    ],
                    incidents: [Self.incident()])),
            RuleExample(
                "a refused scaling attempt during the incident",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("ops", owner: "kim@example.com")],
                    activity: [
                        ExampleKit.activity(
                            Self.ops, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:00:00Z"], denied: true)
                    ],
                    incidents: [Self.incident()])),
            RuleExample(
                "staging scaling during a production incident by a non-responder",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.role(
                            "ops", account: ExampleKit.stagingAccount, environments: ["staging"],
                            owner: "kim@example.com")
                    ],
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.roleID("ops", account: ExampleKit.stagingAccount),
                            "autoscaling:SetDesiredCapacity",
                            environment: "staging", at: ["2026-11-12T03:00:00Z"])
                    ],
                    incidents: [Self.incident()])),
        ]
    }
}

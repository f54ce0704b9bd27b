import Foundation
import NHIModel

/// Every break-glass use needs an incident behind it and a timely review after it.
public struct BreakGlassUnreviewedRule: Rule {
    public let id = "break-glass-unreviewed"
    public let title = "Break-glass use without incident or timely review"
    public let severity = Severity.high
    public let rationale =
        "Break-glass bypasses normal approval; only an incident justifies it and only a post-incident review closes the loop."
    public let remediation =
        "Tie break-glass use to a declared incident and complete the review within the policy's days; alert on any break-glass sign-in."
    public let inputs: [InputKind] = [.auditLog, .incidents, .owners]
    public let thresholds: [PolicyField] = [\.breakGlassReviewDays]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let windows = ApprovalWindows(context: context)
        let reviewWindow = TimeInterval(context.policy.breakGlassReviewDays) * 86_400
        var uses: [IdentityID: (noIncident: [Date], unreviewed: Set<String>, evidence: [EvidenceRef])] = [:]
        for group in context.usedByIdentity where context.isBreakGlass(group.identity) {
            let identity = group.identity
            for item in group.used {
                for time in context.useTimes(item.record) {
                    // Updated in place: copying the entry out and back per use costs the square of an identity's uses.
                    if let incident = windows.incident(
                        covering: time, identity: identity, environment: item.record.environment)
                    {
                        let due = (incident.resolvedAt ?? incident.declaredAt).addingTimeInterval(reviewWindow)
                        if let reviewed = incident.reviewCompletedAt, reviewed <= due { continue }
                        uses[identity, default: ([], [], [])].unreviewed.insert(incident.id)
                    } else {
                        uses[identity, default: ([], [], [])].noIncident.append(time)
                    }
                    uses[identity]?.evidence += item.record.examples
                }
            }
        }
        return uses.compactMap { identity, entry -> Finding? in
            guard !entry.noIncident.isEmpty || !entry.unreviewed.isEmpty else { return nil }
            var parts: [String] = []
            if !entry.noIncident.isEmpty { parts.append("\(entry.noIncident.count) use(s) without an incident") }
            if !entry.unreviewed.isEmpty {
                parts.append(
                    "incident(s) \(Detail.list(entry.unreviewed)) not reviewed within \(context.policy.breakGlassReviewDays) days"
                )
            }
            var details = [
                "uses_without_incident": String(entry.noIncident.count),
                "unreviewed_incidents": Detail.list(entry.unreviewed),
            ]
            if let first = entry.noIncident.min() { details["first_without_incident"] = Detail.time(first) }
            return finding(
                context, subject: identity.rawValue,
                summary: "Break-glass identity \(context.displayName(identity)): \(parts.joined(separator: "; "))",
                details: details, evidence: entry.evidence)
        }
    }

    private static func incident(review: String?, responders: [String] = ["break-glass-admin"]) -> IncidentRecord {
        IncidentRecord(
            id: "INC-5", declaredAt: ExampleKit.date("2026-11-10T09:30:00Z"),
            resolvedAt: ExampleKit.date("2026-11-10T12:00:00Z"),
            responders: responders, reviewCompletedAt: review.map(ExampleKit.date))
    }

    public var triggeringExamples: [RuleExample] {
        let glass = ExampleKit.roleID("break-glass-admin")
        return [
            RuleExample(
                "use with no incident",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("break-glass-admin")],
                    activity: [ExampleKit.activity(glass, "iam:CreateAccessKey", at: ["2026-12-01T10:00:00Z"])],
                    incidents: [Self.incident(review: "2026-11-12")])),
            RuleExample(
                "review three weeks late",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("break-glass-admin")],
                    activity: [ExampleKit.activity(glass, "rds:FailoverDBCluster")],
                    incidents: [Self.incident(review: "2026-12-01")])),
            RuleExample(
                "use during an incident it did not respond to",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("break-glass-admin")],
                    activity: [ExampleKit.activity(glass, "rds:FailoverDBCluster")],
                    incidents: [Self.incident(review: "2026-11-12", responders: ["lee@example.com"])])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let glass = ExampleKit.roleID("break-glass-admin")
        return [
            RuleExample(
                "use during an incident reviewed two days later",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("break-glass-admin")],
                    activity: [ExampleKit.activity(glass, "rds:FailoverDBCluster")],
                    incidents: [Self.incident(review: "2026-11-12")])),
            RuleExample(
                "ordinary role acting without incident",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(ExampleKit.roleID("deploy"), "cloudformation:UpdateStack")])),
        ]
    }
}

import Foundation
import NHIModel

/// Break-glass use reviewed by the person who used it.
public struct BreakGlassSelfReviewRule: Rule {
    public let id = "break-glass-self-review"
    public let title = "Break-glass use reviewed by its user"
    public let severity = Severity.high
    public let rationale =
        "Break-glass bypasses approval, so the review after it is the only independent look at what was done; a review by the person who used it is no review."
    public let remediation =
        "Have someone who did not use break-glass in the incident review its use (incidents' reviewed_by), and record the review."
    public let inputs: [InputKind] = [.auditLog, .incidents, .owners]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let used = context.usedByIdentity.filter { context.isBreakGlass($0.identity) }.flatMap(\.used)
        for incident in context.inventory.incidents {
            guard let reviewer = incident.reviewedBy.map(Self.person), !reviewer.isEmpty else { continue }
            let end = incident.resolvedAt ?? context.asOf
            var users: [String: [ClassifiedActivity]] = [:]
            for item in used {
                guard context.useTimes(item.record).contains(where: { incident.declaredAt <= $0 && $0 <= end }) else {
                    continue
                }
                for user in Self.users(of: item, context) where Self.samePerson(user, reviewer) {
                    users[user, default: []].append(item)
                }
            }
            guard !users.isEmpty else { continue }
            let items = users.values.flatMap { $0 }
            let identities = Detail.list(items.map { context.displayName($0.record.identity) })
            findings.append(
                finding(
                    context, subject: incident.id, scope: "self-review",
                    summary:
                        "Incident \(incident.id): break-glass use of \(identities) was reviewed by \(incident.reviewedBy!), who used it",
                    details: [
                        "incident": incident.id, "reviewed_by": incident.reviewedBy!,
                        "break_glass_identities": identities,
                        "used_as": Detail.list(users.keys),
                        "actions": Detail.counts(
                            Dictionary(items.map { ($0.record.action, $0.effectiveCount) }, uniquingKeysWith: +)),
                        "review_completed_at": Detail.time(incident.reviewCompletedAt),
                    ],
                    evidence: items.flatMap(\.record.examples) + [incident.evidence].compactMap { $0 }))
        }
        return findings
    }

    /// Who used a break-glass identity: its owner in owners.csv, and the session names and actors
    /// the audit log recorded for the calls.
    static func users(of item: ClassifiedActivity, _ context: RuleContext) -> [String] {
        var names = Array(item.record.sessionNames.counts.keys) + Array(item.record.actors.counts.keys)
        if let owner = context.owner(of: item.record.identity)?.owner { names.append(owner) }
        return names.map(person).filter { !$0.isEmpty }
    }

    static func person(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Equal, or equal before the `@` (a session named `alice` and a reviewer `alice@example.com`).
    static func samePerson(_ lhs: String, _ rhs: String) -> Bool {
        lhs == rhs || localPart(lhs) == localPart(rhs)
    }

    private static func localPart(_ text: String) -> String {
        String(text.split(separator: "@", maxSplits: 1).first ?? "")
    }

    private static func incident(reviewedBy: String?) -> IncidentRecord {
        IncidentRecord(
            id: "INC-5", declaredAt: ExampleKit.date("2026-11-10T09:30:00Z"),
            resolvedAt: ExampleKit.date("2026-11-10T12:00:00Z"),
            reviewCompletedAt: ExampleKit.date("2026-11-12"), reviewedBy: reviewedBy)
    }

    private static let glass = ExampleKit.roleID("break-glass-admin")

    private static func use(session: String = "bob", at time: String = "2026-11-10T10:00:00Z") -> ActivityRecord {
        ExampleKit.activity(glass, "rds:FailoverDBCluster", at: [time], sessionName: session)
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "the owner of the break-glass role reviewed its use",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.role("break-glass-admin", owner: "alice@example.com", purpose: .breakGlass)
                    ],
                    activity: [Self.use()], incidents: [Self.incident(reviewedBy: "alice@example.com")])),
            RuleExample(
                "the session that used it is the reviewer",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.role("break-glass-admin", owner: "alice@example.com", purpose: .breakGlass)
                    ],
                    activity: [Self.use(session: "bob")], incidents: [Self.incident(reviewedBy: "Bob@example.com")])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "reviewed by someone else",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.role("break-glass-admin", owner: "alice@example.com", purpose: .breakGlass)
                    ],
                    activity: [Self.use(session: "bob")], incidents: [Self.incident(reviewedBy: "carol@example.com")])),
            RuleExample(
                "the reviewer used break-glass only outside the incident",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("break-glass-admin", owner: "sre-team", purpose: .breakGlass)],
                    activity: [Self.use(session: "bob", at: "2026-12-01T10:00:00Z")],
                    incidents: [Self.incident(reviewedBy: "bob")])),
            RuleExample(
                "no reviewer recorded (break-glass-unreviewed judges the review itself)",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.role("break-glass-admin", owner: "alice@example.com", purpose: .breakGlass)
                    ],
                    activity: [Self.use()], incidents: [Self.incident(reviewedBy: nil)])),
        ]
    }
}

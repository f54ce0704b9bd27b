import Foundation
import NHIModel

/// Four eyes: the party that approved a change must not be the party that ran it.
public struct SelfApprovedChangeRule: Rule {
    public let id = "self-approved-change"
    public let title = "Change approved and executed by the same party"
    public let severity = Severity.high
    public let rationale =
        "An approval by the executor (or by the person who owns the executing identity) is no independent check."
    public let remediation =
        "Require approval by someone other than the executor and the executing identity's owner; enforce it in the change tool or deployment environment protection rules."
    public let inputs: [InputKind] = [.changes]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        context.inventory.changes.compactMap { change -> Finding? in
            guard let reason = reason(change, context) else { return nil }
            let executor = change.executedByIdentity ?? change.executedBy.flatMap(context.resolve)
            let subject = executor?.rawValue ?? change.executedBy ?? change.id
            return finding(
                context, subject: subject, scope: change.id, environment: change.environment,
                summary: "Change \(change.id) was approved and executed by \(reason)",
                details: [
                    "change": change.id, "approved_by": change.approvedBy ?? "", "executed_by": change.executedBy ?? "",
                    "reason": reason, "status": change.status,
                ],
                evidence: change.evidence.map { [$0] } ?? [])
        }
    }

    private func reason(_ change: ChangeRecord, _ context: RuleContext) -> String? {
        guard let approvedBy = change.approvedBy?.trimmingCharacters(in: .whitespaces), !approvedBy.isEmpty,
            let executedBy = change.executedBy?.trimmingCharacters(in: .whitespaces), !executedBy.isEmpty
        else { return nil }
        let approver = change.approvedByIdentity ?? context.resolve(approvedBy)
        let executor = change.executedByIdentity ?? context.resolve(executedBy)
        if approvedBy.caseInsensitiveCompare(executedBy) == .orderedSame { return "the same party (\(executedBy))" }
        if let approver, let executor, approver == executor { return "the same identity (\(executor.rawValue))" }
        let approverOwner = approver.flatMap { context.owner(of: $0)?.owner } ?? approvedBy
        if let executor, let executorOwner = context.owner(of: executor)?.owner, !executorOwner.isEmpty,
            executorOwner.caseInsensitiveCompare(approverOwner) == .orderedSame
        {
            return "the same owner (\(executorOwner), per owners.csv)"
        }
        return nil
    }

    private static func change(approvedBy: String, executedBy: String) -> ChangeRecord {
        ChangeRecord(
            id: "CHG-1", environment: "production", approvedBy: approvedBy, executedBy: executedBy,
            windowStart: ExampleKit.date("2026-11-10T09:00:00Z"), windowEnd: ExampleKit.date("2026-11-10T11:00:00Z"),
            status: "approved", evidence: ExampleKit.evidence)
    }

    public var triggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "same identity",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    changes: [Self.change(approvedBy: deploy.rawValue, executedBy: "deploy")])),
            RuleExample(
                "approver owns the executing identity",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy", owner: "dana@example.com")],
                    changes: [Self.change(approvedBy: "dana@example.com", executedBy: "deploy")])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "independent approver",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy", owner: "dana@example.com")],
                    changes: [Self.change(approvedBy: "lee@example.com", executedBy: "deploy")])),
            RuleExample(
                "no approver recorded",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    changes: [Self.change(approvedBy: "", executedBy: "deploy")])),
        ]
    }
}

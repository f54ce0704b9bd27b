import Foundation
import NHIModel

/// Production delivery that no approved change window covers.
public struct UnapprovedProductionChangeRule: Rule {
    public let id = "unapproved-production-change"
    public let title = "Production delivery outside an approved change window"
    public let severity = Severity.high
    public let rationale =
        "Delivery into production should be traceable to an approved change: who approved, who executed, when."
    public let remediation =
        "Gate production deployments on an approved change (ticket, deployment environment approval) and record the executing identity in the change."
    public let inputs: [InputKind] = [.auditLog, .changes]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let windows = ApprovalWindows(context: context)
        return windows.uncovered(.delivery) { time, _, changes in changes.contain(time) }.map { group in
            var details = [
                "actions": Detail.counts(group.actions), "uncovered_calls": String(group.times.count),
                "first": Detail.time(group.times.first), "last": Detail.time(group.times.last),
            ]
            var summary =
                "\(context.displayName(group.identity)) made \(group.times.count) production delivery call(s) outside any approved change window that names them"
            let incomplete = windows.incompleteChanges(around: group.times)
            if !incomplete.isEmpty {
                details["incomplete_changes"] = Detail.list(incomplete)
                summary +=
                    "; change(s) \(Detail.list(incomplete)) name neither environment nor executor, so approve nothing"
            }
            return finding(
                context, subject: group.identity.rawValue, scope: group.environment, environment: group.environment,
                summary: summary, details: details, evidence: group.evidence)
        }
    }

    private static func change(
        executedBy: String?, environment: String? = "production", approvedBy: String? = "lee@example.com",
        status: String = "approved"
    ) -> ChangeRecord {
        ChangeRecord(
            id: "CHG-7", environment: environment, approvedBy: approvedBy, executedBy: executedBy,
            windowStart: ExampleKit.date("2026-11-10T09:00:00Z"), windowEnd: ExampleKit.date("2026-11-10T11:00:00Z"),
            status: status)
    }

    public var triggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "deployment the day after the window",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "cloudformation:UpdateStack", at: ["2026-11-11T10:00:00Z"])],
                    changes: [Self.change(executedBy: "deploy")])),
            RuleExample(
                "window of a rejected change",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "cloudformation:UpdateStack")],
                    changes: [Self.change(executedBy: "deploy", status: "rejected")])),
            RuleExample(
                "change naming neither environment nor executor covers nothing",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "cloudformation:UpdateStack")],
                    changes: [Self.change(executedBy: nil, environment: nil)])),
            RuleExample(
                "change for staging does not cover production",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "cloudformation:UpdateStack")],
                    changes: [Self.change(executedBy: "deploy", environment: "staging")])),
            RuleExample(
                "change executed by another identity",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy"), ExampleKit.role("other")],
                    activity: [ExampleKit.activity(deploy, "cloudformation:UpdateStack")],
                    changes: [Self.change(executedBy: "other")])),
            RuleExample(
                "change marked approved that nobody approved",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "cloudformation:UpdateStack")],
                    changes: [Self.change(executedBy: "deploy", approvedBy: nil)])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "inside the approved window",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "cloudformation:UpdateStack")],
                    changes: [Self.change(executedBy: "deploy")])),
            RuleExample(
                "change naming only the environment covers delivery there",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "cloudformation:UpdateStack")],
                    changes: [Self.change(executedBy: nil)])),
            RuleExample(
                "staging delivery needs no change",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy", account: ExampleKit.stagingAccount)],
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.roleID("deploy", account: ExampleKit.stagingAccount),
                            "cloudformation:UpdateStack", environment: "staging")
                    ])),
        ]
    }
}

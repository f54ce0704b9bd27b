import Foundation
import NHIDetect
import NHIModel
import Testing

@Suite struct DetectorTests {
    let detector = Detector(policy: .defaults, classifier: ExampleKit.classifier)

    @Test func rulesWithMissingInputsAreNotEvaluatedAndNamed() throws {
        let deploy = ExampleKit.roleID("deploy")
        let inventory = ExampleKit.inventory(
            identities: [ExampleKit.role("deploy")],
            activity: [
                ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                ExampleKit.activity(deploy, "autoscaling:SetDesiredCapacity"),
            ],
            inputs: [.inventory, .auditLog])
        let result = detector.run(inventory, asOf: ExampleKit.periodEnd)
        let unapproved = try #require(result.evaluations.first { $0.rule == "unapproved-production-change" })
        #expect(unapproved.state == .notEvaluated)
        #expect(unapproved.missingInputs == [.changes])
        let recovery = try #require(result.evaluations.first { $0.rule == "recovery-without-incident" })
        #expect(recovery.missingInputs == [.changes, .incidents])
        #expect(!result.findings.contains { $0.rule == "unapproved-production-change" })
        let dualUse = try #require(result.evaluations.first { $0.rule == "dual-use-authority" })
        #expect(dualUse.state == .evaluated && dualUse.findings == 1)
        #expect(result.evaluations.count == RuleRegistry.rules.count)
    }

    @Test func dualUseEvidenceHasBothSidesWithCountsAndTimes() throws {
        let deploy = ExampleKit.roleID("deploy")
        let inventory = ExampleKit.inventory(
            identities: [ExampleKit.role("deploy")],
            activity: [
                ExampleKit.activity(
                    deploy, "cloudformation:UpdateStack", at: ["2026-10-02T10:00:00Z", "2026-10-05T10:00:00Z"]),
                ExampleKit.activity(deploy, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:00:00Z"]),
                ExampleKit.activity(deploy, "autoscaling:SetDesiredCapacity", environment: "staging"),
            ])
        let findings = detector.run(inventory, asOf: ExampleKit.periodEnd).findings.filter {
            $0.rule == "dual-use-authority"
        }
        let production = try #require(findings.first { $0.environment == "production" })
        #expect(production.severity == .high)
        #expect(production.details["delivery_count"] == "2")
        #expect(production.details["operations_count"] == "1")
        #expect(production.details["delivery_first"] == "2026-10-02T10:00:00Z")
        #expect(production.details["delivery_last"] == "2026-10-05T10:00:00Z")
        #expect(production.details["operations_actions"] == "autoscaling:SetDesiredCapacity ×1")
        #expect(!production.evidence.isEmpty)
        // Staging has operations only: no finding there.
        #expect(findings.count == 1)
    }

    /// A side's period runs from the earliest first call to the latest last call of all its
    /// aggregates, whatever their order.
    @Test func dualUsePeriodSpansEveryAggregateOfASide() throws {
        let deploy = ExampleKit.roleID("deploy")
        let inventory = ExampleKit.inventory(
            identities: [ExampleKit.role("deploy")],
            activity: [
                ExampleKit.activity(deploy, "cloudformation:UpdateStack", at: ["2026-10-05T10:00:00Z"]),
                ExampleKit.activity(deploy, "cloudformation:UpdateStack", at: ["2026-10-02T10:00:00Z"]),
                ExampleKit.activity(deploy, "autoscaling:SetDesiredCapacity", at: ["2026-11-01T03:00:00Z"]),
                ExampleKit.activity(deploy, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:00:00Z"]),
            ])
        let finding = try #require(
            detector.run(inventory, asOf: ExampleKit.periodEnd).findings.first { $0.rule == "dual-use-authority" })
        #expect(finding.details["delivery_first"] == "2026-10-02T10:00:00Z")
        #expect(finding.details["delivery_last"] == "2026-10-05T10:00:00Z")
        #expect(finding.details["operations_first"] == "2026-11-01T03:00:00Z")
        #expect(finding.details["operations_last"] == "2026-11-12T03:00:00Z")
    }

    @Test func authoritySummaryAndUnclassifiedActions() throws {
        let deploy = ExampleKit.roleID("deploy"), worker = ExampleKit.roleID("worker")
        let inventory = ExampleKit.inventory(
            identities: [ExampleKit.role("deploy"), ExampleKit.role("worker")],
            grants: [ExampleKit.grant(deploy, ["ecs:*"])],
            activity: [
                ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                ExampleKit.activity(deploy, "ecs:UpdateService", at: ["2026-10-02T10:00:00Z", "2026-10-03T10:00:00Z"]),
                ExampleKit.activity(worker, "sqs:SendMessage"),
                ExampleKit.activity(deploy, "sqs:SendMessage"),
                ExampleKit.activity(deploy, "s3:GetObject", readOnly: true),
            ])
        let result = detector.run(inventory, asOf: ExampleKit.periodEnd)
        let summary = try #require(result.authority.first { $0.identity == deploy })
        #expect(summary.delivery == 1 && summary.operations == 0 && summary.read == 1)
        #expect(summary.canDeliver && summary.canOperate && !summary.dualUse)
        #expect(
            result.unclassified == [
                UnclassifiedAction(platform: .aws, action: "ecs:UpdateService", count: 2, identities: [deploy]),
                UnclassifiedAction(platform: .aws, action: "sqs:SendMessage", count: 2, identities: [deploy, worker]),
            ])
    }

    @Test func authorityViewListsNonHumanIdentitiesOnly() {
        let deploy = ExampleKit.roleID("deploy"), alice = ExampleKit.userID("alice")
        let inventory = ExampleKit.inventory(
            identities: [ExampleKit.role("deploy"), ExampleKit.user("alice", isHuman: true)],
            grants: [ExampleKit.grant(alice, ["*"])],
            activity: [
                ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                ExampleKit.activity(alice, "cloudformation:UpdateStack"),
            ])
        let authority = detector.run(inventory, asOf: ExampleKit.periodEnd).authority
        #expect(authority.map(\.identity) == [deploy])
    }

    @Test func metricsCountTheInventory() {
        let deploy = ExampleKit.roleID("deploy")
        let inventory = ExampleKit.inventory(
            identities: [
                ExampleKit.role("deploy", owner: "dana@example.com"),
                ExampleKit.user("ci", credentials: [ExampleKit.accessKey("AKIAOLD", created: "2025-01-01")]),
                ExampleKit.user("alice", isHuman: true), ExampleKit.role("ghost", inInventory: false),
            ],
            grants: [ExampleKit.grant(deploy, ["*"], via: "AdministratorAccess")],
            activity: [
                ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                ExampleKit.activity(deploy, "rds:FailoverDBCluster"),
                ExampleKit.activity(ExampleKit.roleID("ghost"), "cloudformation:UpdateStack"),
            ])
        let metrics = detector.run(inventory, asOf: ExampleKit.periodEnd).metrics
        #expect(
            metrics
                == Metrics(
                    nhisInScope: 2, owned: 1, overPrivileged: 1, credentialsPastMaxAge: 1, dualUse: 1, humans: 1,
                    shadow: 1))
    }

    @Test func looserPolicyChangesTheOutcome() {
        let inventory = ExampleKit.inventory(identities: [
            ExampleKit.user("ci", credentials: [ExampleKit.accessKey("AKIAMID", created: "2026-08-01")])
        ])
        var lenient = Policy.defaults
        lenient.credentialMaxAgeDays = 365
        let strict = Detector(policy: .defaults, classifier: ExampleKit.classifier).run(
            inventory, asOf: ExampleKit.periodEnd)
        let loose = Detector(policy: lenient, classifier: ExampleKit.classifier).run(
            inventory, asOf: ExampleKit.periodEnd)
        #expect(strict.findings.contains { $0.rule == "long-lived-credential" })
        #expect(!loose.findings.contains { $0.rule == "long-lived-credential" })
    }
}

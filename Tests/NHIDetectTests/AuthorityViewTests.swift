import Foundation
import NHIDetect
import NHIModel
import Testing

/// Accountability per production environment and the incident and change timelines, computed by
/// the detector from a small inventory.
@Suite struct AuthorityViewTests {
    static let ops = ExampleKit.roleID("ops"), batch = ExampleKit.roleID("batch"), deploy = ExampleKit.roleID("deploy")
    static let incident = IncidentRecord(
        id: "INC-3", declaredAt: ExampleKit.date("2026-11-12T02:30:00Z"),
        resolvedAt: ExampleKit.date("2026-11-12T05:00:00Z"), environments: ["production"], responders: ["ops"])
    static let change = ChangeRecord(
        id: "CHG-9", approvedBy: "lee@example.com", executedBy: deploy.rawValue,
        windowStart: ExampleKit.date("2026-11-10T09:00:00Z"), windowEnd: ExampleKit.date("2026-11-10T11:00:00Z"),
        status: "approved")

    static func view(_ inventory: Inventory) -> AuthorityView {
        Detector(policy: .defaults, classifier: ExampleKit.classifier).run(inventory, asOf: ExampleKit.periodEnd)
            .authorityView
    }

    @Test func accountabilitySaysWhoDidWhatUnderWhichRecord() throws {
        var inventory = ExampleKit.inventory(
            identities: [
                ExampleKit.role("ops"), ExampleKit.role("batch", owner: "kim@example.com"), ExampleKit.role("deploy"),
            ],
            activity: [
                ExampleKit.activity(
                    Self.ops, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:00:00Z", "2026-11-20T08:00:00Z"]),
                ExampleKit.activity(Self.batch, "rds:FailoverDBCluster", at: ["2026-11-12T03:30:00Z"]),
                ExampleKit.activity(
                    Self.deploy, "cloudformation:UpdateStack", at: ["2026-11-10T10:00:00Z", "2026-11-11T10:00:00Z"]),
                ExampleKit.activity(
                    ExampleKit.roleID("stage", account: ExampleKit.stagingAccount), "cloudformation:UpdateStack",
                    environment: "staging"),
            ],
            changes: [Self.change], incidents: [Self.incident])
        let evidence = ExampleKit.evidence
        inventory.logIntegrity = LogIntegrity(logFiles: [
            LogFileCheck(
                file: "a.json.gz", stream: "111122223333 eu-west-1", environment: "production", status: .verified,
                digest: "d", evidence: evidence),
            LogFileCheck(
                file: "b.json.gz", stream: "111122223333 eu-west-1", environment: "production", status: .changed,
                digest: "d", evidence: evidence),
            LogFileCheck(
                file: "c.json.gz", stream: "444455556666 eu-west-1", environment: "staging", status: .verified,
                digest: "e", evidence: evidence),
        ])
        let environments = Self.view(inventory).environments
        #expect(environments.map(\.environment) == ["production"], "only production environments are accounted for")
        let production = try #require(environments.first)
        func entry(_ role: EnvironmentAccountability.Role, _ actor: String) -> EnvironmentAccountability.Entry? {
            production.entries.first { $0.role == role && $0.actor == actor }
        }
        let recovered = try #require(entry(.recovered, Self.ops.rawValue))
        #expect(recovered.calls == 1 && recovered.under == ["INC-3"] && recovered.uncovered == 0)
        let stranger = try #require(
            entry(.recovered, Self.batch.rawValue), "recovery by a non-responder is still recovery")
        #expect(stranger.under == [] && stranger.uncovered == 1)
        let operated = try #require(
            entry(.operated, Self.ops.rawValue), "scaling after the incident is operations outside it")
        #expect(operated.calls == 1 && operated.uncovered == 1)
        let delivered = try #require(entry(.delivered, Self.deploy.rawValue))
        #expect(delivered.calls == 2 && delivered.under == ["CHG-9"] && delivered.uncovered == 1)
        let approved = try #require(entry(.approved, "lee@example.com"))
        #expect(approved.under == ["CHG-9"])
        #expect(production.logFiles == ["verified": 1, "changed": 1])
    }

    /// A contractor's account root acting in production is shown, marked as outside the scope and
    /// not inventoried, although it is judged a person; a person of the organisation is not.
    @Test func foreignIdentitiesStayInTheAuthorityRows() throws {
        var contractor = ExampleKit.identity(
            IdentityID("arn:aws:iam::777766665555:root"), kind: .root, name: "root",
            account: "777766665555", inInventory: false)
        contractor.isHuman = true
        let alice = ExampleKit.user("alice", isHuman: true)
        let rows = Detector(policy: .defaults, classifier: ExampleKit.classifier).run(
            ExampleKit.inventory(
                identities: [contractor, alice, ExampleKit.role("ops")],
                activity: [
                    ExampleKit.activity(contractor.id, "rds:FailoverDBCluster"),
                    ExampleKit.activity(alice.id, "rds:FailoverDBCluster"),
                    ExampleKit.activity(Self.ops, "autoscaling:SetDesiredCapacity"),
                ]), asOf: ExampleKit.periodEnd
        ).authority
        #expect(Set(rows.map(\.identity)) == [contractor.id, Self.ops])
        let foreign = try #require(rows.first { $0.identity == contractor.id })
        #expect(foreign.outsideScope == true && foreign.inInventory == false && foreign.operations == 1)
        let ops = try #require(rows.first { $0.identity == Self.ops })
        #expect(ops.outsideScope == false && ops.inInventory == true)
    }

    @Test func timelinesMarkTheRecordAndStayBounded() throws {
        let strangers = (0..<20).map { ExampleKit.roleID(String(format: "worker-%02d", $0)) }
        var activity = strangers.map {
            ExampleKit.activity($0, "autoscaling:SetDesiredCapacity", at: ["2026-11-12T03:10:00Z"])
        }
        let busy = (0..<70).map {
            ISO8601.string(from: ExampleKit.date("2026-11-12T02:40:00Z").addingTimeInterval(Double($0) * 60))
        }
        activity.append(ExampleKit.activity(Self.ops, "autoscaling:SetDesiredCapacity", at: busy))
        activity.append(ExampleKit.activity(Self.deploy, "cloudformation:UpdateStack", at: ["2026-11-10T10:00:00Z"]))
        let view = Self.view(
            ExampleKit.inventory(
                identities: [ExampleKit.role("ops"), ExampleKit.role("deploy")]
                    + strangers.map { ExampleKit.role(String($0.rawValue.split(separator: "/").last!)) },
                activity: activity, changes: [Self.change], incidents: [Self.incident]))
        let incident = try #require(view.timelines.first { $0.kind == .incident })
        #expect(
            incident.id == "INC-3" && incident.windowStart == Self.incident.declaredAt
                && incident.windowEnd == Self.incident.resolvedAt)
        #expect(
            incident.rows.count == 12 && incident.omittedRows == 9,
            "\(incident.rows.count) rows, \(incident.omittedRows) left out")
        #expect(incident.rows.allSatisfy { !$0.named }, "identities the incident does not name come first")
        let change = try #require(view.timelines.first { $0.kind == .change })
        #expect(change.id == "CHG-9" && change.rows.map(\.identity) == [Self.deploy] && change.rows[0].named)
        #expect(change.rows[0].marks.map(\.authorityClass) == [.delivery])

        let fewer = Self.view(
            ExampleKit.inventory(
                identities: [ExampleKit.role("ops")],
                activity: [ExampleKit.activity(Self.ops, "autoscaling:SetDesiredCapacity", at: busy)],
                incidents: [Self.incident]))
        let row = try #require(fewer.timelines.first?.rows.first)
        #expect(row.named && row.marks.count == 60 && row.omittedMarks == 10)
        #expect(row.marks.map(\.time) == row.marks.map(\.time).sorted())
    }
}

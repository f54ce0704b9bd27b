import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct RecordReadersTests {
    let inventory: Inventory
    init() throws { inventory = try CollectTestSupport.collect(Fixtures.own("records")) }

    @Test func ownersWithBOMCRLFQuotedNewlinesAndBadRows() throws {
        let entry = try #require(CollectTestSupport.entry(inventory, "owners.csv"))
        #expect(entry.format == "owners" && entry.read == 7 && entry.accepted == 3)
        #expect(
            CollectTestSupport.rejections(entry) == [
                "identity is empty": 1,
                "unknown purpose (expected one of delivery, operations, runtime, break-glass, integration, human-proxy)":
                    1,
                "approved_until is not a date or time": 1,
                "environment is not declared in scope.yaml": 1,
            ])
        #expect(entry.rejections.first { $0.reason == "identity is empty" }?.locators == ["owners.csv:5"])
        let deployer = try #require(
            inventory.owners.first { $0.identityRef == "k8s:prod-eu-1:serviceaccount:ci:deployer" })
        #expect(
            deployer.team == "Platform, Delivery" && deployer.purpose == .delivery
                && deployer.environment == "production")
        #expect(deployer.approvedUntil == ISO8601.parse("2026-12-31T23:59:59Z"))
        let recovery = try #require(inventory.owners.first { $0.identityRef == "recovery-bot" })
        #expect(recovery.owner == "" && recovery.team == "Ops\r\nteam" && recovery.kindOverride == "nhi")
        #expect(
            inventory.owners.first { $0.identityRef == "break" }?.approvedUntil == ISO8601.parse("2026-12-31T16:00:00Z")
        )
    }

    /// The ledger dates each file by the times its accepted records state; a rejected record's
    /// time (CHG-5's window in October's second week, activity's bad row) does not count.
    @Test func theLedgerDatesEachFileByItsAcceptedRecords() throws {
        func span(_ file: String) throws -> [Date?] {
            let entry = try #require(CollectTestSupport.entry(inventory, file))
            return [entry.firstRecordAt, entry.lastRecordAt]
        }
        #expect(
            try span("activity.csv") == [ISO8601.parse("2026-10-01T00:00:00Z"), ISO8601.parse("2026-10-15T00:00:00Z")])
        #expect(
            try span("changes.csv") == [ISO8601.parse("2026-10-02T09:00:00Z"), ISO8601.parse("2026-10-05T23:59:59Z")])
        #expect(
            try span("incidents.csv") == [ISO8601.parse("2026-10-03T09:00:00Z"), ISO8601.parse("2026-10-10T00:00:00Z")])
        #expect(try span("owners.csv") == [nil, nil], "owners state no time of their own")
        #expect(try span("identities.csv") == [nil, nil])
    }

    @Test func changesFromCSVAndJSON() throws {
        let csv = try #require(CollectTestSupport.entry(inventory, "changes.csv"))
        #expect(csv.read == 7 && csv.accepted == 3)
        #expect(
            CollectTestSupport.rejections(csv) == [
                "approved change without window_start and window_end": 1, "window_end is before window_start": 1,
                "id is empty": 1, "window_start is not a date or time": 1,
            ])
        let json = try #require(CollectTestSupport.entry(inventory, "changes.json"))
        #expect(json.read == 2 && json.accepted == 1 && json.rejections.first?.locators == ["changes.json#1"])
        #expect(inventory.changes.map(\.id) == ["CHG-1", "CHG-10", "CHG-2", "CHG-3"])
        let first = try #require(inventory.changes.first { $0.id == "CHG-1" })
        #expect(first.status == "approved" && first.windowStart == ISO8601.parse("2026-10-02T09:00:00Z"))
        let emergency = try #require(inventory.changes.first { $0.id == "CHG-2" })
        #expect(emergency.windowEnd == ISO8601.parse("2026-10-05T23:59:59Z"))
        #expect(inventory.changes.first { $0.id == "CHG-10" }?.windowStart == ISO8601.parse("2026-10-08T07:00:00Z"))
    }

    @Test func incidentsFromCSVAndJSON() throws {
        let csv = try #require(CollectTestSupport.entry(inventory, "incidents.csv"))
        #expect(csv.read == 4 && csv.accepted == 2)
        #expect(
            CollectTestSupport.rejections(csv) == ["declared_at is empty": 1, "resolved_at is before declared_at": 1])
        let first = try #require(inventory.incidents.first { $0.id == "INC-1" })
        #expect(first.responders == ["alice@example.com", "k8s:prod-eu-1:serviceaccount:ci:deployer"])
        #expect(first.severity == "sev1" && first.reviewCompletedAt == ISO8601.parse("2026-10-10"))
        #expect(inventory.incidents.first { $0.id == "INC-2" }?.declaredAt == ISO8601.parse("2026-10-04T08:00:00Z"))
        #expect(inventory.incidents.first { $0.id == "INC-10" }?.responders == ["deployer", "carol@example.com"])
        #expect(inventory.incidents.first { $0.id == "INC-10" }?.environments == ["production", "staging"])
        #expect(first.environments == [], "an incident naming no environment is not limited to one")
        let json = try #require(CollectTestSupport.entry(inventory, "incidents.json"))
        #expect(CollectTestSupport.rejections(json) == ["environment is not declared in scope.yaml": 1])
        #expect(json.rejections.first?.locators == ["incidents.json#1"])
    }

    @Test func canonicalIdentitiesMergeCredentialRows() throws {
        let csv = try #require(CollectTestSupport.entry(inventory, "identities.csv"))
        #expect(csv.format == "canonical-identities" && csv.read == 6 && csv.accepted == 3)
        #expect(
            csv.rejections.map(\.reason).sorted() == [
                "is_human is not true or false",
                "unknown credential_kind (expected one of \(CredentialKind.allCases.map(\.rawValue).joined(separator: ", ")))",
                "unknown kind (expected one of \(IdentityKind.allCases.map(\.rawValue).joined(separator: ", ")))",
            ])
        let sa = try #require(
            inventory.identities.first { $0.id.rawValue == "gcp:deploy-sa@proj.iam.gserviceaccount.com" })
        #expect(
            sa.kind == .serviceAccount && sa.platform == Platform(rawValue: "gcp") && !sa.isHuman
                && sa.humanBasis == .declared)
        #expect(sa.credentials.map(\.id) == ["key-1", "key-2"])
        #expect(sa.credentials.last?.active == false && sa.credentials.last?.expiresAt == ISO8601.parse("2027-06-01"))
        let backup = try #require(inventory.identities.first { $0.id.rawValue == "entra:sp-backup" })
        #expect(backup.environments == ["production"] && backup.credentials.first?.kind == .other)
    }

    @Test func canonicalActivityKeepsCountsAndTimes() throws {
        let csv = try #require(CollectTestSupport.entry(inventory, "activity.csv"))
        #expect(csv.format == "canonical-activity" && csv.read == 5 && csv.accepted == 2)
        #expect(
            CollectTestSupport.rejections(csv) == [
                "count is not a positive whole number": 1, "last_seen is before first_seen": 1,
                "environment is not declared in scope.yaml": 1,
            ])
        let update = try #require(inventory.activity.first { $0.action == "run.services.update" })
        #expect(update.count == 12 && !update.readOnly && update.account == "proj")
        #expect(update.firstSeen == ISO8601.parse("2026-10-01") && update.lastSeen == ISO8601.parse("2026-10-15"))
        #expect(update.userAgents.counts == ["sdk": 12])
        #expect(inventory.activity.first { $0.action == "run.services.get" }?.readOnly == true)
        #expect(inventory.inputs.isSuperset(of: [.owners, .changes, .incidents, .inventory, .auditLog]))
    }

    @Test func identityReferencesResolveWhenTheIdentityIsKnown() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("prod-eu-1"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Fixtures.own("kubernetes/rbac/prod-eu-1/mixed.yaml"),
            to: folder.appendingPathComponent("prod-eu-1/rbac.yaml"))
        for name in ["changes.csv", "incidents.csv", "incidents.json"] {
            try FileManager.default.copyItem(
                at: Fixtures.own("records/\(name)"), to: folder.appendingPathComponent(name))
        }
        let inventory = try CollectTestSupport.collect(folder)
        let deployer = IdentityID("k8s:prod-eu-1:serviceaccount:ci:deployer")
        let first = try #require(inventory.changes.first { $0.id == "CHG-1" })
        #expect(
            first.executedByIdentity == deployer && first.approvedByIdentity == nil
                && first.approvedBy == "bob@example.com")
        // ServiceAccount names are `ns/name`, so the bare word `deployer` matches no identity name.
        #expect(inventory.changes.first { $0.id == "CHG-2" }?.executedByIdentity == nil)
        // A person bound in RBAC is an identity too (a Kubernetes user named by the same text).
        #expect(
            inventory.incidents.first { $0.id == "INC-1" }?.responderIdentities == [
                deployer, IdentityID("k8s:prod-eu-1:user:alice@example.com"),
            ])
        #expect(inventory.incidents.first { $0.id == "INC-10" }?.responderIdentities == [])
    }

    @Test func aCSVWithoutARequiredColumnFailsAsAWhole() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("id,status,window_start\nX,approved,2026-01-01\n".utf8).write(
            to: folder.appendingPathComponent("changes.csv"))
        try Data("organisation: t\nsources:\n  - path: \"*.csv\"\n    format: incidents\n".utf8).write(
            to: folder.appendingPathComponent("scope.yaml"))
        #expect { try CollectTestSupport.collect(folder) } throws: { error in
            (error as? CollectError)?.description == "changes.csv:1: missing required column \"declared_at\""
        }
    }
}

import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct GCPAuditLogReaderTests {
    let inventory: Inventory
    init() throws { inventory = try CollectTestSupport.collect(Fixtures.own("gcp")) }

    static let deployer = "gcp:northwind-prod:serviceaccount:deployer@northwind-prod.iam.gserviceaccount.com"
    static let deploy = "run:google.cloud.run.v1.Services.ReplaceService"

    private func activity(_ id: String, _ action: String) -> ActivityRecord? {
        inventory.activity.first { $0.identity.rawValue == id && $0.action == action }
    }

    @Test func everyEntryIsAccountedFor() throws {
        let lines = try #require(CollectTestSupport.entry(inventory, "audit.jsonl"))
        #expect(lines.format == "gcp-audit-log")
        #expect(lines.read == 11 && lines.accepted == 8 && lines.rejected == 3)
        #expect(
            CollectTestSupport.rejections(lines) == [
                "not an audit log entry (no AuditLog protoPayload)": 1, "entry without a parseable timestamp": 1,
                "not a LogEntry object": 1,
            ])
        #expect(lines.rejections.first { $0.reason == "not a LogEntry object" }?.locators == ["audit.jsonl:10"])
        #expect(lines.notes.contains { $0.hasPrefix("1 entr(ies) without a principal") })
        #expect(lines.firstRecordAt == ISO8601.parse("2026-11-10T10:00:00.123456Z"))
        let array = try #require(CollectTestSupport.entry(inventory, "audit-array.json"))
        #expect(array.read == 2 && array.accepted == 1)
        #expect(array.rejections.first?.locators == ["audit-array.json#1"])
        #expect(array.rejections.first?.reason.hasPrefix("no project") == true)
    }

    @Test func callsBecomeActivityWithTheirRequestFacts() throws {
        let deploys = try #require(activity(Self.deployer, Self.deploy))
        #expect(deploys.platform == .gcp && deploys.environment == "production" && deploys.account == "northwind-prod")
        #expect(deploys.count == 3 && !deploys.readOnly)
        #expect(deploys.userAgents.counts["google-api-go-client/0.5 GitHub-Actions"] == 2)
        #expect(deploys.sourceIPs.counts["203.0.113.7"] == 1)
        #expect(deploys.credentialIds.counts == ["5b0e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b": 1])
        #expect(activity(Self.deployer, "compute:v1.compute.instanceGroupManagers.resize")?.count == 1)
        #expect(activity(Self.deployer, "iam:google.iam.admin.v1.GetServiceAccount")?.readOnly == true)
        let refused = try #require(
            activity(
                "gcp:northwind-prod:serviceaccount:reporter@northwind-prod.iam.gserviceaccount.com",
                "cloudresourcemanager:SetIamPolicy"))
        #expect(refused.deniedCount == 1 && refused.writeTimes.isEmpty)
        let created = try #require(
            activity(
                "gcp:northwind-staging:serviceaccount:ci@northwind-staging.iam.gserviceaccount.com",
                "iam:google.iam.admin.v1.CreateServiceAccountKey"))
        #expect(created.environment == "staging")
    }

    @Test func impersonationNamesWhoStartedTheChain() throws {
        let deploys = try #require(activity(Self.deployer, Self.deploy))
        #expect(
            deploys.actors.counts == [
                "gcp:user:alice@northwind.example": 1,
                "gcp:northwind-staging:serviceaccount:ci@northwind-staging.iam.gserviceaccount.com": 1,
            ])
        #expect(deploys.sessionNames.counts == ["alice@northwind.example": 1], "only a person names the session")
        let alice = try #require(inventory.identities.first { $0.id.rawValue == "gcp:user:alice@northwind.example" })
        #expect(alice.isHuman)
    }

    @Test func keyUseIsTheKeysLastUse() throws {
        let deployer = try #require(inventory.identities.first { $0.id.rawValue == Self.deployer })
        let key = try #require(deployer.credentials.first { $0.id == "5b0e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b" })
        #expect(key.lastUsedAt == ISO8601.parse("2026-11-12T03:00:00Z"), "the last of the key's uses")
        #expect(key.createdAt == ISO8601.parse("2025-11-02T09:15:00Z"), "the inventory's facts stay")
    }

    @Test func serviceAgentsActingAreNotTheOrganisationsNHIs() throws {
        let agent = try #require(
            inventory.identities.first {
                $0.id.rawValue
                    == "gcp:123456789012:serviceaccount:service-123456789012@gcp-sa-cloudbuild.iam.gserviceaccount.com"
            })
        #expect(agent.isPlatformService)
    }
}

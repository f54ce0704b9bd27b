import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct GCPInventoryReadersTests {
    let inventory: Inventory
    init() throws { inventory = try CollectTestSupport.collect(Fixtures.own("gcp")) }

    static let deployer = "gcp:northwind-prod:serviceaccount:deployer@northwind-prod.iam.gserviceaccount.com"
    static let compute = "gcp:123456789012:serviceaccount:123456789012-compute@developer.gserviceaccount.com"
    static let ci = "gcp:northwind-staging:serviceaccount:ci@northwind-staging.iam.gserviceaccount.com"

    private func identity(_ id: String) -> Identity? { inventory.identities.first { $0.id.rawValue == id } }
    private func grants(_ id: String) -> [Grant] { inventory.grants.filter { $0.identity.rawValue == id } }

    @Test func everyAssetIsAccountedForAndBadOnesNamed() throws {
        let resources = try #require(CollectTestSupport.entry(inventory, "asset-resources.jsonl"))
        #expect(resources.format == "gcp-asset-resources")
        #expect(resources.read == 11 && resources.accepted == 8 && resources.rejected == 3)
        #expect(
            CollectTestSupport.rejections(resources) == [
                "not a JSON object": 1, "key without keyType USER_MANAGED or SYSTEM_MANAGED": 1,
                "ServiceAccount asset without resource.data": 1,
            ])
        #expect(
            resources.rejections.first { $0.reason == "not a JSON object" }?.locators == ["asset-resources.jsonl:8"])
        #expect(resources.notes.contains("1 asset(s) of other types read but not used"))
        let policies = try #require(CollectTestSupport.entry(inventory, "asset-iam-policy.json"))
        #expect(policies.format == "gcp-asset-iam-policies")
        #expect(policies.read == 5 && policies.accepted == 3)
        #expect(
            CollectTestSupport.rejections(policies) == ["binding without role": 1, "asset without iamPolicy": 1])
        #expect(
            policies.rejections.first { $0.reason == "binding without role" }?.locators == [
                "asset-iam-policy.json#3"
            ])
        #expect(inventory.ledger.entries.allSatisfy { $0.isBalanced })
    }

    @Test func gcloudListsAreReadRecordByRecord() throws {
        let accounts = try #require(CollectTestSupport.entry(inventory, "service-accounts.json"))
        #expect(accounts.format == "gcp-service-accounts")
        #expect(accounts.read == 4 && accounts.accepted == 2)
        #expect(
            CollectTestSupport.rejections(accounts) == [
                "service account without email": 1, "not a service account object": 1,
            ])
        let keys = try #require(CollectTestSupport.entry(inventory, "keys.json"))
        #expect(keys.format == "gcp-service-account-keys")
        #expect(keys.read == 3 && keys.accepted == 2)
        #expect(keys.rejections.map(\.locators) == [["keys.json#2"]])
        let policy = try #require(CollectTestSupport.entry(inventory, "staging/iam-policy.json"))
        #expect(policy.format == "gcp-iam-policy")
        #expect(policy.read == 4 && policy.accepted == 2)
        #expect(
            policy.rejections.first { $0.reason == "binding without members" }?.locators == [
                "staging/iam-policy.json#2 /bindings/2"
            ])
        let unnamed = try #require(CollectTestSupport.entry(inventory, "unnamed/iam-policy.json"))
        #expect(unnamed.read == 1 && unnamed.rejected == 1)
        #expect(unnamed.rejections.first?.reason.hasPrefix("no project") == true)
    }

    @Test func serviceAccountsJoinAcrossSourcesByEmail() throws {
        let deployer = try #require(identity(Self.deployer))
        #expect(deployer.kind == .serviceAccount && deployer.inInventory && deployer.isOrganisationNHI)
        #expect(deployer.account == "northwind-prod" && deployer.environments == ["production"])
        #expect(deployer.attributes["displayName"] == "Cloud Run deployer")
        let compute = try #require(identity(Self.compute), "the asset and the policy name the compute account alike")
        #expect(compute.attributes["defaultServiceAccount"] == "compute" && compute.inInventory)
        #expect(
            identity("gcp:northwind-prod:serviceaccount:northwind-prod@appspot.gserviceaccount.com")?.attributes[
                "defaultServiceAccount"] == "app-engine")
        let reporter = try #require(
            identity("gcp:northwind-prod:serviceaccount:reporter@northwind-prod.iam.gserviceaccount.com"))
        #expect(reporter.attributes["disabled"] == "true")
        let old = try #require(identity(Self.ci.replacingOccurrences(of: "ci@", with: "old-batch@")))
        #expect(old.environments == ["staging"] && old.attributes["disabled"] == "true")
    }

    @Test func serviceAgentsAreRecordedButNotTheOrganisationsNHIs() throws {
        for id in [
            "gcp:123456789012:serviceaccount:123456789012@cloudservices.gserviceaccount.com",
            "gcp:123456789012:serviceaccount:service-123456789012@gcp-sa-cloudbuild.iam.gserviceaccount.com",
        ] {
            let agent = try #require(identity(id))
            #expect(agent.isPlatformService && !agent.isOrganisationNHI, "\(id)")
        }
        #expect(identity(Self.compute)?.isPlatformService == false)
    }

    @Test func userManagedKeysAreCredentialsAndSystemManagedKeysAreNot() throws {
        let deployer = try #require(identity(Self.deployer))
        let key = try #require(deployer.credentials.first { $0.id == "5b0e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b" })
        #expect(key.kind == .serviceAccountKey && key.active)
        #expect(key.createdAt == ISO8601.parse("2025-11-02T09:15:00Z"))
        #expect(key.expiresAt == nil, "9999-12-31 is GCP's 'never expires'")
        #expect(!deployer.credentials.contains { $0.id == "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432" })
        let reporter = try #require(
            identity("gcp:northwind-prod:serviceaccount:reporter@northwind-prod.iam.gserviceaccount.com"))
        let disabled = try #require(reporter.credentials.first, "a key named by unique id finds its account")
        #expect(!disabled.active && disabled.expiresAt == ISO8601.parse("2026-05-01T00:00:00Z"))
        let ci = try #require(identity(Self.ci))
        #expect(ci.credentials.map(\.id) == ["ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12"])
    }

    @Test func bindingsAreGrantsOnTheirResourceWithConditions() throws {
        let owner = try #require(grants(Self.deployer).first { $0.via == "roles/owner" })
        #expect(
            owner.platform == .gcp && owner.actions == ["roles/owner"] && owner.resources == ["projects/123456789012"])
        #expect(grants(Self.compute).map(\.via) == ["roles/editor"])
        let conditional = try #require(
            grants("gcp:northwind-prod:serviceaccount:reporter@northwind-prod.iam.gserviceaccount.com").first)
        #expect(conditional.conditions.first?.key == "business hours")
        #expect(
            grants(Self.ci).map(\.resources).sorted { $0[0] < $1[0] } == [
                ["folders/4711"], ["projects/northwind-staging"],
            ])
        #expect(
            grants("gcp:user:alice@northwind.example").first?.resources == [
                "projects/northwind-prod/serviceAccounts/deployer@northwind-prod.iam.gserviceaccount.com"
            ])
        #expect(identity("gcp:user:carol@northwind.example")?.isHuman == true)
        #expect(identity("gcp:group:sre@northwind.example")?.kind == .group)
        #expect(
            !inventory.grants.contains {
                $0.identity.rawValue.contains("domain") || $0.identity.rawValue.contains("gone@")
            },
            "domain: and deleted: members are no one principal")
        #expect(inventory.grants.filter { $0.platform == .gcp }.count == 11)
    }
}

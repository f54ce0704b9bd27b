import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct EntraReaderTests {
    static let tenant = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
    let inventory: Inventory
    init() throws { inventory = try CollectTestSupport.collect(Fixtures.own("entra")) }

    private func identity(_ appId: String, tenant: String = tenant) -> Identity? {
        inventory.identities.first { $0.id.rawValue == "entra:\(tenant):serviceprincipal:\(appId)" }
    }
    private let deployer = "11111111-aaaa-4bbb-8ccc-000000000001"
    private let runtime = "22222222-bbbb-4ccc-8ddd-000000000002"
    private let automation = "33333333-cccc-4ddd-8eee-000000000003"

    @Test func everyRecordIsAccountedForWithItsPosition() throws {
        let expected: [String: (format: String, read: Int, rejected: [String: Int], locator: String)] = [
            "service-principals.json": (
                "entra-directory", 5, ["service principal without appId": 1], "service-principals.json:1 /value/3"
            ),
            "applications.json": ("entra-directory", 3, ["not a JSON object": 1], "applications.json#2"),
            "role-assignments.json": (
                "entra-directory", 3, ["role assignment without its principal: export with $expand=principal": 1],
                "role-assignments.json:1 /value/2"
            ),
            "la-service-principal-sign-ins.json": (
                "entra-sign-ins", 4, ["sign-in without a parseable createdDateTime or TimeGenerated": 1],
                "la-service-principal-sign-ins.json#3"
            ),
            "la-managed-identity-sign-ins.json": (
                "entra-sign-ins", 2, ["sign-in without appId": 1], "la-managed-identity-sign-ins.json#1"
            ),
            "graph-sign-ins.json": (
                "entra-sign-ins", 3, ["sign-in without a parseable createdDateTime or TimeGenerated": 1],
                "graph-sign-ins.json:1 /value/2"
            ),
            "diagnostic-sign-ins.jsonl": ("entra-sign-ins", 3, ["not a JSON object": 1], "diagnostic-sign-ins.jsonl:3"),
        ]
        for (file, want) in expected {
            let entry = try #require(CollectTestSupport.entry(inventory, file), "\(file) is in the ledger")
            #expect(entry.format == want.format, "\(file)")
            #expect(entry.read == want.read && entry.isBalanced, "\(file): read = accepted + rejected")
            #expect(CollectTestSupport.rejections(entry) == want.rejected, "\(file)")
            #expect(entry.rejections.first?.locators == [want.locator], "\(file)")
        }
    }

    @Test func servicePrincipalsAndApplicationsJoinOnAppIdWithTheirCredentials() throws {
        let app = try #require(identity(deployer))
        #expect(app.platform == .entra && app.kind == .app && app.inInventory && !app.isHuman)
        #expect(app.environments == ["production", "staging"], "signed in to the staging tenant too")
        #expect(app.createdAt == ISO8601.parse("2025-02-14T09:30:00Z"), "the application's creation")
        #expect(app.owner?.owner == "dana@contoso.example")
        let secrets = app.credentials.filter { $0.kind == .clientSecret }.sorted { $0.id < $1.id }
        #expect(secrets.map(\.id).map { $0.suffix(2) } == ["01", "02", "03"])
        #expect(secrets[0].expiresAt == nil, "a secret without endDateTime never expires")
        #expect(secrets[1].expiresAt == ISO8601.parse("2027-05-01T00:00:00Z"))
        #expect(
            secrets[0].lastUsedAt == ISO8601.parse("2026-11-03T10:15:22.1234567Z"),
            "the sign-in naming the key id dates its last use")
        #expect(secrets[2].lastUsedAt == nil, "a refused sign-in is no use of the credential")
        #expect(app.credentials.first { $0.kind == .certificate }?.expiresAt == ISO8601.parse("2027-09-30T00:00:00Z"))
    }

    @Test func appPermissionsAndDirectoryRolesAreGrantsByName() throws {
        func grants(_ appId: String) -> [String] {
            inventory.grants.filter { $0.identity.rawValue.hasSuffix(appId) }.map(\.via).sorted()
        }
        #expect(grants(deployer) == ["Microsoft Graph/Application.ReadWrite.All"], "the Graph role id given a name")
        #expect(grants(runtime) == ["Microsoft Graph/User.Read.All", "directory role Directory Readers"])
        #expect(
            grants(automation) == [
                "directory role Application Administrator", "directory role Privileged Role Administrator",
            ], "memberOf by template id, and a role assignment with its principal expanded")
        let erin = try #require(inventory.identities.first { $0.id.rawValue.hasSuffix(":user:erin@contoso.example") })
        #expect(erin.isHuman)
        #expect(inventory.grants.contains { $0.identity == erin.id && $0.actions == ["Global Administrator"] })
        func inputs(_ file: String) -> [InputKind]? {
            inventory.evidenceCoverage.files.first { $0.file == file }?.inputs
        }
        #expect(inputs("service-principals.json") == [.entitlements, .inventory], "expanded assignments")
        #expect(inputs("applications.json") == [.inventory], "an application lists no permissions")
    }

    @Test func managedIdentitiesAndMicrosoftServicePrincipalsAreRecognised() throws {
        let managed = try #require(identity(runtime))
        #expect(managed.kind == .serviceAccount && !managed.isPlatformService)
        #expect(managed.attributes["servicePrincipalType"] == "ManagedIdentity")
        #expect(
            managed.attributes["managedIdentityResource"]?.hasSuffix("userAssignedIdentities/payments-runtime") == true)
        let graph = try #require(
            identity("00000003-0000-0000-c000-000000000000", tenant: "f8cdef31-a31e-4b4a-93e4-5f571e91255a"))
        #expect(graph.isPlatformService, "Microsoft's first-party application: recorded, not the organisation's NHI")
        #expect(graph.environments == ["production"], "its directory is the declared tenant")
    }

    @Test func signInsBecomeActivityRefusedWhenTheErrorCodeIsNotZero() throws {
        func activity(_ appId: String, _ action: String, _ environment: String = "production") -> ActivityRecord? {
            inventory.activity.first {
                $0.identity.rawValue.hasSuffix(appId) && $0.action == action && $0.environment == environment
            }
        }
        let graph = try #require(activity(deployer, "sign-in:Microsoft-Graph"))
        #expect(graph.count == 2 && graph.deniedCount == 1 && graph.readOnly)
        #expect(graph.sourceIPs.counts.keys.sorted() == ["198.51.100.20", "203.0.113.99"])
        #expect(activity(deployer, "sign-in:Windows-Azure-Service-Management-API", "staging")?.count == 1)
        let storage = try #require(activity(runtime, "sign-in:Azure-Storage"))
        #expect(storage.count == 2 && storage.deniedCount == 1, "diagnostic-settings lines, properties nested")
        #expect(activity(runtime, "sign-in:Azure-Key-Vault")?.count == 1)
        let browser = try #require(activity(automation, "sign-in:Microsoft-Graph"))
        #expect(browser.userAgents.counts.keys.contains { $0.hasPrefix("Mozilla/5.0") })
        let person = try #require(
            inventory.activity.first { $0.identity.rawValue == "entra:\(Self.tenant):user:erin@contoso.example" })
        #expect(person.action == "sign-in:Windows-Azure-Service-Management-API")
    }
}

import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct GitHubAuditLogReaderTests {
    let inventory: Inventory
    init() throws { inventory = try CollectTestSupport.collect(Fixtures.own("github")) }

    private func identity(_ id: String) -> Identity? { inventory.identities.first { $0.id.rawValue == id } }
    private func activity(_ id: String, _ action: String) -> ActivityRecord? {
        inventory.activity.first { $0.identity.rawValue == id && $0.action == action }
    }

    @Test func everyEntryIsAccountedFor() throws {
        let lines = try #require(CollectTestSupport.entry(inventory, "audit.jsonl"))
        #expect(lines.format == "github-audit-log")
        #expect(lines.read == 12 && lines.accepted == 8 && lines.rejected == 4)
        #expect(
            CollectTestSupport.rejections(lines) == [
                "entry without action": 1, "entry without actor": 1,
                "entry without a parseable @timestamp or created_at": 1, "not a JSON object": 1,
            ])
        #expect(lines.rejections.first { $0.reason == "entry without action" }?.locators == ["audit.jsonl:9"])
        let orgless = try #require(CollectTestSupport.entry(inventory, "orgless.jsonl"))
        #expect(
            CollectTestSupport.rejections(orgless) == [
                "no organisation (no org or repo in the file): set `account` for this source in scope.yaml": 1
            ])
        let csv = try #require(CollectTestSupport.entry(inventory, "audit.csv"))
        #expect(csv.read == 2 && csv.accepted == 1)
        #expect(csv.rejections.first?.locators == ["audit.csv:3"])
        #expect(inventory.ledger.entries.allSatisfy { $0.isBalanced })
        #expect(lines.firstRecordAt == ISO8601.parse("2025-10-02T09:00:00Z"))
        let last = try #require(lines.lastRecordAt)
        #expect(abs(last.timeIntervalSince(try #require(ISO8601.parse("2026-10-02T13:00:00Z"))) - 0.5) < 0.01)
    }

    @Test func programmaticTokensAreIdentitiesWithCredentialsAndTheirPersonAsActor() throws {
        let classic = try #require(identity("github:northwind:token:1234"))
        #expect(classic.kind == .token && !classic.isHuman && !classic.inInventory)
        #expect(classic.credentials.map(\.kind) == [.personalAccessToken])
        #expect(
            classic.credentials.map(\.hashedToken) == ["Zm9vYmFy"],
            "the audit log's hashed_token ties scanner hits to the token")
        #expect(classic.attributes["tokenScopes"] == "repo,workflow")
        let clone = try #require(activity("github:northwind:token:1234", "git.clone"))
        #expect(clone.readOnly && clone.count == 3)
        #expect(clone.actors.counts["github:northwind:user:alice"] == 3)
        #expect(clone.credentialIds.counts["1234"] == 3)
        #expect(
            clone.repositories.counts.keys.contains("northwind/payments"), "the repository each call concerned is kept")
        #expect(clone.userAgents.counts.keys.contains("Mozilla/5.0 (X11, Linux)"))
        #expect(clone.sourceIPs.counts == ["203.0.113.7": 1])
        #expect(clone.firstSeen == Date(timeIntervalSince1970: 1_759_399_200))
        let fine = try #require(identity("github:northwind:token:5678"))
        #expect(fine.credentials.map(\.kind) == [.fineGrainedToken])
        #expect(activity("github:northwind:token:5678", "environment.update_protection_rule")?.readOnly == false)
    }

    @Test func appsBotsOAuthAppsDeployKeysAndPeopleAreTold() throws {
        #expect(identity("github:northwind:app:release-bot")?.kind == .app)
        #expect(activity("github:northwind:app:release-bot", "deployment_protection_rule.create") != nil)
        #expect(identity("github:northwind:bot:github-actions[bot]")?.kind == .bot)
        #expect(activity("github:northwind:bot:github-actions[bot]", "git.fetch")?.readOnly == true)
        let oauth = try #require(identity("github:northwind:oauth-app:42"))
        #expect(oauth.kind == .oauthApp && oauth.credentials.map(\.kind) == [.oauthToken])
        #expect(identity("github:northwind:deploy-key:77")?.kind == .deployKey)
        let carol = try #require(identity("github:northwind:user:carol"))
        #expect(carol.isHuman && carol.kind == .user)
        // The first line names no organisation: it takes the one the file names next.
        #expect(activity("github:northwind:user:dave", "team.add_member") != nil)
    }

    @Test func environmentsComeFromTheRepository() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: Fixtures.own("github/audit-array.json"), to: folder.appendingPathComponent("audit.json"))
        try Data(
            "organisation: t\nenvironments:\n  - name: production\n    production: true\n    github: [\"northwind/payments\"]\n"
                .utf8
        )
        .write(to: folder.appendingPathComponent("scope.yaml"))
        let inventory = try CollectTestSupport.collect(folder)
        #expect(inventory.activity.count == 2)
        #expect(inventory.activity.allSatisfy { $0.environment == "production" && $0.account == "northwind" })
    }

    @Test func sniffingNeedsActionActorAndTime() {
        #expect(
            GitHubAuditLogReader.sniff(head: Data(#"{"action":"x","actor":"y","created_at":1}"#.utf8), fileName: "a"))
        #expect(GitHubAuditLogReader.sniff(head: Data("\"action\",actor,@timestamp\n".utf8), fileName: "a"))
        #expect(
            !GitHubAuditLogReader.sniff(head: Data(#"{"action":"x","actor":"y"}"#.utf8), fileName: "github-audit.json"))
        #expect(!GitHubAuditLogReader.sniff(head: Data("identity,platform,action,count\n".utf8), fileName: "a.csv"))
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func elasticSampleReadsWithNoRejections() throws {
        let inventory = try CollectTestSupport.collect(try #require(Fixtures.sharedFile("github-audit-log")))
        let entry = try #require(inventory.ledger.entries.first)
        #expect(inventory.ledger.failedFiles.isEmpty)
        #expect(entry.format == "github-audit-log" && entry.read == 100 && entry.accepted == 100 && entry.isBalanced)
        #expect(inventory.activity.allSatisfy { $0.account == "Example-Org" })
        #expect(inventory.identities.map(\.id.rawValue) == ["github:Example-Org:user:github-actor"])
        #expect(inventory.activity.first { $0.action == "protected_branch.rejected_ref_update" }?.count == 19)
    }
}

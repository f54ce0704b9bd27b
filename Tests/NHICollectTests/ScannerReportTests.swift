import Crypto
import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// SARIF, trufflehog 2 and trufflehog3, detect-secrets, Nosey Parker and GitHub secret-scanning
/// alerts: every record accounted for, no secret kept, empty reports read as zero records.
@Suite struct ScannerReportTests {
    let inventory: Inventory
    init() throws { inventory = try CollectTestSupport.collect(Fixtures.own("scanner-reports")) }

    /// Every secret value in the fixtures; key ids (AKIA…) are deliberately kept and are not listed.
    static let secrets = [
        "sarif-fixture-private-key", "trufflehog-v2-fixture-entropy-one", "trufflehog-v2-fixture-entropy-two",
        "noseyFixtureSecretKey000000000000000000", "nosey-fixture-password-016",
        "ghp_ghssFixtureTokenOpen0000000000000000",
    ]

    private func leaks(_ scanner: String) -> [LeakRecord] { inventory.leaks.filter { $0.scanner == scanner } }
    private func entry(_ file: String) throws -> LedgerEntry {
        try #require(CollectTestSupport.entry(inventory, file), "\(file) not in the ledger")
    }

    @Test func gitleaksSARIFResultsAreFingerprintedBySnippet() throws {
        let sarif = try entry("gitleaks.sarif")
        #expect(sarif.format == "sarif-secrets" && sarif.read == 3 && sarif.accepted == 2)
        #expect(
            CollectTestSupport.rejections(sarif) == [
                "result without a snippet or partialFingerprints to fingerprint": 1
            ])
        #expect(sarif.rejections.first?.locators == ["gitleaks.sarif /runs/0/results/2"])
        let aws = try #require(leaks("gitleaks").first { $0.detector == "aws-access-token" })
        #expect(aws.fingerprint == FileDigest.sha256(of: "AKIAQYLPMN5HSARIF001") && aws.fingerprintKind == .sha256)
        #expect(aws.credentialId == "AKIAQYLPMN5HSARIF001" && aws.file == "deploy/ci.env" && aws.line == 3)
        #expect(aws.commit == "7a1c9e0" && aws.date == ISO8601.parse("2026-09-14T08:00:00Z"))
        // ruleIndex names the rule when ruleId is absent.
        #expect(leaks("gitleaks").contains { $0.detector == "private-key" && $0.file == "keys/deploy.pem" })
    }

    @Test func sarifWithoutSnippetIsFingerprintedByItsPartialFingerprints() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = #"""
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "ggshield"}}, "results": [
              {"ruleId": "Slack Bot Token", "partialFingerprints": {"secretHash/v1": "abc", "commitSha": "f00"},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.py"}, "region": {"startLine": 2}}}]}]}]}
            """#
        try Data(log.utf8).write(to: folder.appendingPathComponent("ggshield.sarif"))
        let leak = try #require(try CollectTestSupport.collect(folder).leaks.first)
        #expect(leak.scanner == "ggshield" && leak.fingerprintKind == .finding && leak.commit == "f00")
        #expect(leak.fingerprint == FileDigest.sha256(of: "commitSha=f00\nsecretHash/v1=abc"))
    }

    @Test func trufflehogV2KeepsEveryStringFoundAsItsOwnLeak() throws {
        let v2 = try entry("trufflehog-v2.jsonl")
        #expect(v2.format == "trufflehog-v2" && v2.read == 3 && v2.accepted == 2)
        #expect(v2.rejections.first?.locators == ["trufflehog-v2.jsonl:3"])
        #expect(leaks("trufflehog").count == 3)
        let aws = try #require(leaks("trufflehog").first { $0.detector == "AWS API Key" })
        #expect(
            aws.credentialId == "AKIAQYLPMN5HTRUFV201" && aws.commit == "3f4e5d6c7b8a" && aws.file == "deploy/run.sh")
        #expect(aws.date == ISO8601.parse("2026-09-20T10:15:00Z"))
    }

    @Test func trufflehog3FindingsNeedASecret() throws {
        let t3 = try entry("trufflehog3.json")
        #expect(t3.format == "trufflehog3" && t3.read == 2 && t3.accepted == 1)
        #expect(CollectTestSupport.rejections(t3) == ["finding without secret to fingerprint": 1])
        #expect(t3.rejections.first?.locators == ["trufflehog3.json#1"])
        let hit = try #require(leaks("trufflehog3").first)
        #expect(hit.detector == "aws-access-key-id" && hit.line == 12 && hit.credentialId == "AKIAQYLPMN5HTRUF3001")
    }

    @Test func detectSecretsHashIsKeptAsTheSHA1ItIs() throws {
        let baseline = try entry("detect-secrets.json")
        #expect(baseline.format == "detect-secrets" && baseline.read == 3 && baseline.accepted == 2)
        #expect(baseline.rejections.first?.locators == ["detect-secrets.json /results/deploy~1settings.py/1"])
        let keyword = try #require(leaks("detect-secrets").first { $0.detector == "Secret Keyword" })
        #expect(keyword.fingerprint == "e5b6d8a3f1c2b4a6d8e0f1a2b3c4d5e6f7a8b9c0" && keyword.fingerprintKind == .sha1)
        #expect(keyword.file == "deploy/settings.py" && keyword.line == 14 && keyword.verified == false)
    }

    @Test func noseyParkerMatchesOfBothReportVersions() throws {
        let report = try entry("noseyparker.jsonl")
        #expect(report.format == "noseyparker" && report.read == 3 && report.accepted == 2)
        #expect(report.rejections.first?.locators == ["noseyparker.jsonl:3"])
        let aws = try #require(leaks("noseyparker").first { $0.detector == "AWS API Credentials" })
        #expect(aws.fingerprint == FileDigest.sha256(of: "AKIAQYLPMN5HNOSEY001"))
        #expect(aws.credentialId == "AKIAQYLPMN5HNOSEY001" && aws.file == "ops/aws.cfg" && aws.line == 25)
        #expect(aws.commit == "43d6429098e4d3acdf6938dfc159172c4dd99220")
        let password = try #require(leaks("noseyparker").first { $0.detector.hasPrefix("Generic Password") })
        #expect(password.fingerprint == FileDigest.sha256(of: "nosey-fixture-password-016"))
        #expect(password.file == "app/schema/config.py" && password.line == 142)
    }

    @Test func githubAlertsKeepStateResolutionAndValidity() throws {
        let alerts = try entry("secret-scanning-alerts.json")
        #expect(alerts.format == "github-secret-scanning" && alerts.read == 4 && alerts.accepted == 3)
        #expect(CollectTestSupport.rejections(alerts) == ["alert whose state is neither open nor resolved": 1])
        #expect(alerts.notes.contains("1 alert(s) whose secret was pushed past push protection"))
        let open = try #require(leaks("github-secret-scanning").first { $0.detector == "github_personal_access_token" })
        #expect(open.resolution == nil && open.verified == true && open.file == "northwind/payments")
        let token = "ghp_ghssFixtureTokenOpen0000000000000000"
        #expect(open.tokenHash == Data(SHA256.hash(data: Data(token.utf8))).base64EncodedString())
        let revoked = try #require(leaks("github-secret-scanning").first { $0.detector == "aws_access_key_id" })
        #expect(revoked.resolution == "revoked" && revoked.verified == false)
        let hidden = try #require(leaks("github-secret-scanning").first { $0.detector == "slack_api_token" })
        #expect(hidden.fingerprintKind == .finding && hidden.fingerprint == FileDigest.sha256(of: "northwind/ops#4"))
        #expect(hidden.resolution == "wont_fix")
    }

    @Test func emptyReportsAreZeroRecordsThatCountAsAScan() throws {
        for file in [
            "gitleaks-empty.json", "trufflehog-empty.json", "noseyparker-empty.json", "detect-secrets-empty.json",
            "gitleaks-empty.sarif",
        ] {
            let empty = try entry(file)
            #expect(empty.status == .ok && empty.read == 0 && empty.isBalanced, "\(file)")
            #expect(empty.notes == ["the scanner reported no findings"], "\(file): \(empty.notes)")
            let contribution = inventory.evidenceCoverage.files.first { $0.file == file }
            #expect(contribution?.contributed == true, "\(file)")
        }
        #expect(inventory.ledger.entries.first { $0.file == "gitleaks-empty.json" }?.format == "gitleaks")
    }

    @Test func unclaimedFilesSayWhatTheyLookLike() {
        let reasons = Dictionary(uniqueKeysWithValues: inventory.ledger.skipped.map { ($0.file, $0.reason) })
        #expect(reasons["codeql.sarif"] == "SARIF from CodeQL, not a secret scanner")
        #expect(reasons["report.json"]?.hasPrefix("an empty JSON document") == true)
        #expect(reasons.count == 2)
    }

    @Test func noSecretValueReachesTheInventory() throws {
        let json = try CollectTestSupport.json(inventory)
        for secret in Self.secrets { #expect(!json.contains(secret), "secret \(secret) leaked") }
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func upstreamGitleaksSARIFIsRead() throws {
        let folder = try CollectTestSupport.stage([
            ("secret-scanners/gitleaks-upstream/sarif_simple.sarif", "gitleaks.sarif")
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let inventory = try CollectTestSupport.collect(folder)
        let sarif = try #require(CollectTestSupport.entry(inventory, "gitleaks.sarif"))
        #expect(sarif.format == "sarif-secrets" && sarif.read == 1 && sarif.accepted == 1)
        let leak = try #require(inventory.leaks.first)
        #expect(leak.detector == "test-rule" && leak.file == "auth.py" && leak.line == 1)
        #expect(leak.fingerprint == FileDigest.sha256(of: "a secret") && leak.commit == "0000000000000000")
    }
}

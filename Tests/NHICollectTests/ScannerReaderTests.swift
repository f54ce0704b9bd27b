import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct ScannerReaderTests {
    let inventory: Inventory
    init() throws { inventory = try CollectTestSupport.collect(Fixtures.own("scanners")) }

    /// Every secret value in the fixtures; key ids (AKIA…) are deliberately kept and are not listed.
    static let secrets = [
        "ghp_fixtureFIXTUREfixtureFIXTURE0123456", "fixture-generic-api-key-value", "fixture-v7-offender-secret",
        "github_pat_fixtureFIXTURE0123456789abcdef", "fixtureAwsSecretKey0000000000000000000000",
        "fixture-uri-password", "aHR0cHM6Ly9hZG1pbjpmaXh0dXJlLXVyaS1wYXNzd29yZEBleGFtcGxlLmNvbS9iYXNpYw==",
        "aws_access_key_id = ", "export AWS_SECRET",
    ]

    private func leaks(_ scanner: String) -> [LeakRecord] { inventory.leaks.filter { $0.scanner == scanner } }

    @Test func gitleaksV8AndV7FindingsBecomeLeakRecords() throws {
        let v8 = try #require(CollectTestSupport.entry(inventory, "gitleaks-v8.json"))
        #expect(v8.format == "gitleaks" && v8.read == 4 && v8.accepted == 3)
        #expect(CollectTestSupport.rejections(v8) == ["finding without Secret or Match to fingerprint": 1])
        #expect(v8.rejections.first?.locators == ["gitleaks-v8.json#3"])
        #expect(v8.notes == ["1 finding(s) with a Date that is not ISO 8601: kept without a date"])
        let aws = try #require(leaks("gitleaks").first { $0.detector == "aws-access-token" })
        #expect(aws.credentialId == "AKIAQYLPMN5HFIXTURE1")
        #expect(aws.fingerprint == FileDigest.sha256(of: "AKIAQYLPMN5HFIXTURE1"))
        #expect(aws.file == "deploy/config.env" && aws.line == 12 && aws.commit == "1b2c3d4e5f")
        #expect(aws.date == ISO8601.parse("2026-09-30T12:00:00Z"))
        #expect(leaks("gitleaks").first { $0.detector == "github-pat" }?.credentialId == "ghp_")
        #expect(leaks("gitleaks").first { $0.detector == "generic-api-key" }?.credentialId == nil)
        let v7 = try #require(leaks("gitleaks").first { $0.detector == "AWS Secret Key" })
        #expect(
            v7.line == 4 && v7.file == "scripts/env.sh"
                && v7.fingerprint == FileDigest.sha256(of: "fixture-v7-offender-secret"))
        #expect(v7.date == ISO8601.parse("2021-01-02T08:04:05Z"))
    }

    @Test func gitleaksCSVWithQuotedFieldsAndCRLF() throws {
        let csv = try #require(CollectTestSupport.entry(inventory, "gitleaks.csv"))
        #expect(csv.read == 2 && csv.accepted == 1 && csv.rejections.first?.locators == ["gitleaks.csv:4"])
        let hit = try #require(leaks("gitleaks").first { $0.detector == "github-fine-grained-pat" })
        #expect(hit.file == "src/a,b.py" && hit.credentialId == "github_pat_")
    }

    @Test func trufflehogResultsKeepVerificationAndKeyIds() throws {
        let entry = try #require(CollectTestSupport.entry(inventory, "trufflehog.jsonl"))
        #expect(entry.format == "trufflehog" && entry.read == 3 && entry.accepted == 2)
        #expect(CollectTestSupport.rejections(entry) == ["result without Raw or RawV2 to fingerprint": 1])
        let aws = try #require(leaks("trufflehog").first { $0.detector == "AWS" })
        #expect(aws.verified == true && aws.credentialId == "AKIAQYLPMN5HFIXTURE2" && aws.line == 4)
        #expect(aws.date == ISO8601.parse("2026-09-27T17:17:40Z"))
        let uri = try #require(leaks("trufflehog").first { $0.detector == "URI" })
        #expect(uri.fingerprint == FileDigest.sha256(of: "https://admin:fixture-uri-password@example.com/basic"))
        #expect(uri.file == "/src/creds.json" && uri.verified == false)
    }

    @Test func noSecretValueReachesTheInventory() throws {
        let json = try CollectTestSupport.json(inventory)
        #expect(inventory.leaks.count == 7)
        for secret in Self.secrets { #expect(!json.contains(secret), "secret \(secret) leaked") }
    }

    /// GitHub's audit log names a token by `hashed_token`, base64 of its SHA-256; the reader keeps
    /// that hash (and no token), whether the token is the whole `Secret` or inside a `Match`.
    @Test func githubTokensKeepTheAuditLogsHashOnly() throws {
        let classic = try #require(leaks("gitleaks").first { $0.detector == "github-pat" })
        #expect(classic.tokenHash == "zvnfmprxkTP0J7lX7zRFpaI+UxMbIFv14sczNknFe2w=")
        let fineGrained = try #require(leaks("gitleaks").first { $0.detector == "github-fine-grained-pat" })
        #expect(fineGrained.tokenHash == "VZomCkZ/oTm+DvMu0k419kXHdA+P3eo/yckbFI2yhGs=")
        #expect(leaks("gitleaks").first { $0.detector == "aws-access-token" }?.tokenHash == nil)
        #expect(leaks("gitleaks").first { $0.detector == "generic-api-key" }?.tokenHash == nil)
    }

    @Test func sniffingTellsScannersApart() {
        #expect(GitleaksReader.sniff(head: Data(#"[{"RuleID":"x"}]"#.utf8), fileName: "a"))
        #expect(GitleaksReader.sniff(head: Data(#"[{"rule":"x","offender":"y"}]"#.utf8), fileName: "a"))
        #expect(
            !GitleaksReader.sniff(
                head: Data(#"{"runs":[{"results":[{"ruleId":"x"}]}]}"#.utf8), fileName: "gitleaks.sarif"))
        #expect(TrufflehogReader.sniff(head: Data(#"{"SourceMetadata":{},"DetectorName":"AWS"}"#.utf8), fileName: "a"))
        #expect(!TrufflehogReader.sniff(head: Data(#"[{"RuleID":"x"}]"#.utf8), fileName: "trufflehog.json"))
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func upstreamReportsReadWithoutSecrets() throws {
        let folder = try #require(Fixtures.sharedFile("secret-scanners"))
        let inventory = try CollectTestSupport.collect(folder)
        #expect(inventory.ledger.failedFiles.isEmpty)
        #expect(inventory.ledger.skipped.isEmpty)
        #expect(inventory.ledger.entries.allSatisfy { $0.isBalanced && $0.rejected == 0 })
        // The JSON, CSV and SARIF reports of gitleaks' own test data.
        #expect(inventory.leaks.filter { $0.scanner == "gitleaks" }.count == 3)
        let truffle = inventory.leaks.filter { $0.scanner == "trufflehog" }
        #expect(truffle.map(\.detector).sorted() == ["AWS", "PrivateKey", "URI", "URI"])
        #expect(
            truffle.contains {
                $0.detector == "AWS" && $0.credentialId == "AKIAYVP4CIPPERUVIFXG" && $0.verified == true
            })
        let json = try CollectTestSupport.json(inventory)
        for secret in [
            "a secret", "line containing secret", "admin:admin@", "QUtJQVlWUDRDSVBQRVJVVklGWEc=",
            "BEGIN OPENSSH PRIVATE KEY",
        ] {
            #expect(!json.contains(secret), "secret \(secret) leaked")
        }
    }
}

import Foundation
import NHICollect
import NHIDetect
import NHIModel
import Testing
import TestSupport

/// leaked-active-secret on what each scanner format yields, read from the fixtures: a hit on an
/// active key is critical, one on no known credential still a finding, and an alert resolved as
/// revoked none.
@Suite struct ScannerLeakFindingsTests {
    let findings: [Finding]

    init() throws {
        let leaks = try Collector().collect(folder: Fixtures.own("scanner-reports")).leaks
        let inventory = ExampleKit.inventory(
            identities: [
                ExampleKit.user(
                    "deploy",
                    credentials: [
                        ExampleKit.accessKey("AKIAQYLPMN5HNOSEY001", created: "2026-01-01"),
                        ExampleKit.accessKey("AKIAQYLPMN5HGHSS0003", created: "2026-01-01"),
                    ])
            ], leaks: leaks)
        findings = LeakedActiveSecretRule().evaluate(RuleExample("scanner reports", inventory).context)
    }

    private func from(_ scanner: String) -> [Finding] { findings.filter { $0.details["scanner"] == scanner } }

    @Test func everyFormatsHitsBecomeFindings() {
        #expect(from("gitleaks").count == 2)
        #expect(from("trufflehog").count == 3)
        #expect(from("trufflehog3").count == 1)
        #expect(from("detect-secrets").count == 2)
        #expect(from("noseyparker").count == 2)
        #expect(from("github-secret-scanning").count == 2)
    }

    @Test func aHitOnAnActiveKeyIsCritical() throws {
        let hit = try #require(from("noseyparker").first { $0.details["credential"] == "AKIAQYLPMN5HNOSEY001" })
        #expect(hit.severity == .critical && hit.subject == ExampleKit.userID("deploy").rawValue)
        #expect(from("trufflehog3").first?.severity == .high)
        #expect(from("detect-secrets").allSatisfy { $0.severity == .medium })
    }

    @Test func resolvedAlertsCountByTheirResolution() throws {
        #expect(!findings.contains { $0.details["credential"] == "AKIAQYLPMN5HGHSS0003" })
        let wontFix = try #require(from("github-secret-scanning").first { $0.details["detector"] == "slack_api_token" })
        #expect(wontFix.details["scanner_resolution"] == "wont_fix")
    }
}

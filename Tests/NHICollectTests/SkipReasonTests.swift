import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// A file no reader claims is skipped with what it looks like, so that a GCP log, a code scanner's
/// SARIF and a Kubernetes audit policy can be told apart in the ledger.
@Suite struct SkipReasonTests {
    static let files: [(name: String, content: String, reason: String)] = [
        (
            "audit-policy.yaml", "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n",
            "looks like a Kubernetes audit Policy, not events"
        ),
        (
            "assets.json",
            #"{"name": "//iam.googleapis.com/projects/p/serviceAccounts/a", "assetType": "iam.googleapis.com/ServiceAccount"}"#,
            "looks like a GCP Cloud Asset Inventory export"
        ),
        (
            "signins.json", #"[{"servicePrincipalId": "1", "appId": "2", "createdDateTime": "2026-10-01T00:00:00Z"}]"#,
            "looks like Microsoft Entra sign-in logs"
        ),
        (
            "deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
            "looks like Kubernetes Deployment objects, not RBAC, ServiceAccounts or audit events"
        ),
        (
            "semgrep.sarif",
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Semgrep OSS"}}, "results": []}]}"#,
            "SARIF from Semgrep OSS, not a secret scanner"
        ),
        ("anonymous.sarif", #"{"version": "2.1.0", "runs": []}"#, "SARIF from an unknown tool"),
        ("blank.txt", "", "empty file"),
        ("notes.txt", "quarterly notes\n", "no reader recognises its content"),
    ]

    @Test func eachShapeGetsItsOwnReason() throws {
        let folder = try Fixtures.temporaryFolder("nhi-skip")
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in Self.files { try Data(file.content.utf8).write(to: folder.appendingPathComponent(file.name)) }
        let skipped = try CollectTestSupport.collect(folder).ledger.skipped
        let reasons = Dictionary(uniqueKeysWithValues: skipped.map { ($0.file, $0.reason) })
        for file in Self.files { #expect(reasons[file.name] == file.reason, "\(file.name)") }
        #expect(skipped.count == Self.files.count)
    }

    /// A shape the table names only says "looks like" while no reader takes the file: a GCP audit
    /// log entry is read, not skipped.
    @Test func aFileAReaderTakesIsReadNotSkipped() throws {
        let folder = try Fixtures.temporaryFolder("nhi-skip-read")
        defer { try? FileManager.default.removeItem(at: folder) }
        let entry =
            #"{"protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "methodName": "x"}, "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity"}"#
        try Data(entry.utf8).write(to: folder.appendingPathComponent("gcp-audit.json"))
        let ledger = try CollectTestSupport.collect(folder).ledger
        #expect(ledger.skipped.isEmpty)
        #expect(ledger.entries.map(\.format) == ["gcp-audit-log"])
    }
}

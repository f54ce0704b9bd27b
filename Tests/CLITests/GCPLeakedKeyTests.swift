import Foundation
import NHICollect
import NHIDetect
import NHIModel
import Testing
import TestSupport

/// A leaked GCP service account key is tied to the key the `gcloud` listing names: by the
/// `private_key_id` of a key file a scanner found, or by the key id GitHub secret scanning reports
/// as `google_cloud_private_key_id`.
@Suite struct GCPLeakedKeyTests {
    static let key = "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12"
    static let serviceAccount = IdentityID(
        "gcp:northwind-staging:serviceaccount:ci@northwind-staging.iam.gserviceaccount.com")

    static let gitleaks = """
        [{"RuleID": "gcp-service-account", "Description": "GCP service account key file",
          "StartLine": 2, "EndLine": 4, "StartColumn": 1, "EndColumn": 60,
          "Match": "{\\"type\\": \\"service_account\\", \\"project_id\\": \\"northwind-staging\\", \\"private_key_id\\": \\"\(key.uppercased())\\"",
          "Secret": "\\"type\\": \\"service_account\\"", "File": "deploy/sa.json", "SymlinkFile": "",
          "Commit": "9a8b7c", "Entropy": 3.1, "Author": "Dev", "Email": "dev@example.com",
          "Date": "2026-11-30T12:00:00Z", "Message": "add key", "Tags": [],
          "Fingerprint": "9a8b7c:deploy/sa.json:gcp-service-account:2"}]
        """

    static let alerts = """
        [{"number": 7, "created_at": "2026-12-01T08:00:00Z", "state": "open", "resolution": null,
          "secret_type": "google_cloud_private_key_id",
          "secret_type_display_name": "Google Cloud Private Key ID", "secret": "\(key)",
          "repository": {"full_name": "northwind/data-jobs"}, "validity": "unknown"}]
        """

    func findings(gitleaks: String?, alerts: String?) throws -> [Finding] {
        let folder = try Fixtures.temporaryFolder("nhi-gcp-leak")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: Fixtures.own("gcp/keys.json"), to: folder.appendingPathComponent("keys.json"))
        if let gitleaks { try Data(gitleaks.utf8).write(to: folder.appendingPathComponent("gitleaks.json")) }
        if let alerts { try Data(alerts.utf8).write(to: folder.appendingPathComponent("secret-scanning-alerts.json")) }
        let inventory = try Collector().collect(folder: folder)
        return LeakedActiveSecretRule().evaluate(RuleExample("GCP key leaks", inventory).context)
    }

    @Test func aLeakedKeyFileIsTiedToItsKeyByPrivateKeyID() throws {
        let found = try findings(gitleaks: Self.gitleaks, alerts: nil)
        #expect(found.count == 1)
        #expect(found.first?.subject == Self.serviceAccount.rawValue)
        #expect(found.first?.severity == .critical)
        #expect(found.first?.details["credential"] == Self.key)
    }

    @Test func aSecretScanningAlertOfAKeyIDIsTiedToItsKey() throws {
        let found = try findings(gitleaks: nil, alerts: Self.alerts)
        #expect(found.map(\.subject) == [Self.serviceAccount.rawValue])
        #expect(found.first?.severity == .critical)
    }

    @Test func aKeyIDThatNoListingNamesHasNoOwner() throws {
        let other = Self.alerts.replacingOccurrences(of: Self.key, with: String(repeating: "0", count: 40))
        let found = try findings(gitleaks: nil, alerts: other)
        #expect(found.count == 1)
        #expect(found.first?.subject != Self.serviceAccount.rawValue)
        #expect(found.first?.severity != .critical)
    }
}

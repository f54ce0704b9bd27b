import Foundation
import Testing
import TestSupport

/// Root access keys and password-plus-key users, on real credential reports (../shared/fixtures).
@Suite struct RootAndConsoleUserTests {
    struct Report: Decodable {
        struct Item: Decodable { var rule: String; var severity: String; var subject: String }
        var findings: [Item]
    }

    func findings(_ relative: String) throws -> [Report.Item]? {
        guard let source = Fixtures.sharedFile(relative), FileManager.default.fileExists(atPath: source.path) else {
            print("skipped: \(Fixtures.sharedMissingMessage)"); return nil
        }
        let folder = try Fixtures.temporaryFolder()
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(source.lastPathComponent))
        let result = try CLIRunner.run([
            "findings", folder.path, "--format", "json",
            "--mappings", Fixtures.packageRoot.appendingPathComponent("mappings").path,
        ])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        return try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8)).findings
    }

    @Test func rootWithAnActiveKeyIsCritical() throws {
        guard let findings = try findings("aws-iam-credential-report/iam-get-credential-report.json") else { return }
        let root = findings.filter { $0.rule == "root-account-use" }
        #expect(root.map(\.subject) == ["arn:aws:iam::123456789012:root"])
        #expect(root.allSatisfy { $0.severity == "critical" })
        // The console user with a key and no MFA; the key-only auditor is not one.
        #expect(
            findings.filter { $0.rule == "console-user-with-access-keys" }.map(\.subject) == [
                "arn:aws:iam::123456789012:user/user"
            ])
    }

    @Test func rootWithoutKeysIsNotReportedButThePasswordAndKeyUserIs() throws {
        guard let findings = try findings("aws-iam-credential-report/credential_report.csv") else { return }
        #expect(findings.filter { $0.rule == "root-account-use" }.isEmpty)
        let console = findings.filter { $0.rule == "console-user-with-access-keys" }.map(\.subject)
        #expect(console.count == 1 && console.first?.hasSuffix(":user/jake") == true, "\(console)")
    }
}

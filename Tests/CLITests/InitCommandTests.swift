import Foundation
import Testing
import TestSupport

/// `nhi-audit init`: a new evidence folder that `validate` accepts, whose collect.sh holds the
/// export commands of docs/formats for exactly the named platforms, and that never overwrites.
@Suite struct InitCommandTests {
    static let arguments = [
        "--organisation", "Acme \"Freight\" Ltd", "--aws", "111122223333", "444455556666",
        "--kubernetes", "prod-eu-1", "--github", "acme/payments", "acme/infra", "--gcp", "acme-data-prod",
        "--entra", "6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B",
    ]
    static let tenant = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"

    static func initialise(_ extra: [String] = arguments) throws -> (folder: URL, result: CLIRunner.Result) {
        let folder = try Fixtures.temporaryFolder("nhi-init").appendingPathComponent("evidence")
        return (folder, try CLIRunner.run(["init", folder.path] + extra))
    }

    static func read(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func writesAFolderThatValidates() throws {
        let (folder, result) = try Self.initialise()
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["changes.csv", "collect.sh", "incidents.csv", "owners.csv", "scope.yaml"])
        #expect(try Self.read(folder, "owners.csv") == "identity,owner,team,purpose,environment,approved_until,kind\n")
        let validated = try CLIRunner.run(["validate", folder.path])
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.contains("evidence: 3 files read (0 failed"), "\(validated.stdout)")

        let scope = try Self.read(folder, "scope.yaml")
        #expect(scope.contains(#"organisation: "Acme \"Freight\" Ltd""#))
        #expect(scope.contains(#"aws_accounts: ["111122223333", "444455556666"]"#))
        #expect(scope.contains(#"kubernetes: ["prod-eu-1"]"#))
        #expect(scope.contains(#"github: ["acme/payments", "acme/infra"]"#))
        #expect(scope.contains(#"gcp_projects: ["acme-data-prod"]"#))
        #expect(scope.contains("entra_tenants: [\"\(Self.tenant)\"]"), "tenant ids are compared lower-cased")
        #expect(scope.contains("  - path: gcp/acme-data-prod/**\n    account: \"acme-data-prod\""))
        #expect(scope.contains("  - path: entra/\(Self.tenant)/**\n    account: \"\(Self.tenant)\""))
        #expect(
            scope.contains("  - path: aws/444455556666/**\n    account: \"444455556666\"\n    environment: production"))
        // The folder reads as Northwind's scope does: the organisation and environment come through.
        let inventory = try CLIRunner.run(["inventory", folder.path, "--format", "json"])
        #expect(inventory.status == 0, "\(inventory.stderr)")
    }

    @Test func collectScriptHoldsTheDocumentedCommandsForEachPlatform() throws {
        let (folder, result) = try Self.initialise()
        #expect(result.status == 0, "\(result.stderr)")
        let script = try Self.read(folder, "collect.sh")
        let attributes = try FileManager.default.attributesOfItem(
            atPath: folder.appendingPathComponent("collect.sh").path)
        #expect(((attributes[.posixPermissions] as? Int) ?? 0) & 0o100 != 0, "collect.sh is executable")
        for account in ["111122223333", "444455556666"] {
            #expect(
                script.contains(
                    "aws iam get-credential-report --query Content --output text | base64 -d > aws/\(account)/credential-report.csv"
                ))
            #expect(
                script.contains(
                    "aws iam get-account-authorization-details --output json > aws/\(account)/authorization-details.json"
                ))
            #expect(
                script.contains(
                    "aws s3 sync \"s3://$TRAIL_BUCKET/AWSLogs/\(account)/CloudTrail/\" aws/\(account)/cloudtrail/"))
        }
        #expect(
            script.contains(
                "kubectl --context prod-eu-1 get serviceaccounts,roles,rolebindings,clusterroles,clusterrolebindings,pods \\\n  --all-namespaces -o json > k8s/prod-eu-1/rbac.json"
            ))
        #expect(script.contains("jq 'del(.items[].data)' > k8s/prod-eu-1/sa-tokens.json"))
        #expect(
            script.contains(
                "gh api --paginate \"/orgs/acme/audit-log?include=all&per_page=100&phrase=created:>=$PERIOD_START\""))
        #expect(
            script.components(separatedBy: "/orgs/acme/audit-log").count == 2, "one audit-log export per organisation")
        for repo in ["payments", "infra"] {
            #expect(
                script.contains("gitleaks git --report-format json --report-path scanners/gitleaks-acme-\(repo).json"))
            #expect(
                script.contains(
                    "trufflehog git \"https://github.com/acme/\(repo)\" --json > scanners/trufflehog-acme-\(repo).jsonl"
                ))
        }
        #expect(
            script.contains(
                "gcloud iam service-accounts list --project=acme-data-prod --format=json > gcp/acme-data-prod/service-accounts.json"
            ))
        #expect(
            script.contains(
                "gcloud projects get-iam-policy acme-data-prod --format=json > gcp/acme-data-prod/iam-policy.json"))
        #expect(script.contains("--project=acme-data-prod --format=json > gcp/acme-data-prod/audit-log.json"))
        #expect(script.contains("az ad app list --all > entra/\(Self.tenant)/applications.json"))
        #expect(script.contains("> entra/\(Self.tenant)/service-principals.json"))
        #expect(script.contains("> entra/\(Self.tenant)/sign-ins.json"))
        #expect(!script.contains("Acme"), "the free-text organisation name never reaches the script")
        let syntax = Process()
        syntax.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        syntax.arguments = ["bash", "-n", folder.appendingPathComponent("collect.sh").path]
        try syntax.run()
        syntax.waitUntilExit()
        #expect(syntax.terminationStatus == 0, "collect.sh is valid bash")
    }

    @Test func refusesToOverwriteAndWritesNothing() throws {
        let (folder, first) = try Self.initialise()
        #expect(first.status == 0)
        try Data("identity,owner\narn:aws:iam::111122223333:role/x,me\n".utf8).write(
            to: folder.appendingPathComponent("owners.csv"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("collect.sh"))
        let again = try CLIRunner.run(["init", folder.path] + Self.arguments)
        #expect(again.status == 2)
        #expect(again.stderr.split(separator: "\n").count == 1, "\(again.stderr)")
        #expect(again.stderr.contains("already exists"))
        #expect(try Self.read(folder, "owners.csv").contains("role/x,me"), "the user's file is untouched")
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("collect.sh").path), "nothing written"
        )
    }

    @Test(arguments: [
        ["--aws", "1234"], ["--aws", "$(touch pwned)"], ["--kubernetes", "prod;rm -rf ~"],
        ["--github", "acme"], ["--github", "acme/../x y"], ["--organisation", "two\nlines"],
        ["--gcp", "data;rm -rf ~"], ["--gcp", "Data-Prod"], ["--entra", "not-a-tenant"],
        ["--entra", "$(id)-4d5e-4f60-8a7b-9c0d1e2f3a4b"],
    ])
    func rejectsValuesThatCouldBreakTheScriptOrTheYAML(_ bad: [String]) throws {
        let (folder, result) = try Self.initialise(bad)
        #expect(result.status == 2, "\(bad)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path), "nothing written for \(bad)")
    }
}

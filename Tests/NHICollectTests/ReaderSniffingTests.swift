import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// Each file is claimed by exactly one of the Kubernetes, GitHub, GCP, scanner, record and canonical
/// readers, or by none of them.
@Suite struct ReaderSniffingTests {
    static let readers: [any EvidenceReader.Type] = [
        KubernetesAuditReader.self, KubernetesRBACReader.self, GitHubAuditLogReader.self, SARIFReader.self,
        GitleaksReader.self, Trufflehog3Reader.self, TrufflehogReader.self, TrufflehogV2Reader.self,
        DetectSecretsReader.self, NoseyParkerReader.self, GitHubSecretScanningReader.self, OwnersReader.self,
        ChangesReader.self, IncidentsReader.self,
        CanonicalIdentitiesReader.self, CanonicalActivityReader.self,
        GCPAssetResourcesReader.self, GCPAssetPoliciesReader.self, GCPServiceAccountsReader.self,
        GCPServiceAccountKeysReader.self, GCPIAMPolicyReader.self, GCPAuditLogReader.self,
        EntraDirectoryReader.self, EntraSignInReader.self,
    ]

    private func claims(_ url: URL) throws -> [String] {
        let head = try FileHead.read(url)
        return Self.readers.filter { $0.sniff(head: head, fileName: url.lastPathComponent) }.map { $0.format }
    }

    private func files(under root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        var result: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            result.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
        }
        return result.sorted()
    }

    /// The format each file must be claimed by, by path prefix; nil = claimed by none of ours.
    static func expectedShared(_ path: String) -> String? {
        if path.hasPrefix("k8s-rbac/") {
            return path.hasSuffix("nodes.json") || path.contains("endpointslices") ? nil : "kubernetes-rbac"
        }
        if path.hasPrefix("k8s-audit/") { return path.hasSuffix(".yaml") ? nil : "kubernetes-audit" }
        if path.hasPrefix("github-audit-log/") { return "github-audit-log" }
        if path.hasPrefix("secret-scanners/trufflehog/") { return "trufflehog" }
        if path.hasPrefix("secret-scanners/") { return path.hasSuffix(".sarif") ? "sarif-secrets" : "gitleaks" }
        return nil
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func sharedFixturesAreClaimedByTheRightReaderOnly() throws {
        let root = try #require(Fixtures.shared)
        let all = files(under: root)
        #expect(all.count > 50)
        for path in all {
            let claimed = try claims(root.appendingPathComponent(path))
            let expected = Self.expectedShared(path)
            #expect(claimed == (expected.map { [$0] } ?? []), "\(path) claimed by \(claimed)")
        }
    }

    @Test func ownFixturesAreClaimedByTheRightReaderOnly() throws {
        let expected: [String: String] = [
            "kubernetes/rbac/prod-eu-1/mixed.yaml": "kubernetes-rbac",
            "kubernetes/rbac/prod-eu-1/list.json": "kubernetes-rbac",
            "kubernetes/rbac/prod-eu-1/single-rolebinding.json": "kubernetes-rbac",
            "kubernetes/rbac/staging-eu-1/list.yaml": "kubernetes-rbac",
            "kubernetes/audit/prod-eu-1/audit.log": "kubernetes-audit",
            "kubernetes/audit/prod-eu-1/array.json": "kubernetes-audit",
            "kubernetes/audit/prod-eu-1/single.json": "kubernetes-audit",
            "kubernetes/audit/prod-eu-1/eventlist.json": "kubernetes-audit",
            "kubernetes/audit-gzip/prod-eu-1/audit.log.gz": "kubernetes-audit",
            "github/audit.jsonl": "github-audit-log", "github/audit-array.json": "github-audit-log",
            "github/audit.csv": "github-audit-log", "github/orgless.jsonl": "github-audit-log",
            "scanners/gitleaks-v8.json": "gitleaks", "scanners/gitleaks-v7.json": "gitleaks",
            "scanners/gitleaks.csv": "gitleaks",
            "scanners/trufflehog.jsonl": "trufflehog",
            "scanner-reports/gitleaks.sarif": "sarif-secrets", "scanner-reports/gitleaks-empty.sarif": "sarif-secrets",
            "scanner-reports/gitleaks-empty.json": "gitleaks", "scanner-reports/trufflehog3.json": "trufflehog3",
            "scanner-reports/trufflehog-empty.json": "trufflehog",
            "scanner-reports/trufflehog-v2.jsonl": "trufflehog-v2",
            "scanner-reports/detect-secrets.json": "detect-secrets",
            "scanner-reports/detect-secrets-empty.json": "detect-secrets",
            "scanner-reports/noseyparker.jsonl": "noseyparker", "scanner-reports/noseyparker-empty.json": "noseyparker",
            "scanner-reports/secret-scanning-alerts.json": "github-secret-scanning",
            "records/owners.csv": "owners", "records/changes.csv": "changes", "records/changes.json": "changes",
            "records/incidents.csv": "incidents", "records/incidents.json": "incidents",
            "records/identities.csv": "canonical-identities", "records/identities.json": "canonical-identities",
            "records/activity.csv": "canonical-activity",
            "gcp/asset-resources.jsonl": "gcp-asset-resources", "gcp/asset-iam-policy.json": "gcp-asset-iam-policies",
            "gcp/service-accounts.json": "gcp-service-accounts", "gcp/keys.json": "gcp-service-account-keys",
            "gcp/staging/iam-policy.json": "gcp-iam-policy", "gcp/unnamed/iam-policy.json": "gcp-iam-policy",
            "gcp/audit.jsonl": "gcp-audit-log", "gcp/audit-array.json": "gcp-audit-log",
            "entra/service-principals.json": "entra-directory", "entra/applications.json": "entra-directory",
            "entra/role-assignments.json": "entra-directory",
            "entra/la-service-principal-sign-ins.json": "entra-sign-ins",
            "entra/la-managed-identity-sign-ins.json": "entra-sign-ins",
            "entra/graph-sign-ins.json": "entra-sign-ins", "entra/diagnostic-sign-ins.jsonl": "entra-sign-ins",
        ]
        var seen = 0
        let unclaimed: Set<String> = ["scanner-reports/codeql.sarif", "scanner-reports/report.json"]
        for area in ["kubernetes", "github", "scanners", "scanner-reports", "records", "gcp", "entra"] {
            for path in files(under: Fixtures.own(area)).map({ "\(area)/\($0)" }) where !path.hasSuffix("scope.yaml") {
                seen += 1
                let claimed = try claims(Fixtures.own(path))
                #expect(
                    claimed == (unclaimed.contains(path) ? [] : [expected[path] ?? "?"]),
                    "\(path) claimed by \(claimed)")
            }
        }
        #expect(seen == expected.count + unclaimed.count)
    }
}

import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// Whole-file failures name the file and position; odd but valid shapes are read.
@Suite struct CollectFileErrorTests {
    private func collect(_ files: [String: String]) throws -> Inventory {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return try CollectTestSupport.collect(folder)
    }

    @Test func brokenYAMLNamesLineAndColumn() {
        #expect {
            try collect(["c1/rbac.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: [unclosed\n"])
        } throws: { error in
            let text = (error as? CollectError)?.description ?? ""
            return text.hasPrefix("c1/rbac.yaml:") && text.contains("invalid YAML")
        }
    }

    @Test func brokenJSONArrayOfAuditEventsNamesTheLine() {
        #expect {
            try collect(["audit.json": "[\n{\"auditID\":\"a\",\"verb\":\"get\"},\n{\"auditID\":\"b\",\n"])
        } throws: { error in
            (error as? CollectError)?.description
                == "audit.json:3:1: unexpected end of file inside a record (a string, '}' or ']' is never closed)"
        }
    }

    @Test func jsonArrayOfKubernetesObjectsIsRead() throws {
        let inventory = try collect([
            "c2/objects.json":
                #"[{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"a","namespace":"n"}}, {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"namespace":"n"}}]"#
        ])
        #expect(inventory.identities.map(\.id.rawValue) == ["k8s:c2:serviceaccount:n:a"])
        #expect(inventory.ledger.entries.first?.rejections.first?.locators == ["c2/objects.json#1 /1"])
    }

    @Test func enterpriseEntriesWithoutOrganisationUseTheBusiness() throws {
        let inventory = try collect([
            "enterprise.jsonl":
                #"{"action":"business.add_admin","actor":"root-admin","business":"northwind-ent","@timestamp":1759395600000}"#
        ])
        #expect(inventory.activity.first?.account == "northwind-ent")
        #expect(inventory.identities.first?.id.rawValue == "github:northwind-ent:user:root-admin")
    }

    @Test func everyNonAWSFormatIsRegisteredOnce() {
        let formats = ReaderRegistry.all.map { $0.format }
        for format in [
            "kubernetes-rbac", "kubernetes-audit", "github-audit-log", "gitleaks", "trufflehog", "trufflehog-v2",
            "trufflehog3", "sarif-secrets", "detect-secrets", "noseyparker", "github-secret-scanning", "owners",
            "changes", "incidents", "canonical-identities", "canonical-activity",
            "gcp-asset-resources", "gcp-asset-iam-policies", "gcp-service-accounts", "gcp-service-account-keys",
            "gcp-iam-policy", "gcp-audit-log",
            "entra-directory", "entra-sign-ins",
        ] {
            #expect(formats.filter { $0 == format }.count == 1, "\(format)")
        }
    }
}

@Suite struct KubernetesJSONErrorTests {
    @Test func brokenKubernetesJSONNamesTheFileAndPosition() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("c3"), withIntermediateDirectories: true)
        try Data(
            "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n{\"apiVersion\": \"v1\", \"kind\": \"Pod\",,}\n]}"
                .utf8
        )
        .write(to: folder.appendingPathComponent("c3/pods.json"))
        #expect { try CollectTestSupport.collect(folder) } throws: { error in
            (error as? CollectError)?.description
                == "c3/pods.json:2:36: not JSON: unexpected ',', expected an object key in quotes"
        }
    }
}

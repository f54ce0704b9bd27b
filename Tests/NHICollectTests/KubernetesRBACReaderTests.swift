import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct KubernetesRBACReaderTests {
    let inventory: Inventory
    init() throws { inventory = try CollectTestSupport.collect(Fixtures.own("kubernetes/rbac")) }

    private func grants(_ id: String) -> [Grant] { inventory.grants.filter { $0.identity.rawValue == id } }
    private func identity(_ id: String) -> Identity? { inventory.identities.first { $0.id.rawValue == id } }

    @Test func everyDocumentIsAccountedFor() throws {
        let mixed = try #require(CollectTestSupport.entry(inventory, "prod-eu-1/mixed.yaml"))
        #expect(mixed.format == "kubernetes-rbac")
        #expect(mixed.read == 21 && mixed.accepted == 17 && mixed.rejected == 4)
        #expect(
            CollectTestSupport.rejections(mixed) == [
                "service-account-token Secret without the kubernetes.io/service-account.name annotation": 1,
                "Role without metadata.name": 1,
                "RoleBinding without roleRef.name": 1,
                "YAML document is not a Kubernetes object": 1,
            ])
        #expect(mixed.notes.contains { $0.hasPrefix("1 ConfigMap object(s) read but not used") })
        #expect(mixed.notes.contains { $0.hasPrefix("1 Secret(s) of other types") })
        #expect(
            mixed.notes.contains {
                $0.contains("RoleBinding ops/dangling refers to ClusterRole edit, which is not in the export")
            })
        let list = try #require(CollectTestSupport.entry(inventory, "prod-eu-1/list.json"))
        #expect(list.read == 3 && list.accepted == 2 && list.rejected == 1)
        #expect(list.rejections.first?.locators == ["prod-eu-1/list.json#1 /items/1"])
        #expect(inventory.ledger.entries.allSatisfy { $0.isBalanced && $0.status == .ok })
        #expect(Set(inventory.inputs).isSuperset(of: [.inventory, .entitlements]))
    }

    @Test func roleBindingGrantsUseTheActionVocabularyAndNamespace() throws {
        let deployer = grants("k8s:prod-eu-1:serviceaccount:ci:deployer")
        #expect(deployer.count == 2)
        let write = try #require(deployer.first { $0.actions.contains("patch apps/deployments") })
        #expect(
            write.actions == [
                "patch apps/deployments", "patch apps/deployments/scale", "update apps/deployments",
                "update apps/deployments/scale",
            ])
        #expect(write.scope == "ci")
        #expect(write.via == "RoleBinding ci/deployer-binding → Role deploy-role")
        #expect(!write.isAdministrative)
        #expect(deployer.contains { $0.actions == ["get pods", "list pods"] })
    }

    @Test func clusterAdminIsAdministrativeForEverySubjectKind() throws {
        for id in ["k8s:prod-eu-1:user:alice@example.com", "k8s:prod-eu-1:serviceaccount:ci:runner"] {
            let admin = grants(id)
            #expect(admin.count == 2)
            #expect(admin.allSatisfy { $0.isAdministrative && $0.scope == nil && $0.actions == ["* *"] })
        }
        let alice = try #require(identity("k8s:prod-eu-1:user:alice@example.com"))
        #expect(alice.kind == .user && alice.isHuman)
    }

    @Test func aggregationRulesPullInMatchingClusterRolesOnly() throws {
        let sre = grants("k8s:prod-eu-1:group:sre")
        #expect(sre.map(\.actions) == [["get endpoints", "get services"]])
        #expect(sre.allSatisfy { $0.via == "ClusterRoleBinding sre-monitoring → ClusterRole monitoring" })
        // The binding in another file of the same cluster resolves against the aggregated role too.
        #expect(
            grants("k8s:prod-eu-1:serviceaccount:monitoring:exporter").map(\.actions) == [
                ["get endpoints", "get services"]
            ])
        #expect(!inventory.grants.contains { $0.actions.contains("get secrets") && $0.via.contains("monitoring") })
    }

    @Test func roleBindingToClusterRoleIsScopedToItsNamespace() {
        let recovery = grants("k8s:prod-eu-1:serviceaccount:ops:recovery")
        #expect(recovery.count == 1)
        #expect(recovery.allSatisfy { $0.scope == "ops" })
        let scaler = grants("k8s:prod-eu-1:serviceaccount:ops:scaler")
        #expect(scaler.map(\.actions) == [["get secrets"]] && scaler.allSatisfy { $0.scope == "ops" })
    }

    @Test func podsGiveWorkloadsAndEffectiveAutomount() throws {
        let runner = try #require(identity("k8s:prod-eu-1:serviceaccount:ci:runner"))
        #expect(runner.attributes["workloads"] == "Deployment/web")
        #expect(runner.attributes["automountServiceAccountToken"] == "true")
        let deployer = try #require(identity("k8s:prod-eu-1:serviceaccount:ci:deployer"))
        #expect(deployer.attributes["workloads"] == "Job/release-job")
        #expect(deployer.attributes["automountServiceAccountToken"] == "false")
        #expect(deployer.environments == ["production"])
        #expect(deployer.createdAt == ISO8601.parse("2026-01-05T10:00:00Z"))
    }

    @Test func serviceAccountTokenSecretIsALongLivedCredentialWithoutItsData() throws {
        let deployer = try #require(identity("k8s:prod-eu-1:serviceaccount:ci:deployer"))
        #expect(deployer.credentials.map(\.id) == ["ci/deployer-token"])
        #expect(deployer.credentials.first?.kind == .serviceAccountToken)
        #expect(deployer.credentials.first?.createdAt == ISO8601.parse("2025-02-01T08:00:00Z"))
        let json = try CollectTestSupport.json(inventory)
        for secret in [
            "Zml4dHVyZS1zZWNyZXQtdG9rZW4tdmFsdWU=", "fixture-secret-token-value", "fixture-plain-secret-value",
            "ZGItcGFzc3dvcmQtZml4dHVyZQ==", "db-password-fixture",
        ] {
            #expect(!json.contains(secret), "secret value \(secret) leaked into the inventory")
        }
    }

    @Test func clusterComesFromFolderAndEnvironmentFromScope() throws {
        let api = try #require(identity("k8s:staging-eu-1:serviceaccount:apps:api"))
        #expect(api.environments == ["staging"])
        let batch = try #require(identity("k8s:staging-eu-1:serviceaccount:jobs:batch"))
        #expect(batch.environments == [Scope.unknownEnvironment])
    }

    @Test func sniffingNeedsKubernetesContent() {
        #expect(
            !KubernetesRBACReader.sniff(
                head: Data(#"{"items":[{"apiVersion":"v1","kind":"Node","x":{"kind":"Pod"}}]}"#.utf8),
                fileName: "pods.json"))
        #expect(
            KubernetesRBACReader.sniff(
                head: Data("apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n".utf8),
                fileName: "x"))
        #expect(
            KubernetesRBACReader.sniff(head: Data("apiVersion: v1\nkind: ServiceAccount\n".utf8), fileName: "x.txt"))
        #expect(
            KubernetesRBACReader.sniff(
                head: Data(
                    #"{"apiVersion":"v1","items":[{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role"}]}"#
                        .utf8), fileName: "x"))
        #expect(
            !KubernetesRBACReader.sniff(
                head: Data("kind: Policy\napiVersion: audit.k8s.io/v1\n".utf8), fileName: "roles.yaml"))
        #expect(!KubernetesRBACReader.sniff(head: Data("id,owner\n".utf8), fileName: "rbac.yaml"))
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func kubeHoundClusterDumpResolvesAcrossFiles() throws {
        let files = [
            "clusterrolebindings.rbac.authorization.k8s.io.json", "clusterroles.rbac.authorization.k8s.io.json",
            "nodes.json",
            "namespace-1/roles.rbac.authorization.k8s.io.json",
            "namespace-1/rolebindings.rbac.authorization.k8s.io.json",
            "namespace-1/pods.json", "namespace-1/endpointslices.discovery.k8s.io.json",
        ]
        let folder = try CollectTestSupport.stage(
            files.map { ("k8s-rbac/kubehound-test-cluster/\($0)", "dump/\($0)") },
            scope: "organisation: t\nsources:\n  - path: \"dump/**\"\n    account: kubehound\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let inventory = try CollectTestSupport.collect(folder)
        #expect(inventory.ledger.failedFiles.isEmpty)
        #expect(inventory.ledger.entries.allSatisfy { $0.isBalanced && $0.rejected == 0 })
        let monitors = try #require(
            inventory.identities.first { $0.id.rawValue == "k8s:kubehound:serviceaccount:test-app:app-monitors" })
        #expect(monitors.attributes["workloads"] == "Pod/app-monitors-client-78cb6d7899")
        #expect(monitors.attributes["automountServiceAccountToken"] == "true")
        let viaRole = inventory.grants.filter { $0.identity == monitors.id && $0.scope == "test-app" }
        #expect(viaRole.contains { $0.actions.contains("get pods") && $0.via.hasSuffix("→ Role test-reader") })
        #expect(
            inventory.grants.contains {
                $0.identity == monitors.id && $0.scope == nil
                    && $0.via.hasPrefix("ClusterRoleBinding app-monitors-read")
            })
        #expect(
            inventory.ledger.skipped.map(\.file) == [
                "dump/namespace-1/endpointslices.discovery.k8s.io.json", "dump/nodes.json",
            ])
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func rbacToolManifestsReadWithEveryRejectionExplained() throws {
        let folder = try #require(Fixtures.sharedFile("k8s-rbac/rbac-tool-manifests"))
        let inventory = try CollectTestSupport.collect(folder)
        #expect(inventory.ledger.failedFiles.isEmpty)
        #expect(inventory.ledger.entries.count == 11)
        #expect(
            inventory.ledger.entries.allSatisfy { $0.format == "kubernetes-rbac" && $0.isBalanced && $0.rejected == 0 })
        // Aggregation: test-aggregate gathers the reader and create roles.
        let aggregated = inventory.grants.filter {
            $0.via == "ClusterRoleBinding aggregate-pod-creator → ClusterRole test-aggregate"
        }
        let actions = Set(aggregated.flatMap(\.actions))
        #expect(actions == ["get pods", "list pods", "watch pods", "create pods"])
        #expect(
            Set(aggregated.map(\.identity.rawValue)) == [
                "k8s:rbac-tool-manifests:user:test-aggregate-user",
                "k8s:rbac-tool-manifests:group:test-aggregate-group",
                "k8s:rbac-tool-manifests:serviceaccount:test:test-aggregate-sa",
            ])
        #expect(
            inventory.grants.contains {
                $0.actions == ["impersonate groups", "impersonate serviceaccounts", "impersonate users"]
                    && $0.scope == "test"
            })
        #expect(
            inventory.grants.contains {
                $0.actions.contains("use policy/podsecuritypolicies") && $0.resources == ["mypsp"]
            })
    }
}

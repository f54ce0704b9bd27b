import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

@Suite struct KubernetesAuditReaderTests {
    let inventory: Inventory
    init() throws { inventory = try CollectTestSupport.collect(Fixtures.own("kubernetes/audit")) }

    static let deployer = "k8s:prod-eu-1:serviceaccount:ci:deployer"

    private func activity(_ identity: String, _ action: String, _ fields: [String] = []) -> ActivityRecord? {
        inventory.activity.first {
            $0.identity.rawValue == identity && $0.action == action && $0.requestFields == fields
        }
    }

    @Test func everyLineIsAccountedForAndStagesCountOnce() throws {
        let log = try #require(CollectTestSupport.entry(inventory, "prod-eu-1/audit.log"))
        #expect(log.format == "kubernetes-audit")
        #expect(log.read == 13 && log.accepted == 10 && log.rejected == 3)
        #expect(
            CollectTestSupport.rejections(log) == [
                "not a Kubernetes audit event (invalid JSON or wrong field types)": 1,
                "event without user.username": 1,
                "event without a parseable stageTimestamp, requestReceivedTimestamp or timestamp": 1,
            ])
        #expect(log.rejections.first { $0.reason.hasPrefix("not a") }?.locators == ["prod-eu-1/audit.log:6"])
        #expect(log.notes == ["1 earlier stage(s) of requests counted at a later stage (same auditID)"])
        #expect(inventory.ledger.entries.allSatisfy { $0.isBalanced && $0.status == .ok })
        let total = inventory.activity.filter { $0.identity.rawValue == Self.deployer }.reduce(0) { $0 + $1.count }
        #expect(total == 7)
    }

    @Test func deploymentPatchesAreClassifiedByWhatTheyChange() throws {
        let restart = try #require(activity(Self.deployer, "patch apps/deployments", ["patch:restartedAt-only"]))
        #expect(restart.count == 2)
        #expect(restart.firstSeen == ISO8601.parse("2026-10-02T10:00:01Z"))
        #expect(!restart.readOnly)
        #expect(activity(Self.deployer, "patch apps/deployments", ["patch:pod-template"])?.count == 1)
        #expect(activity(Self.deployer, "patch apps/deployments", ["patch:replicas"])?.count == 1)
        #expect(activity(Self.deployer, "update apps/deployments/scale")?.count == 1)
        #expect(restart.environment == "production" && restart.account == "prod-eu-1")
        #expect(restart.userAgents.counts.keys.contains("kubectl/v1.30.0 (linux/amd64) kubernetes/abc"))
        #expect(restart.sourceIPs.counts == ["10.0.0.5": 2])
    }

    @Test func impersonationActsAsTheImpersonatedIdentityWithTheRealActor() throws {
        let delete = try #require(activity(Self.deployer, "delete pods"))
        #expect(delete.deniedCount == 1)
        #expect(delete.writeTimes.isEmpty)
        #expect(delete.actors.counts == ["k8s:prod-eu-1:user:alice@example.com": 1])
        #expect(activity("k8s:prod-eu-1:user:alice@example.com", "delete pods") == nil)
    }

    @Test func readsUsersSubresourcesAndNonResourceURLs() throws {
        let get = try #require(activity("k8s:prod-eu-1:user:alice@example.com", "get pods"))
        #expect(get.readOnly)
        // Only ResponseStarted was logged for the exec: counted at the last stage seen.
        #expect(activity("k8s:prod-eu-1:user:alice@example.com", "create pods/exec")?.count == 1)
        #expect(activity("k8s:prod-eu-1:serviceaccount:kube-system:coredns", "get /healthz")?.readOnly == true)
        let coredns = try #require(
            inventory.identities.first { $0.id.rawValue == "k8s:prod-eu-1:serviceaccount:kube-system:coredns" })
        #expect(coredns.isPlatformService && !coredns.inInventory && coredns.kind == .serviceAccount)
        let alice = try #require(
            inventory.identities.first { $0.id.rawValue == "k8s:prod-eu-1:user:alice@example.com" })
        #expect(alice.isHuman)
    }

    @Test func arraysSingleObjectsEventListsAndV1beta1AreRead() throws {
        for (file, count) in [
            ("prod-eu-1/array.json", 2), ("prod-eu-1/single.json", 1), ("prod-eu-1/eventlist.json", 2),
        ] {
            let entry = try #require(CollectTestSupport.entry(inventory, file))
            #expect(entry.format == "kubernetes-audit" && entry.accepted == count && entry.rejected == 0, "\(file)")
        }
        #expect(
            activity("k8s:prod-eu-1:user:bob", "create configmaps")?.firstSeen == ISO8601.parse("2026-10-04T08:01:00Z"))
        #expect(activity("k8s:prod-eu-1:user:bob", "watch secrets")?.readOnly == true)
        #expect(activity("k8s:prod-eu-1:user:bob", "get pods")?.count == 2)
        #expect(inventory.auditCoverage.contains { $0.platform == .kubernetes && $0.environment == "production" })
    }

    /// An EventList is checked whole before its first item is counted: an item whose field is not
    /// valid UTF-8 rejects the record, and the items before it leave no activity behind.
    @Test func eventListWithABadItemIsRejectedWhole() throws {
        func item(_ id: String, agent: String) -> String {
            #"{"auditID":"\#(id)","stage":"ResponseComplete","verb":"get","user":{"username":"bob"},"objectRef":{"resource":"pods","namespace":"n"},"stageTimestamp":"2026-10-01T00:00:00Z","userAgent":"\#(agent)"}"#
        }
        let list = #"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":["#
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("c"), withIntermediateDirectories: true)
        var bytes = Data((list + item("a", agent: "kubectl") + "," + item("b", agent: "bad-").dropLast(2)).utf8)
        bytes += Data([0xFF]) + Data(#""}]}"#.utf8)
        try bytes.write(to: folder.appendingPathComponent("c/audit.json"))
        let inventory = try CollectTestSupport.collect(folder)
        let entry = try #require(CollectTestSupport.entry(inventory, "c/audit.json"))
        #expect(entry.format == "kubernetes-audit" && entry.accepted == 0 && entry.rejected == 1)
        #expect(entry.rejections.map(\.reason) == ["not a Kubernetes audit event (invalid JSON or wrong field types)"])
        #expect(inventory.activity.isEmpty)
    }

    @Test func patchShapeNeedsTheOnlyChangeToBeTheRestartAnnotation() throws {
        let bodies = [
            #"{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"t"}},"spec":{"containers":[]}}}}"#,
            #"{"metadata":{"labels":{"x":"y"}}}"#,
            #"{"spec":{"replicas":2,"paused":true}}"#,
        ]
        let lines = bodies.enumerated().map { index, body in
            #"{"auditID":"p\#(index)","stage":"ResponseComplete","verb":"patch","user":{"username":"u\#(index)"},"objectRef":{"resource":"deployments","apiGroup":"apps","namespace":"n"},"stageTimestamp":"2026-10-01T00:00:00Z","requestObject":\#(body)}"#
        }
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("c"), withIntermediateDirectories: true)
        try Data(lines.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("c/audit.log"))
        let inventory = try CollectTestSupport.collect(folder)
        let fields = Dictionary(
            uniqueKeysWithValues: inventory.activity.map { ($0.identity.rawValue, $0.requestFields) })
        #expect(fields == ["k8s:c:user:u0": ["patch:pod-template"], "k8s:c:user:u1": [], "k8s:c:user:u2": []])
    }

    @Test func interleavedStagesCountEachRequestOnceInFileOrder() throws {
        let stages = [
            ("p1", "RequestReceived", "get"), ("p2", "RequestReceived", "list"), ("p1", "ResponseStarted", "get"),
            ("p1", "ResponseComplete", "get"), ("p2", "ResponseStarted", "list"),
        ]
        let lines = stages.enumerated().map { index, stage in
            #"{"auditID":"\#(stage.0)","stage":"\#(stage.1)","verb":"\#(stage.2)","user":{"username":"u"},"objectRef":{"resource":"pods"},"stageTimestamp":"2026-10-01T00:00:0\#(index)Z"}"#
        }
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("c"), withIntermediateDirectories: true)
        try Data(lines.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("c/audit.log"))
        let inventory = try CollectTestSupport.collect(folder)
        let entry = try #require(inventory.ledger.entries.first)
        #expect(
            entry.read == 5 && entry.accepted == 5
                && entry.notes == ["3 earlier stage(s) of requests counted at a later stage (same auditID)"])
        #expect(inventory.activity.map(\.count) == [1, 1])
        #expect(
            inventory.activity.first { $0.action == "list pods" }?.firstSeen == ISO8601.parse("2026-10-01T00:00:04Z"))
        #expect(inventory.activity.first { $0.action == "get pods" }?.examples.map(\.locator) == ["c/audit.log:4"])
    }

    @Test func gzipAuditLogsReadLikeTheirPlainTwin() throws {
        let zipped = try CollectTestSupport.collect(Fixtures.own("kubernetes/audit-gzip"))
        let entry = try #require(CollectTestSupport.entry(zipped, "prod-eu-1/audit.log.gz"))
        let plain = try #require(CollectTestSupport.entry(inventory, "prod-eu-1/audit.log"))
        #expect(
            entry.format == "kubernetes-audit" && entry.read == plain.read && entry.accepted == plain.accepted
                && entry.rejected == plain.rejected)
        #expect(
            entry.rejections.flatMap(\.locators)
                == plain.rejections.flatMap(\.locators).map {
                    $0.replacingOccurrences(of: "audit.log", with: "audit.log.gz")
                })
        func summary(_ inventory: Inventory) -> [String] {
            inventory.activity.filter { $0.examples.allSatisfy { $0.file.hasPrefix("prod-eu-1/audit.log") } }
                .map { "\($0.identity) \($0.action) \($0.requestFields) \($0.count) \($0.deniedCount) \($0.firstSeen)" }
                .sorted()
        }
        #expect(summary(zipped) == summary(inventory))
        #expect(!summary(zipped).isEmpty)
    }

    @Test func requestBodiesInsideEventListsAreClassified() throws {
        let item =
            #"{"auditID":"p","stage":"ResponseComplete","verb":"patch","user":{"username":"u"},"objectRef":{"resource":"deployments","apiGroup":"apps"},"stageTimestamp":"2026-10-01T00:00:00Z","requestObject":{"spec":{"replicas":3}}}"#
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("c"), withIntermediateDirectories: true)
        try Data(#"{"kind":"EventList","items":[\#(item)]}"#.utf8).write(
            to: folder.appendingPathComponent("c/list.json"))
        let inventory = try CollectTestSupport.collect(folder)
        #expect(inventory.activity.map(\.requestFields) == [["patch:replicas"]])
    }

    @Test func sniffingNeedsAuditKeys() {
        #expect(
            KubernetesAuditReader.sniff(
                head: Data(#"{"kind":"Event","auditID":"x","verb":"get"}"#.utf8), fileName: "a.txt"))
        #expect(!KubernetesAuditReader.sniff(head: Data(#"{"kind":"Event","verb":"get"}"#.utf8), fileName: "audit.log"))
        #expect(!KubernetesAuditReader.sniff(head: Data("auditID,verb\n".utf8), fileName: "audit.csv"))
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func audit2rbacAndFalcoTracesReadWithoutRejections() throws {
        for folder in ["k8s-audit/audit2rbac", "k8s-audit/falco-trace-files"] {
            let inventory = try CollectTestSupport.collect(try #require(Fixtures.sharedFile(folder)))
            #expect(inventory.ledger.failedFiles.isEmpty)
            #expect(
                inventory.ledger.entries.allSatisfy {
                    $0.format == "kubernetes-audit" && $0.isBalanced && $0.rejected == 0
                })
            if folder.hasSuffix("audit2rbac") {
                #expect(inventory.ledger.skipped.map(\.file) == ["demo-policy.yaml"])
                #expect(inventory.ledger.totalAccepted == 37)
                let sa = inventory.activity.filter { $0.identity.rawValue == "k8s:audit2rbac:serviceaccount:ns1:sa1" }
                #expect(sa.reduce(0) { $0 + $1.count } == 5)
                #expect(sa.reduce(0) { $0 + $1.deniedCount } == 4)
                #expect(sa.allSatisfy { $0.actors.counts.keys.contains("k8s:audit2rbac:user:system:admin") })
                #expect(inventory.activity.contains { $0.action == "get /apis/apps/v1beta1" })
            } else {
                #expect(inventory.ledger.entries.count == 10)
                #expect(inventory.activity.contains { $0.action == "create pods/exec" })
                #expect(
                    inventory.activity.contains {
                        $0.action == "create extensions/deployments" || $0.action == "create apps/deployments"
                    })
                #expect(inventory.activity.contains { $0.action == "create namespaces" })
            }
        }
    }
}

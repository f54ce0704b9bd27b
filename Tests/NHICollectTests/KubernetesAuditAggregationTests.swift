import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// The byte-memoising aggregator must give exactly what recording every event through
/// `InventoryBuilder.recordActivity` gives: the reader's previous implementation (String events,
/// stage de-duplication by auditID), rebuilt here as reference.
@Suite struct KubernetesAuditAggregationTests {
    static let scope = Scope(
        organisation: "t",
        environments: [
            EnvironmentScope(name: "production", production: true, kubernetes: ["prod/payments", "prod/web"]),
            EnvironmentScope(name: "tooling", production: false, kubernetes: ["prod/ci"]),
        ])

    struct Reference {
        var builder = InventoryBuilder()
        var ledger: LedgerEntry
    }

    static func reference(_ url: URL, scope: Scope) throws -> Reference {
        let digest = try FileDigest.sha256(of: url)
        let file = SourceFile(url: url, relativePath: url.lastPathComponent, sha256: digest.hex, size: digest.size)
        let cluster = KubernetesNames.cluster(of: file)
        let context = CollectContext(scope: scope)
        var result = Reference(
            ledger: LedgerEntry(
                file: file.relativePath, format: KubernetesAuditReader.format, sha256: digest.hex, size: digest.size))
        var pending: [String: (event: KubernetesAuditEvent, ref: EvidenceRef, order: Int)] = [:]
        var arrivals = 0, superseded = 0
        var added: Set<String> = []

        func record(_ event: KubernetesAuditEvent, _ ref: EvidenceRef) {
            guard let username = event.user?.username, !username.isEmpty else {
                return result.ledger.reject(reason: "event without user.username", locator: ref.locator)
            }
            guard let verb = event.verb, !verb.isEmpty else {
                return result.ledger.reject(reason: "event without verb", locator: ref.locator)
            }
            guard let time = event.time else {
                return result.ledger.reject(
                    reason: "event without a parseable stageTimestamp, requestReceivedTimestamp or timestamp",
                    locator: ref.locator)
            }
            let object = event.objectRef
            let action: String
            if let resource = object?.resource, !resource.isEmpty {
                action = KubernetesNames.action(
                    verb: verb, group: object?.apiGroup ?? "", resource: resource, subresource: object?.subresource)
            } else if let uri = event.requestURI, !uri.isEmpty {
                action = "\(verb) \(uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri)"
            } else {
                return result.ledger.reject(
                    reason: "event with neither objectRef.resource nor requestURI", locator: ref.locator)
            }
            let impersonated = event.impersonatedUser?.username.flatMap { $0.isEmpty ? nil : $0 }
            let acting = impersonated ?? username
            if added.insert(acting).inserted {
                result.builder.addIdentity(KubernetesNames.auditIdentity(acting, cluster: cluster))
            }
            let code = event.responseCode ?? 0
            result.builder.recordActivity(
                identity: KubernetesNames.user(cluster: cluster, name: acting), platform: .kubernetes, action: action,
                requestFields: KubernetesPatchShape.shape(paths: event.requestPaths).requestFields,
                environment: context.environment(platform: .kubernetes, account: cluster, namespace: object?.namespace),
                account: cluster, readOnly: ["get", "list", "watch"].contains(verb), at: time,
                denied: code == 401 || code == 403 || event.authorizationDecision == "forbid",
                userAgent: event.userAgent, sourceIP: event.firstSourceIP, credentialId: event.user?.credentialId,
                actor: impersonated == nil ? nil : KubernetesNames.user(cluster: cluster, name: username).rawValue,
                evidence: ref, sourceFile: file.relativePath)
            result.ledger.accept()
        }

        let buffer = StreamBuffer(
            source: try ByteSources.open(url, displayName: file.relativePath), displayName: file.relativePath)
        var stream = JSONRecordStream(buffer: buffer, file: file.relativePath)
        try stream.forEachRecord { bytes, line, index in
            let ref = file.ref(line: index == nil ? line : nil, record: index)
            guard let events = try? KubernetesAuditScanner.events(bytes) else {
                return result.ledger.reject(
                    reason: "not a Kubernetes audit event (invalid JSON or wrong field types)", locator: ref.locator)
            }
            for (offset, event) in events.enumerated() {
                let eventRef =
                    events.count > 1 ? file.ref(line: ref.line, record: offset, pointer: "/items/\(offset)") : ref
                guard let auditID = event.auditID, !auditID.isEmpty else {
                    record(event, eventRef)
                    continue
                }
                if pending[auditID] != nil {
                    superseded += 1
                    result.ledger.accept()
                }
                if ["ResponseComplete", "Panic"].contains(event.stage ?? "") {
                    pending[auditID] = nil
                    record(event, eventRef)
                } else {
                    arrivals += 1
                    pending[auditID] = (event, eventRef, arrivals)
                }
            }
        }
        for entry in pending.values.sorted(by: { $0.order < $1.order }) { record(entry.event, entry.ref) }
        if superseded > 0 {
            result.ledger.notes.append(
                "\(superseded) earlier stage(s) of requests counted at a later stage (same auditID)")
        }
        return result
    }

    private func expectSame(_ url: URL, scope: Scope = Self.scope) throws {
        let fast = try readFile(KubernetesAuditReader.self, url, scope: scope)
        let slow = try Self.reference(url, scope: scope)
        let name = url.lastPathComponent
        #expect(
            fast.builder.activity.keys.sorted { "\($0)" < "\($1)" }
                == slow.builder.activity.keys.sorted { "\($0)" < "\($1)" }, "\(name)")
        for (key, record) in slow.builder.activity where fast.builder.activity[key] != record {
            Issue.record(
                "\(name): \(key.identity) \(key.action) \(key.requestFields): fast \(String(describing: fast.builder.activity[key])) slow \(record)"
            )
        }
        #expect(fast.builder.coverage == slow.builder.coverage, "\(name)")
        #expect(fast.builder.coverageHours == slow.builder.coverageHours, "\(name)")
        #expect(fast.builder.identities == slow.builder.identities, "\(name)")
        #expect(
            fast.ledger.read == slow.ledger.read && fast.ledger.accepted == slow.ledger.accepted
                && fast.ledger.rejected == slow.ledger.rejected, "\(name)")
        #expect(fast.ledger.rejections == slow.ledger.rejections, "\(name)")
        #expect(fast.ledger.notes == slow.ledger.notes, "\(name)")
    }

    @Test func ownFixturesAggregateAsEventByEventRecording() throws {
        for name in [
            "audit/prod-eu-1/audit.log", "audit/prod-eu-1/array.json", "audit/prod-eu-1/single.json",
            "audit/prod-eu-1/eventlist.json", "audit-gzip/prod-eu-1/audit.log.gz",
        ] {
            try expectSame(Fixtures.own("kubernetes/\(name)"))
        }
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func realTracesAggregateAsEventByEventRecording() throws {
        for folder in ["k8s-audit/audit2rbac", "k8s-audit/falco-trace-files"] {
            let directory = try #require(Fixtures.sharedFile(folder))
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            where !name.hasSuffix(".yaml") {
                try expectSame(directory.appendingPathComponent(name))
            }
        }
    }

    /// Many events on few keys: more distinct user agents than a counter keeps, impersonation,
    /// denials, stages held back (some never completed), escaped values, queries in request paths,
    /// EventLists, Deployment bodies of every shape, namespaces mapped to environments, and records
    /// rejected for every reason.
    @Test func generatedEventsAggregateAsEventByEventRecording() throws {
        var random = SplitMix64(seed: 11)
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        let bodies = [
            #"{"spec":{"replicas":2}}"#, #"{"spec":{"template":{"spec":{"containers":[]}}}}"#,
            #"[{"op":"replace","path":"/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt","value":"t"}]"#,
            #"{"metadata":{"labels":{"a":"b"}}}"#, "null",
        ]
        func event(_ index: Int, stage: String, auditID: String?) -> String {
            var fields: [String] = []
            if let auditID { fields.append(#""auditID":"\#(auditID)""#) }
            fields.append(#""stage":"\#(stage)""#)
            // A third of the events fall on one key, to overflow its counters.
            let focus = index % 3 == 0
            let verb = focus ? "list" : pick(["get", "list", "patch", "update", "delete", "create", "g\\u0065t", ""])
            fields.append(#""verb":"\#(verb)""#)
            let user = pick([
                "system:serviceaccount:ci:deployer", "system:serviceaccount:web:app", "alice", "b\\u00f6b", "",
                "system:kube-scheduler",
            ])
            let credential =
                random.next() % 3 == 0
                ? #","extra":{"authentication.kubernetes.io/credential-id":["JTI=\#(random.next() % 5)"]}"# : ""
            if focus || random.next() % 12 != 0 {
                fields.append(#""user":{"username":"\#(focus ? "alice" : user)"\#(credential)}"#)
            }
            if random.next() % 8 == 0 {
                fields.append(
                    #""impersonatedUser":{"username":"\#(pick(["system:serviceaccount:ci:other", "carol", ""]))"}"#)
            }
            let namespace = pick([
                #","namespace":"payments""#, #","namespace":"web""#, #","namespace":"ci""#, #","namespace":"""#,
                #","namespace":null"#, "",
            ])
            switch focus ? 2 : random.next() % 6 {
            case 0: fields.append(#""requestURI":"/healthz?verbose=\#(random.next() % 4)""#)
            case 1: fields.append(#""requestURI":"/apis/apps/v1/namespaces/x/deployments""#)
            case 2:
                fields.append(
                    #""objectRef":{"resource":"pods","subresource":"\#(pick(["exec", "log", ""]))"\#(namespace)}"#)
            default:
                fields.append(
                    #""objectRef":{"resource":"deployments","apiGroup":"\#(pick(["apps", "extensions", ""]))"\#(namespace)}"#
                )
                if random.next() % 2 == 0 { fields.append(#""requestObject":\#(pick(bodies))"#) }
            }
            if random.next() % 4 == 0 {
                fields.append(#""responseStatus":{"code":\#(pick([200, 201, 401, 403, 404]))}"#)
            }
            if random.next() % 5 == 0 {
                fields.append(#""annotations":{"authorization.k8s.io/decision":"\#(pick(["allow", "forbid"]))"}"#)
            }
            if random.next() % 7 != 0 { fields.append(#""userAgent":"agent-\#(random.next() % 40) caf\u00e9""#) }
            if random.next() % 3 != 0 { fields.append(#""sourceIPs":["10.0.0.\#(random.next() % 20)","10.1.1.1"]"#) }
            let hour = (index / 40) % 48
            let time =
                "2026-10-\(String(format: "%02d", 1 + hour / 24))T\(String(format: "%02d", hour % 24)):\(String(format: "%02d", index % 60)):00Z"
            switch random.next() % 10 {
            case 0: fields.append(#""requestReceivedTimestamp":"\#(time)""#)
            case 1: fields.append(#""timestamp":"\#(time)""#)
            case 2: fields.append(#""stageTimestamp":"not a time""#)
            default: fields.append(#""stageTimestamp":"\#(time)""#)
            }
            for index in fields.indices.reversed() { fields.swapAt(index, Int(random.next() % UInt64(index + 1))) }
            return "{" + fields.joined(separator: ",") + "}"
        }
        var lines: [String] = []
        for index in 0..<1500 {
            let auditID = random.next() % 10 == 0 ? nil : "id-\(index)"
            switch random.next() % 20 {
            case 0:
                lines.append(
                    #"{"kind":"EventList","items":[\#(event(index, stage: "ResponseComplete", auditID: auditID)),\#(event(index, stage: "ResponseComplete", auditID: nil))]}"#
                )
            case 1: lines.append(#"{"auditID":"bad","verb":7}"#)
            case 2, 3, 4:
                lines.append(event(index, stage: "RequestReceived", auditID: "id-\(index)"))
                if random.next() % 4 != 0 {
                    lines.append(event(index, stage: "ResponseComplete", auditID: "id-\(index)"))
                }
            default: lines.append(event(index, stage: "ResponseComplete", auditID: auditID))
            }
        }
        let folder = try Fixtures.temporaryFolder().appendingPathComponent("prod")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("audit.log")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        try expectSame(url)
        let builder = try readFile(KubernetesAuditReader.self, url, scope: Self.scope).builder
        #expect(builder.activity.values.contains { $0.userAgents.overflow > 0 })
        #expect(builder.activity.values.contains { !$0.actors.isEmpty })
        #expect(builder.activity.values.contains { $0.requestFields == ["patch:restartedAt-only"] })
        #expect(Set(builder.activity.values.map(\.environment)) == ["production", "tooling", Scope.unknownEnvironment])
        #expect(builder.activity.keys.contains { $0.identity.rawValue == "k8s:prod:user:böb" })
    }

    /// Invalid UTF-8 in any field the aggregator reads rejects the event, wherever the bad byte
    /// sits in the value (the C walk notes which strings are ASCII sixteen bytes at a time, the
    /// block holding the closing quote only up to it); valid non-ASCII is read.
    @Test func invalidUTF8InAnyFieldRejectsTheEvent() throws {
        let template =
            #"{"kind":"Event","auditID":"<auditID>","stage":"ResponseComplete","verb":"<verb>","requestURI":"/api/v1/x","#
            + #""user":{"username":"<username>","extra":{"authentication.kubernetes.io/credential-id":["<credential>"]}},"sourceIPs":["<ip>"],"#
            + #""userAgent":"<agent>","objectRef":{"resource":"<resource>","namespace":"<namespace>","name":"<name>","apiGroup":"<group>"},"#
            + #""impersonatedUser":{"username":"<impersonated>"},"stageTimestamp":"2026-10-01T00:00:00Z","#
            + #""annotations":{"authorization.k8s.io/decision":"<decision>"}}"#
        let fields = [
            "auditID", "verb", "username", "credential", "ip", "agent", "resource", "namespace", "name", "group",
            "impersonated", "decision",
        ]
        var lines: [[UInt8]] = [], invalid = 0, number = 0
        for field in fields {
            for before in [0, 5, 14, 15, 16, 17, 31, 40] {
                for (bad, tail) in [
                    ([UInt8]([0xFF]), true), ([0xC3], false), ([0xC3, 0xA9], true), ([0xE2, 0x82], true),
                ] {
                    let value =
                        [UInt8](repeating: UInt8(ascii: "a"), count: before) + bad + (tail ? [UInt8(ascii: "z")] : [])
                    let valid = String(validating: value, as: UTF8.self) != nil
                    if !valid { invalid += 1 }
                    number += 1
                    var line = [UInt8](template.utf8)
                    for other in fields where other != field {
                        let plain = [UInt8]((other == "auditID" ? "id-\(number)" : other).utf8)
                        line = Self.replacing([UInt8]("<\(other)>".utf8), with: plain, in: line)
                    }
                    lines.append(
                        Self.replacing(
                            [UInt8]("<\(field)>".utf8),
                            with: field == "auditID" ? value + [UInt8]("-\(number)".utf8) : value, in: line))
                }
            }
        }
        let url = try Fixtures.temporaryFolder().appendingPathComponent("prod-eu-1").appendingPathComponent("audit.log")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(lines.joined(separator: [0x0A])).write(to: url)
        try expectSame(url)
        let read = try readFile(KubernetesAuditReader.self, url, scope: Self.scope)
        #expect(read.ledger.read == number, "read \(read.ledger.read) of \(number)")
        #expect(read.ledger.rejected == invalid && invalid > 0, "rejected \(read.ledger.rejected), invalid \(invalid)")
        #expect(
            read.ledger.rejections.map(\.reason) == ["not a Kubernetes audit event (invalid JSON or wrong field types)"]
        )
    }

    private static func replacing(_ marker: [UInt8], with value: [UInt8], in line: [UInt8]) -> [UInt8] {
        guard
            let start = (0...(line.count - marker.count)).first(where: {
                line[$0..<($0 + marker.count)].elementsEqual(marker)
            })
        else { return line }
        return Array(line[..<start]) + value + Array(line[(start + marker.count)...])
    }

    /// Read as the collector reads it (no digest given): the file is hashed while read, and the
    /// digest reaches the ledger and every example ref.
    @Test func fileIsHashedWhileRead() throws {
        let url = Fixtures.own("kubernetes/audit-gzip/prod-eu-1/audit.log.gz")
        let digest = try FileDigest.sha256(of: url)
        let source = SourceFile(url: url, relativePath: "prod-eu-1/audit.log.gz", sha256: "", size: 0)
        let builder = InventoryBuilder()
        var ledger = LedgerEntry(file: source.relativePath, format: KubernetesAuditReader.format, sha256: "", size: 0)
        try KubernetesAuditReader.read(
            source, context: CollectContext(scope: Self.scope), into: builder, ledger: &ledger)
        #expect(ledger.sha256 == digest.hex && ledger.size == digest.size)
        let examples = builder.activity.values.flatMap(\.examples)
        #expect(!examples.isEmpty && examples.allSatisfy { $0.sha256 == digest.hex })
    }

    /// Timestamps read through the last-minute memo equal `TimestampParser.fastParse`, or are left to it.
    @Test func lastMinuteMemoParsesAsTimestampParser() {
        let texts = [
            "2026-10-01T00:00:00Z", "2026-10-01T00:00:59.999999Z", "2026-10-01T00:00:60Z", "2026-10-01T00:00:61Z",
            "2026-10-01T00:00:07.5Z", "2026-10-01T00:00:07.Z", "2026-10-01T00:00:0xZ",
            "2026-10-01T00:00:07.123456789012345678Z",
            "2026-10-01T00:01:00.000001Z", "2026-10-01T00:01:30+00:00", "2026-02-29T00:01:30Z",
            "2028-02-29T23:59:59.25Z",
            "2028-02-29T23:59:58.125Z", "2028-02-29T23:59x58.125Z", "1969-12-31T23:59:59.5Z",
        ]
        var memo = KubernetesLastMinute()
        for text in texts + texts.reversed() {
            var copy = text
            copy.withUTF8 { bytes in
                let expected = TimestampParser.fastParse(bytes)
                if let known = memo.time(bytes) {
                    #expect(known == expected, "\(text)")
                } else if expected != nil {
                    memo.remember(bytes)
                }
            }
        }
        for text in ["1969-12-31T23:59:00Z", "1969-12-31T23:59:57.75Z"] {
            var copy = text
            copy.withUTF8 { bytes in
                if memo.time(bytes) == nil { memo.remember(bytes) }
                #expect(memo.time(bytes) == TimestampParser.fastParse(bytes) && memo.time(bytes) != nil, "\(text)")
            }
        }
    }
}

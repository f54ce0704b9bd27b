import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// The audit scanner against Foundation's decoder (the reader's previous implementation): every
/// record of the fixtures and a set of tricky ones must give the same events, or both be rejected.
@Suite struct KubernetesAuditScannerTests {
    // MARK: the Foundation reference

    private struct FoundationEvent: Decodable {
        struct User: Decodable { var username: String?; var extra: [String: [String]]? }
        struct ObjectRef: Decodable { var resource, namespace, name, apiGroup, subresource: String? }
        struct ResponseStatus: Decodable { var code: Int? }
        var kind, auditID, stage, requestURI, verb: String?
        var user, impersonatedUser: User?
        var sourceIPs: [String]?
        var userAgent: String?
        var objectRef: ObjectRef?
        var responseStatus: ResponseStatus?
        var requestReceivedTimestamp, stageTimestamp, timestamp: String?
        var annotations: [String: String]?
    }

    private struct FoundationEventList: Decodable { var items: [FoundationEvent] }

    /// What the reader decoded before the scanner: JSONDecoder for the fields, JSONSerialization for the body.
    private static func foundationEvents(_ record: Data) throws -> [KubernetesAuditEvent] {
        let decoder = JSONDecoder()
        let event = try decoder.decode(FoundationEvent.self, from: record)
        let decoded =
            event.kind == "EventList" ? try decoder.decode(FoundationEventList.self, from: record).items : [event]
        let object = try JSONSerialization.jsonObject(with: record) as? [String: Any]
        let bodies: [Any?] =
            event.kind == "EventList"
            ? ((object?["items"] as? [[String: Any]]) ?? []).map { $0["requestObject"] }
            : [object?["requestObject"]]
        return zip(decoded, bodies).map { event, body in
            func user(_ user: FoundationEvent.User?) -> KubernetesAuditEvent.User? {
                user.map {
                    .init(
                        username: $0.username,
                        credentialId: $0.extra?["authentication.kubernetes.io/credential-id"]?.first)
                }
            }
            let object = event.objectRef.map {
                KubernetesAuditEvent.ObjectRef(
                    resource: $0.resource, namespace: $0.namespace, name: $0.name, apiGroup: $0.apiGroup,
                    subresource: $0.subresource)
            }
            var paths: [[String]] = []
            if let body, !(body is NSNull),
                KubernetesPatchShape.applies(
                    verb: event.verb ?? "", group: object?.apiGroup, resource: object?.resource,
                    subresource: object?.subresource),
                let data = try? JSONSerialization.data(withJSONObject: body, options: [.fragmentsAllowed])
            {
                paths = KubernetesAuditDecoding.requestPaths(body: data)
            }
            return KubernetesAuditEvent(
                kind: event.kind, auditID: event.auditID, stage: event.stage, requestURI: event.requestURI,
                verb: event.verb,
                user: user(event.user), impersonatedUser: user(event.impersonatedUser),
                firstSourceIP: event.sourceIPs?.first,
                userAgent: event.userAgent, objectRef: object, responseCode: event.responseStatus?.code,
                requestReceivedTimestamp: event.requestReceivedTimestamp, stageTimestamp: event.stageTimestamp,
                timestamp: event.timestamp,
                authorizationDecision: event.annotations?["authorization.k8s.io/decision"], requestPaths: paths)
        }
    }

    private static func scannerEvents(_ record: Data) throws -> [KubernetesAuditEvent] {
        try record.withUnsafeBytes { (bytes) throws(JSONScanError) in try KubernetesAuditScanner.events(bytes) }
    }

    /// Paths in a stable order (the body's keys come out of a dictionary).
    private static func normalised(_ events: [KubernetesAuditEvent]) -> [KubernetesAuditEvent] {
        events.map { event in
            var event = event
            event.requestPaths.sort { $0.joined(separator: "/") < $1.joined(separator: "/") }
            return event
        }
    }

    /// nil when both reject the record; otherwise both results (which must be equal).
    private static func compare(_ record: Data) -> (
        scanner: [KubernetesAuditEvent]?, foundation: [KubernetesAuditEvent]?
    ) {
        ((try? scannerEvents(record)).map(normalised), (try? foundationEvents(record)).map(normalised))
    }

    /// The records of a file as the reader splits them.
    private static func records(_ url: URL) throws -> [Data] {
        let buffer = StreamBuffer(
            source: try ByteSources.open(url, displayName: url.lastPathComponent), displayName: url.lastPathComponent)
        var stream = JSONRecordStream(buffer: buffer, file: url.lastPathComponent)
        var records: [Data] = []
        try stream.forEachRecord { bytes, _, _ in records.append(Data(bytes)) }
        return records
    }

    private static func jsonFiles(_ folder: URL) throws -> [URL] {
        try Collector.listFiles(folder).filter { !$0.hasSuffix(".yaml") }.map { folder.appendingPathComponent($0) }
    }

    // MARK: tests

    @Test func ownFixturesScanLikeFoundation() throws {
        var events = 0
        for url in try Self.jsonFiles(Fixtures.own("kubernetes/audit")) {
            for record in try Self.records(url) {
                let (scanner, foundation) = Self.compare(record)
                #expect(scanner == foundation, "\(url.lastPathComponent): \(String(decoding: record, as: UTF8.self))")
                events += scanner?.count ?? 0
            }
        }
        #expect(events == 17)
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func sharedFixturesScanLikeFoundation() throws {
        var events = 0
        for folder in ["k8s-audit/audit2rbac", "k8s-audit/falco-trace-files"] {
            for url in try Self.jsonFiles(try #require(Fixtures.sharedFile(folder))) {
                for record in try Self.records(url) {
                    let (scanner, foundation) = Self.compare(record)
                    #expect(scanner != nil && scanner == foundation, "\(url.lastPathComponent)")
                    events += scanner?.count ?? 0
                }
            }
        }
        #expect(events > 40)
    }

    static let base = #""auditID":"a1","stage":"ResponseComplete","stageTimestamp":"2026-10-01T00:00:00.123456Z""#

    /// Records both must read the same way, and which of them are rejected.
    static let tricky: [(record: String, rejected: Bool)] = [
        // escapes and unicode in values and keys
        (
            #"{\#(base),"verb":"get","userAgent":"kubectl\/v1 \"q\" caf\u00e9 \ud83d\ude00 ü","objectRef":{"resource":"pods"}}"#,
            false
        ),
        (#"{\#(base),"\u0076erb":"list","objectRef":{"res\u006furce":"secrets","namespace":"n\tx"}}"#, false),
        // nulls everywhere a value is optional
        (
            #"{\#(base),"verb":"get","objectRef":null,"sourceIPs":null,"impersonatedUser":null,"annotations":null,"responseStatus":null,"requestURI":null}"#,
            false
        ),
        (#"{\#(base),"verb":"get","responseStatus":{"code":null,"status":"Failure"},"user":{"username":null}}"#, false),
        (#"{\#(base),"verb":"get","user":{"username":"a"},"user":{"username":"b"}}"#, false),
        // skipped values of every kind, nested deep, numbers of every form
        (
            #"{\#(base),"verb":"get","x":{"a":[1,-2.5e+3,0.0,1E9,true,false,null,{"b":[[[]]]}]},"responseStatus":{"code":403,"details":{"n":[1.5]}}}"#,
            false
        ),
        (#"{\#(base),"verb":"get","responseStatus":{"code":-1}}"#, false),
        (#"{\#(base),"verb":"get","responseStatus":{"code":403.0}}"#, false),
        (#"{\#(base),"verb":"get","responseStatus":{"code":4.03e2}}"#, false),
        (#"{\#(base),"verb":"get","responseStatus":{"code":99999999999999999999}}"#, true),
        // pretty-printed with CRLF
        ("{\r\n  \(base),\r\n  \"verb\" : \"watch\" ,\r\n  \"sourceIPs\" : [ \"10.0.0.1\" , \"::1\" ]\r\n}", false),
        // impersonation, credential id, authorization decision
        (
            #"{\#(base),"verb":"delete","impersonatedUser":{"username":"system:serviceaccount:ci:other","groups":["g"]},"user":{"username":"alice","extra":{"authentication.kubernetes.io/credential-id":["JTI=abc","x"],"other":[]}},"annotations":{"authorization.k8s.io/decision":"forbid","authorization.k8s.io/reason":"no"}}"#,
            false
        ),
        // request bodies: strategic merge, JSON patch (with ~1 escapes), null, on and off Deployments
        (
            #"{\#(base),"verb":"patch","objectRef":{"resource":"deployments","apiGroup":"apps"},"requestObject":{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io\/restartedAt":"t"}}}}}}"#,
            false
        ),
        (
            #"{\#(base),"verb":"patch","objectRef":{"resource":"deployments","apiGroup":"apps"},"requestObject":[{"op":"replace","path":"/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt","value":"t"},{"op":"replace","path":"/spec/replicas","value":3}]}"#,
            false
        ),
        (
            #"{\#(base),"verb":"update","objectRef":{"resource":"deployments","apiGroup":"extensions"},"requestObject":{"spec":{"replicas":2}}}"#,
            false
        ),
        (
            #"{\#(base),"verb":"patch","objectRef":{"resource":"deployments","apiGroup":"apps"},"requestObject":null}"#,
            false
        ),
        (
            #"{\#(base),"verb":"patch","objectRef":{"resource":"configmaps"},"requestObject":{"spec":{"replicas":2}}}"#,
            false
        ),
        (
            #"{"requestObject":{"spec":{"replicas":2}},\#(base),"objectRef":{"subresource":"","resource":"deployments","apiGroup":"apps"},"verb":"patch"}"#,
            false
        ),
        // EventLists, with bodies in their items
        (
            #"{"kind":"EventList","items":[{\#(base),"verb":"get"},{\#(base),"verb":"patch","objectRef":{"resource":"deployments","apiGroup":"apps"},"requestObject":{"spec":{"replicas":1}}}]}"#,
            false
        ),
        (#"{"kind":"EventList","items":[]}"#, false),
        (#"{"kind":"EventList","metadata":{}}"#, true),
        (#"{"kind":"EventList","items":[{"verb":1}]}"#, true),
        (#"{"kind":"EventList","items":{}}"#, true),
        // wrong types are rejected, as a typed decoder rejects them
        (#"{\#(base),"verb":7}"#, true),
        (#"{\#(base),"verb":"get","responseStatus":{"code":"403"}}"#, true),
        (#"{\#(base),"verb":"get","responseStatus":{"code":4.5}}"#, true),
        (#"{\#(base),"verb":"get","sourceIPs":"10.0.0.1"}"#, true),
        (#"{\#(base),"verb":"get","sourceIPs":["10.0.0.1",null]}"#, true),
        (#"{\#(base),"verb":"get","annotations":{"a":1}}"#, true),
        (#"{\#(base),"verb":"get","annotations":{"authorization.k8s.io/decision":1}}"#, true),
        (
            #"{\#(base),"verb":"get","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/decision":"forbid"}}"#,
            false
        ),
        (
            #"{\#(base),"verb":"get","userAgent":"a","userAgent":"b","objectRef":{"resource":"a","resource":"b"}}"#,
            false
        ),
        (#"{\#(base),"verb":"get","userAgent":"a","userAgent":7,"responseStatus":{"code":1,"code":2}}"#, false),
        (#"{\#(base),"verb":"get","user":{"username":"u","extra":{"k":"v"}}}"#, true),
        (
            #"{\#(base),"verb":"get","user":{"username":"u","extra":{"authentication.kubernetes.io/credential-id":["a"],"authentication.kubernetes.io/credential-id":["b"]}}}"#,
            false
        ),
        (
            #"{\#(base),"verb":"get","user":{"username":"u","extra":{"authentication.kubernetes.io/credential-id":"v"}}}"#,
            true
        ),
        (
            #"{\#(base),"verb":"get","user":{"username":"u","extra":{"authentication.kubernetes.io/credential-id":[]}}}"#,
            false
        ),
        (#"{\#(base),"verb":"get","user":"alice"}"#, true),
        (#"{\#(base),"verb":"get","objectRef":[]}"#, true),
        (#"[{\#(base),"verb":"get"}]"#, true),
        // malformed JSON
        (#"{\#(base),"verb":"get""#, true),
        (#"{\#(base),"verb":"get"} x"#, true),
        (#"{\#(base),"verb":"g\x"}"#, true),
        (#"{\#(base),"verb":"get","n":01}"#, true),
        (#"{\#(base),"verb":"get","n":tru}"#, true),
        (#"{\#(base),"verb":"\ud800"}"#, true),
    ]

    @Test(arguments: 0..<tricky.count)
    func trickyRecordScansLikeFoundation(_ index: Int) {
        let (record, rejected) = Self.tricky[index]
        let (scanner, foundation) = Self.compare(Data(record.utf8))
        #expect(scanner == foundation, "\(record)")
        #expect((scanner == nil) == rejected, "\(record)")
    }

    /// The one intended difference: Foundation's decoder accepts a trailing comma in an object; that
    /// is not JSON, so the scanner rejects the record (as it does for CloudTrail).
    @Test func trailingCommaIsRejected() throws {
        let record = Data(#"{\#(Self.base),"verb":"get",}"#.utf8)
        #expect(throws: JSONScanError.self) { try Self.scannerEvents(record) }
        #expect(try Self.foundationEvents(record).count == 1)
    }

    @Test func controlCharactersAndInvalidUTF8AreRejected() {
        for bytes in [
            Array("{\"verb\":\"a\u{01}b\"}".utf8), [UInt8](#"{"verb":""#.utf8) + [0xFF, 0xFE] + [UInt8](#""}"#.utf8),
        ] {
            #expect(throws: JSONScanError.self) { try Self.scannerEvents(Data(bytes)) }
            #expect(throws: (any Error).self) { try Self.foundationEvents(Data(bytes)) }
        }
    }

    @Test func patchShapesComeFromTheBodyAlone() throws {
        func shape(_ body: String) throws -> [String] {
            let record =
                #"{"verb":"patch","objectRef":{"resource":"deployments","apiGroup":"apps"},"requestObject":\#(body),"auditID":"x"}"#
            return KubernetesPatchShape.shape(paths: try Self.scannerEvents(Data(record.utf8))[0].requestPaths)
                .requestFields
        }
        #expect(
            try shape(#"{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io\/restartedAt":"t"}}}}}"#)
                == ["patch:restartedAt-only"])
        #expect(
            try shape(
                #"[{"op":"add","path":"/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt","value":"t"}]"#
            ) == ["patch:restartedAt-only"])
        #expect(try shape(#"{"spec":{"template":{"spec":{"containers":[]}}}}"#) == ["patch:pod-template"])
        #expect(try shape(#"{"spec":{"replicas":2}}"#) == ["patch:replicas"])
        #expect(try shape(#"{"metadata":{"labels":{"a":"b"}}}"#) == [])
        #expect(try shape("null") == [])
    }
}

/// The in-place walk of request bodies against JSONSerialization (`KubernetesAuditDecoding.requestPaths`).
@Suite struct KubernetesPatchPathsTests {
    private struct Paths: KubernetesPatchPathSink {
        var paths: [[String]] = []
        mutating func path(_ components: [UnsafeBufferPointer<UInt8>]) {
            paths.append(components.map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// Bodies and whether the walk reads them itself (else it leaves them to Foundation).
    static let bodies: [(body: String, walked: Bool)] = [
        (
            #"{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-10-01T00:00:00Z"}}}}}"#,
            true
        ),
        (#"{"spec":{"replicas":3}}"#, true),
        (#"{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"repo/app:1.2.3"}]}}}}"#, true),
        (#"{"spec":{"replicas":2,"paused":true},"metadata":{"labels":{}}}"#, true),
        (#"{ "spec" : { "replicas" : 2 , "selector" : { } } , "status" : null }"#, true),
        (#"{}"#, true),
        (#"[]"#, true),
        ("null", true),
        (#""text""#, true),
        ("12", true),
        (
            #"[{"op":"replace","path":"/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt","value":"t"}]"#,
            true
        ),
        (
            #"[{"op":"replace","path":"/spec/replicas","value":3},{"op":"test","path":"//spec//x~0y~01/","value":[1,{"a":null}]}]"#,
            true
        ),
        (#"[{"op":"remove","path":""},{"op":"add","path":7},{"op":"add"}]"#, true),
        (#"[{"op":"replace","path":"/spec/replicas"},3]"#, true),
        (#"[[1],{"path":"/spec/replicas"}]"#, true),
        (#"{"spec":{"replicas":1.5e3}}"#, false),
        (#"{"spec":{"replicas":12345678901234567890}}"#, false),
        (#"{"spec":{"replicas":1},"spec":{"template":{}}}"#, false),
        (#"[{"path":"/spec/replicas","path":"/metadata"}]"#, false),
        (#"{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io\/restartedAt":"t"}}}}}"#, false),
        (#"{"spec":{"name":"caf\u00e9"}}"#, false),
        (#"{"spec":{"name":"café"}}"#, false),
        (#"[{"path":"/sp\u0065c/replicas"}]"#, false),
    ]

    @Test(arguments: 0..<bodies.count)
    func walkReadsBodiesAsFoundation(_ index: Int) {
        let (body, walked) = Self.bodies[index]
        let data = Data(body.utf8)
        let foundation = KubernetesAuditDecoding.requestPaths(body: data).map { $0.joined(separator: "\u{1F}") }
            .sorted()
        var paths = Paths()
        let read = data.withUnsafeBytes { KubernetesPatchPaths.walk($0, into: &paths) }
        #expect(read == walked, "\(body)")
        if read { #expect(paths.paths.map { $0.joined(separator: "\u{1F}") }.sorted() == foundation, "\(body)") }
        let shape = data.withUnsafeBytes { KubernetesPatchShape.shape(body: $0) }
        #expect(shape == KubernetesPatchShape.shape(paths: KubernetesAuditDecoding.requestPaths(body: data)), "\(body)")
    }
}

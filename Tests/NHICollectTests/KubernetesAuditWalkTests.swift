import CJSONScan
import Foundation
@testable import NHICollect
import Testing
import TestSupport

/// The C walk of audit Events (`nhi_k8s_scan`, the hot path of `KubernetesAuditScanner.scan`)
/// against the Swift walk it mirrors (`KubernetesAuditScanner.walk`): whenever the C walk accepts
/// a record, the sink must hear exactly what the Swift walk tells it (the same calls, values,
/// offsets and order), and the Swift walk must accept the record too.
@Suite struct KubernetesAuditWalkTests {
    enum Call: Equatable {
        case begin
        case field(KubernetesAuditField, [UInt8], offset: Int, escaped: Bool)
        case part(String)
        case code(Int?)
        case body([UInt8])
        case end([UInt8], item: Int, of: Int)
    }

    struct Recorder: KubernetesAuditSink {
        var calls: [Call] = []
        mutating func beginEvent() { calls.append(.begin) }
        mutating func field(_ field: KubernetesAuditField, _ value: JSONStringSpan, at offset: Int)
            throws(JSONScanError)
        {
            calls.append(
                .field(
                    field, Array(UnsafeBufferPointer(start: value.start, count: value.count)), offset: offset,
                    escaped: value.hasEscapes))
        }
        mutating func part(_ part: KubernetesAuditPart) { calls.append(.part("\(part)")) }
        mutating func responseCode(_ code: Int?) { calls.append(.code(code)) }
        mutating func requestObject(_ body: UnsafeRawBufferPointer) { calls.append(.body(Array(body))) }
        mutating func endEvent(_ event: UnsafeRawBufferPointer, item: Int, of items: Int) throws(JSONScanError) {
            calls.append(.end(Array(event), item: item, of: items))
        }
    }

    /// The calls from the C walk (nil when it declines) and from the Swift walk (nil when it throws).
    static func walks(_ bytes: [UInt8]) -> (c: [Call]?, swift: [Call]?) {
        withExactBytes(bytes) { raw in
            let scratch = UnsafeMutablePointer<nhi_k8s_event>.allocate(capacity: 1)
            defer { scratch.deallocate() }
            let begin = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
            var c: Recorder? = Recorder()
            if nhi_k8s_scan(begin, begin + raw.count, scratch) != 0 {
                try? KubernetesAuditScanner.scan(raw, into: &c!, scratch: scratch)
            } else {
                c = nil
            }
            var swift: Recorder? = Recorder()
            do { try KubernetesAuditScanner.walk(raw, into: &swift!) } catch { swift = nil }
            return (c?.calls, swift?.calls)
        }
    }

    static var differential: WalkDifferential<Call> { WalkDifferential(walks: walks) }

    static func expectAgreement(
        _ bytes: [UInt8], mustAccept: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        differential.expectAgreement(bytes, mustAccept: mustAccept, sourceLocation: sourceLocation)
    }

    /// A random audit Event: the fields the walks read, in random order, strings (plain, escaped,
    /// non-ASCII) or null, nested user, extra, objectRef, status and annotations variants, bodies,
    /// and now and then a key given twice (the first counts).
    static func event(_ random: inout SplitMix64) -> String {
        func text() -> String {
            random.pick([
                "\"get\"", "\"system:serviceaccount:ci:deployer\"", "\"\"", "\"caf\\u00e9 \\\"q\\\" \\/\"",
                "\"\u{00e9}t\u{00e9}\"",
                "\"kubectl/v1.31.0 (linux/amd64) kubernetes/abc a long agent past sixteen bytes\"", "null",
            ])
        }
        func some(_ members: [String]) -> [String] { members.filter { _ in random.next() % 4 != 0 } }
        let extra = random.object(
            some([
                random.member(
                    "authentication.kubernetes.io/credential-id",
                    random.pick(["[\"JTI=0a1b\"]", "[]", "[\"JTI=x\",\"y\"]"])),
                random.member("other", "[\"plain\"]"),
            ]))
        func user() -> String {
            random.pick([
                "null",
                random.object(
                    some([
                        random.member("username", text()), random.member("uid", "\"u\""),
                        random.member("groups", "[\"system:authenticated\"]"),
                        random.member("extra", random.next() % 5 == 0 ? "null" : extra),
                    ])),
            ])
        }
        let ref = random.pick([
            "null",
            random.object(
                some(
                    ["resource", "namespace", "name", "apiGroup", "subresource"].map { random.member($0, text()) }
                        + [random.member("apiVersion", "\"v1\"")])),
        ])
        let status = random.pick([
            "null",
            random.object(
                some([
                    random.member("code", random.pick(["200", "403", "null", "0"])), random.member("metadata", "{}"),
                    random.member("status", "\"Failure\""),
                ])),
        ])
        let annotations = random.pick([
            "null",
            random.object(
                some([
                    random.member("authorization.k8s.io/decision", random.pick(["\"allow\"", "\"forbid\""])),
                    random.member("authorization.k8s.io/reason", "\"RBAC: allowed\""),
                ])),
        ])
        var members = some(
            [
                "auditID", "stage", "requestURI", "verb", "userAgent", "requestReceivedTimestamp", "stageTimestamp",
                "timestamp",
            ]
            .map { random.member($0, text()) })
        members += some([
            random.member("kind", "\"Event\""), random.member("apiVersion", "\"audit.k8s.io/v1\""),
            random.member("level", "\"Metadata\""),
            random.member("user", user()), random.member("impersonatedUser", user()), random.member("objectRef", ref),
            random.member("sourceIPs", random.pick(["null", "[]", "[\"10.0.0.1\"]", "[\"10.0.0.1\",\"::1\"]"])),
            random.member("responseStatus", status), random.member("annotations", annotations),
            random.member("requestObject", random.pick(["null", "{\"spec\":{\"replicas\":2}}", "[1,{\"a\":\"}\"}]"])),
            random.member("responseObject", "{\"kind\":\"Status\",\"items\":[]}"),
        ])
        if random.next() % 6 == 0 { members.append(random.member("verb", "\"delete\"")) }
        return random.space() + random.object(members) + random.space()
    }

    @Test func agreesOnRandomEventsAndEveryMutationOfThem() {
        Self.differential.expectAgreementOnRandomRecords(
            400, seed: 31, alphabet: Array("\"\\{}[],:0 n9".utf8) + [0x01, 0xFF], Self.event)
    }

    @Test func declinesWhatOnlyTheSwiftWalkReadsExactly() {
        let base = #""auditID":"a","verb":"get""#
        let declined = [
            #"{"kind":"EventList","items":[{\#(base)}]}"#,
            #"{"kind":"Event\u004cist","items":[]}"#,
            #"{\#(base),"items":[]}"#,
            #"{\#(base),"\u0076erb":"list"}"#,
            #"{\#(base),"user":{"\u0075sername":"a"}}"#,
            #"{\#(base),"user":{"extra":{"authentication.kubernetes.io/credential-id":["caf\u00e9"],"x":["\u00e9"]}}}"#,
            #"{\#(base),"user":{"extra":{"x":["é"]}}}"#,
            #"{\#(base),"responseStatus":{"code":-1}}"#,
            #"{\#(base),"responseStatus":{"code":2.0e2}}"#,
            #"{\#(base),"requestObject":{},"requestObject":null}"#,
            #"{"auditID":"a","verb":1}"#,
            #"{\#(base),"user":[]}"#,
        ]
        for text in declined { #expect(Self.walks(Array(text.utf8)).c == nil, "\(text)") }
        // The Swift walk reads the ones that are valid.
        #expect(Self.walks(Array(declined[7].utf8)).swift != nil)
        #expect(Self.walks(Array(declined[8].utf8)).swift != nil)
    }

    /// The walk notes, for each string field without escapes, whether its bytes are all ASCII
    /// (the aggregator then skips their UTF-8 check): on random Events with one byte changed at
    /// every position to a lead byte, a continuation byte or a letter, the note is exactly that.
    @Test func notesWhichStringFieldsAreASCII() {
        var random = SplitMix64(seed: 5)
        let scratch = UnsafeMutablePointer<nhi_k8s_event>.allocate(capacity: 1)
        defer { scratch.deallocate() }
        var noted = 0, nonASCII = 0
        for _ in 0..<60 {
            let event = Array(Self.event(&random).utf8)
            for position in event.indices {
                for byte: UInt8 in [0xC3, 0xA9, UInt8(ascii: "q")] {
                    var changed = event
                    changed[position] = byte
                    withExactBytes(changed) { raw in
                        let begin = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                        guard nhi_k8s_scan(begin, begin + raw.count, scratch) != 0 else { return }
                        let fields = UnsafeRawPointer(scratch.pointer(to: \.fields)!).assumingMemoryBound(
                            to: nhi_json_span.self)
                        let order = UnsafeRawPointer(scratch.pointer(to: \.order)!).assumingMemoryBound(to: UInt8.self)
                        for index in 0..<Int(scratch.pointee.order_count) where Int(order[index]) < NHI_K8S_FIELDS {
                            let span = fields[Int(order[index])]
                            guard span.escaped == 0 else { continue }
                            let isASCII = UnsafeBufferPointer(start: span.start, count: Int(span.count)).allSatisfy {
                                $0 < 0x80
                            }
                            noted += 1
                            if !isASCII { nonASCII += 1 }
                            #expect((span.ascii != 0) == isASCII, "\(String(decoding: changed, as: UTF8.self))")
                        }
                    }
                }
            }
        }
        #expect(noted > 10_000 && nonASCII > 1_000, "\(noted) noted, \(nonASCII) not ASCII")
    }

    @Test func agreesOnTheScannerTestsTrickyRecords() {
        for (record, _) in KubernetesAuditScannerTests.tricky { Self.expectAgreement(Array(record.utf8)) }
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func agreesOnEveryRealRecordAndReadsMostItself() throws {
        var records = 0, accepted = 0
        for folder in ["k8s-audit/audit2rbac", "k8s-audit/falco-trace-files"] {
            let directory = try #require(Fixtures.sharedFile(folder))
            for name in try Collector.listFiles(directory).filter({ !$0.hasSuffix(".yaml") }) {
                let url = directory.appendingPathComponent(name)
                let buffer = StreamBuffer(source: try ByteSources.open(url, displayName: name), displayName: name)
                var stream = JSONRecordStream(buffer: buffer, file: name)
                try stream.forEachRecord { bytes, _, _ in
                    let record = Array(bytes)
                    Self.expectAgreement(record)
                    records += 1
                    if Self.walks(record).c != nil { accepted += 1 }
                }
            }
        }
        #expect(records > 40)
        // EventLists are the Swift walk's; every plain Event is the C walk's.
        #expect(accepted * 10 >= records * 9, "\(accepted) of \(records)")
    }
}

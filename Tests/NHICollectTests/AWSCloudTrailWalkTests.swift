import CJSONScan
import Foundation
@testable import NHICollect
import Testing
import TestSupport

/// The C walk of CloudTrail events (`nhi_ct_scan`, the hot path of `CloudTrailScanner.scan`)
/// against the Swift walk it mirrors (`CloudTrailScanner.walk`): whenever the C walk accepts an
/// event, the sink must hear exactly what the Swift walk tells it (the same calls, values,
/// offsets and order; the Swift walk's "absent" calls aside), and the Swift walk must accept the
/// event too. The C walk may decline only what it is documented to decline.
@Suite struct CloudTrailWalkTests {
    /// What a sink is told, in order; `field` calls without a value are left out (a sink starts
    /// each event with every field absent, and the C walk does not repeat that).
    enum Call: Equatable {
        case field(CloudTrailField, [UInt8], offset: Int, escaped: Bool)
        case readOnly(Bool?)
        case request(isObject: Bool)
        case name([UInt8], offset: Int, escaped: Bool)
    }

    struct Recorder: CloudTrailFieldSink {
        var calls: [Call] = []
        mutating func field(_ field: CloudTrailField, _ value: JSONStringSpan?, at offset: Int) throws(JSONScanError) {
            guard let value else { return }
            calls.append(
                .field(
                    field, Array(UnsafeBufferPointer(start: value.start, count: value.count)), offset: offset,
                    escaped: value.hasEscapes))
        }
        mutating func readOnly(_ value: Bool?) { calls.append(.readOnly(value)) }
        mutating func beginRequestParameters(isObject: Bool) { calls.append(.request(isObject: isObject)) }
        mutating func requestParameterName(_ name: JSONStringSpan, at offset: Int) throws(JSONScanError) {
            calls.append(
                .name(
                    Array(UnsafeBufferPointer(start: name.start, count: name.count)), offset: offset,
                    escaped: name.hasEscapes))
        }
    }

    /// The userIdentity memos of the C walk, kept from one record to the next as a reader keeps
    /// them (the same bytes are then read from a memo, near-identical ones are not).
    final class Memos {
        let table = UnsafeMutablePointer<nhi_ct_identity_memos>.allocate(capacity: 1)
        init() {
            UnsafeMutableRawPointer(table).initializeMemory(
                as: UInt8.self, repeating: 0, count: MemoryLayout<nhi_ct_identity_memos>.size)
        }
        deinit { table.deallocate() }
        var hits: UInt64 { table.pointee.hits }
    }

    /// The calls from the C walk (nil when it declines) and from the Swift walk (nil when it
    /// throws). The C walk reads the record twice, the second time with the memos it just filled
    /// (and `memos` kept from earlier records, when given): each time it must say the same.
    static func walks(_ bytes: [UInt8], memos: Memos? = nil) -> (c: [Call]?, swift: [Call]?) {
        withExactBytes(bytes) { raw in
            let begin = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
            let scratch = UnsafeMutablePointer<nhi_ct_event>.allocate(capacity: 1)
            defer { scratch.deallocate() }
            let memos = memos ?? Memos()
            var c: Recorder? = Recorder()
            if nhi_ct_scan(begin, begin + raw.count, scratch, memos.table) != 0 {
                // Through the scanner's own entry, which replays what the C walk noted.
                try? CloudTrailScanner.scan(raw, into: &c!, scratch: scratch, memos: memos.table)
                var again = Recorder()
                try? CloudTrailScanner.scan(raw, into: &again, scratch: scratch, memos: memos.table)
                if again.calls != c!.calls { c = nil }
            } else {
                c = nil
            }
            var swift: Recorder? = Recorder()
            do { try CloudTrailScanner.walk(raw, into: &swift!) } catch { swift = nil }
            return (c?.calls, swift?.calls)
        }
    }

    static var differential: WalkDifferential<Call> { WalkDifferential { walks($0) } }

    static func expectAgreement(
        _ bytes: [UInt8], mustAccept: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        differential.expectAgreement(bytes, mustAccept: mustAccept, sourceLocation: sourceLocation)
    }

    /// A random CloudTrail-like event: every field the walks read, in random order, as strings
    /// (plain, escaped, non-ASCII), as other values, or left out; nested identity variants.
    static func event(_ random: inout SplitMix64) -> String {
        func value() -> String {
            random.pick([
                "\"plain\"", "\"arn:aws:iam::111122223333:role/deploy\"", "\"\"", "\"caf\\u00e9 \\\"q\\\" \\/\"",
                "\"\u{00e9}t\u{00e9}\"",
                "\"a long value that crosses more than one sixteen byte step\"", "null", "12", "true", "[\"x\"]",
                "{\"k\":\"v\"}",
            ])
        }
        let issuer = random.object(
            ["type", "arn", "accountId", "userName", "principalId"].filter { _ in random.next() % 4 != 0 }.map {
                random.member($0, value())
            })
        let context = random.object(
            [
                random.member(
                    "attributes", "{\"creationDate\":\"2026-10-01T00:00:00Z\",\"mfaAuthenticated\":\"false\"}"),
                random.member("sessionIssuer", random.next() % 6 == 0 ? value() : issuer),
                random.member("webIdFederationData", "{}"),
            ]
            .filter { _ in random.next() % 4 != 0 })
        let identityFields = ["type", "arn", "accountId", "accessKeyId", "principalId", "userName", "invokedBy"]
        let identity = random.object(
            identityFields.filter { _ in random.next() % 3 != 0 }.map { random.member($0, value()) }
                + (random.next() % 3 != 0
                    ? [random.member("sessionContext", random.next() % 8 == 0 ? value() : context)] : []))
        let request = random.pick([
            "null", "\"text\"", "[]", "{}", "{\"stackName\":\"app\",\"parameters\":[{\"k\":\"v\"}],\"n\":1}",
            "{\"caf\\u00e9\":1,\"\u{00e9}\":{\"deep\":[[]]},\"dup\":1,\"dup\":2}",
        ])
        let topFields = [
            "eventTime", "eventSource", "eventName", "eventType", "awsRegion", "recipientAccountId", "sourceIPAddress",
            "userAgent", "errorCode", "eventID", "eventVersion", "tlsDetails", "responseElements",
        ]
        var members = topFields.filter { _ in random.next() % 4 != 0 }.map { random.member($0, value()) }
        if random.next() % 5 != 0 {
            members.append(random.member("userIdentity", random.next() % 10 == 0 ? value() : identity))
        }
        if random.next() % 4 != 0 { members.append(random.member("requestParameters", request)) }
        if random.next() % 3 != 0 {
            members.append(
                random.member(
                    "readOnly", random.pick(["true", "false", "\"true\"", "\"false\"", "\"yes\"", "null", "1"])))
        }
        return random.space() + random.object(members) + random.space()
    }

    @Test func agreesOnRandomEventsAndEveryMutationOfThem() {
        Self.differential.expectAgreementOnRandomRecords(
            400, seed: 21, alphabet: Array("\"\\{}[],:0 tnu".utf8) + [0x01, 0xFF], Self.event)
    }

    /// With memos kept from record to record, each mutation of a record is read after the record
    /// itself: a userIdentity changed by one byte, cut short or followed by other bytes must not
    /// be taken from the memo of the original, and one left as it was must (`hits`).
    @Test func agreesWithUserIdentityMemosKeptAcrossMutatedRecords() {
        let memos = Memos()
        let kept = WalkDifferential<Call> { Self.walks($0, memos: memos) }
        kept.expectAgreementOnRandomRecords(
            200, seed: 22, alphabet: Array("\"\\{}[],:0 tnu".utf8) + [0x01, 0xFF], Self.event)
        #expect(memos.hits > 4_000)
    }

    /// A changed identity is read from its bytes, not from the memo of the one before.
    @Test func takesAMemoOnlyForTheSameBytes() {
        let memos = Memos()
        let first =
            #"{"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r/s1","accountId":"1"},"eventName":"a"}"#
        let second =
            #"{"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r/s2","accountId":"1"},"eventName":"b"}"#
        let shorter =
            #"{"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r/s1"},"eventName":"a"}"#
        // Alike in their first 128 bytes, so they share a memo slot, and different after.
        let padding = String(repeating: "p", count: 130)
        let long = #"{"userIdentity":{"principalId":"\#(padding)","arn":"arn:aws:iam::1:user/u1"},"eventName":"c"}"#
        let longOther =
            #"{"userIdentity":{"principalId":"\#(padding)","arn":"arn:aws:iam::1:user/u2"},"eventName":"c"}"#
        let longCut = #"{"userIdentity":{"principalId":"\#(padding)"},"eventName":"c"}"#
        for text in [first, second, first, shorter, " " + first, long, longOther, long, longCut, longOther] {
            let (c, swift) = Self.walks(Array(text.utf8), memos: memos)
            #expect(c != nil && c == swift, "\(text)")
        }
        #expect(memos.hits >= 4)
    }

    @Test func declinesWhatOnlyTheSwiftWalkReadsExactly() {
        let declined = [
            #"{"eventName":"a","eventName":"b"}"#,
            #"{"userIdentity":{"type":"A"},"userIdentity":{"arn":"x"}}"#,
            #"{"userIdentity":{"type":"A","type":"B"}}"#,
            #"{"userIdentity":{"sessionContext":{"sessionIssuer":{"arn":"a"},"sessionIssuer":{"arn":"b"}}}}"#,
            #"{"userIdentity":{"sessionContext":{},"sessionContext":{}}}"#,
            #"{"readOnly":true,"readOnly":false}"#,
            #"{"requestParameters":{},"requestParameters":null}"#,
            #"{"event\u004eame":"escaped key"}"#,
            #"{"userIdentity":{"\u0074ype":"escaped key"}}"#,
            #"{"readOnly":"tr\u0075e"}"#,
            #"{"readOnly":"vrai\u00e9"}"#,
            #"{"eventName":"a"} x"#,
            "{\"requestParameters\":{" + (0..<65).map { "\"p\($0)\":1" }.joined(separator: ",") + "}}",
        ]
        for text in declined {
            #expect(Self.walks(Array(text.utf8)).c == nil, "\(text)")
        }
        // And the scanner still reads them, through the Swift walk.
        #expect((try? CloudTrailEvent.scan(UnsafeRawBufferPointer(start: nil, count: 0))) == nil)
        var event = CloudTrailEvent()
        Array(declined[0].utf8).withUnsafeBytes { try? CloudTrailScanner.scan($0, into: &event) }
        #expect(event.eventName == "b")
    }

    @Test func agreesOnTheScannerTestsTrickyAndMalformedEvents() {
        for text in CloudTrailScannerTests.tricky + CloudTrailScannerTests.malformed {
            Self.expectAgreement(Array(text.utf8))
        }
        // The tricky events are read by the C walk itself.
        for text in CloudTrailScannerTests.tricky { #expect(Self.walks(Array(text.utf8)).c != nil, "\(text)") }
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func readsEveryRealEventItselfAndAgrees() throws {
        var compared = 0
        for folder in ["aws-cloudtrail/stratus-red-team", "aws-cloudtrail/s3-delivered"] {
            let directory = Fixtures.sharedFile(folder)!
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                for record in try CloudTrailScannerTests.records(directory.appendingPathComponent(name)) {
                    Self.expectAgreement(Array(record), mustAccept: true)
                    compared += 1
                }
            }
        }
        #expect(compared >= 130)
    }
}

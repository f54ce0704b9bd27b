import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// The hand-written CloudTrail field scanner must extract exactly what Foundation's
/// JSONSerialization sees, on real logs and on tricky or broken input.
@Suite struct CloudTrailScannerTests {
    /// The same extraction through JSONSerialization; nil when Foundation rejects the record.
    static func reference(_ data: Data) -> CloudTrailEvent? {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        func bool(_ value: Any?) -> Bool? {
            if let text = value as? String { return text == "true" ? true : (text == "false" ? false : nil) }
            guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else { return nil }
            return number.boolValue
        }
        var event = CloudTrailEvent()
        event.eventTime = object["eventTime"] as? String
        event.eventSource = object["eventSource"] as? String
        event.eventName = object["eventName"] as? String
        event.eventType = object["eventType"] as? String
        event.awsRegion = object["awsRegion"] as? String
        event.recipientAccountId = object["recipientAccountId"] as? String
        event.sourceIPAddress = object["sourceIPAddress"] as? String
        event.userAgent = object["userAgent"] as? String
        event.errorCode = object["errorCode"] as? String
        event.eventID = object["eventID"] as? String
        event.readOnly = bool(object["readOnly"])
        event.requestParameterNames = (object["requestParameters"] as? [String: Any]).map { $0.keys.sorted() }
        if let user = object["userIdentity"] as? [String: Any] {
            event.identity.type = user["type"] as? String
            event.identity.arn = user["arn"] as? String
            event.identity.accountId = user["accountId"] as? String
            event.identity.accessKeyId = user["accessKeyId"] as? String
            event.identity.principalId = user["principalId"] as? String
            event.identity.userName = user["userName"] as? String
            event.identity.invokedBy = user["invokedBy"] as? String
            let issuer = (user["sessionContext"] as? [String: Any])?["sessionIssuer"] as? [String: Any]
            event.identity.issuerType = issuer?["type"] as? String
            event.identity.issuerArn = issuer?["arn"] as? String
            event.identity.issuerAccountId = issuer?["accountId"] as? String
            event.identity.issuerUserName = issuer?["userName"] as? String
        }
        return event
    }

    static func scan(_ text: String) -> CloudTrailEvent? { scan(Data(text.utf8)) }

    static func scan(_ data: Data) -> CloudTrailEvent? {
        data.withUnsafeBytes { bytes in try? CloudTrailEvent.scan(bytes) }
    }

    /// Every record of a file, as the reader splits it.
    static func records(_ url: URL) throws -> [Data] {
        let buffer = StreamBuffer(
            source: try ByteSources.open(url, displayName: url.lastPathComponent), displayName: "x")
        var stream = JSONRecordStream(buffer: buffer, file: url.lastPathComponent)
        var out: [Data] = []
        try stream.forEachRecord { bytes, _, _ in out.append(Data(bytes)) }
        return out
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func realLogsExtractExactlyWhatJSONSerializationSees() throws {
        let folders = ["aws-cloudtrail/stratus-red-team", "aws-cloudtrail/s3-delivered"]
        var compared = 0
        for folder in folders {
            let directory = Fixtures.sharedFile(folder)!
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                let url = directory.appendingPathComponent(name)
                let records = try Self.records(url)
                if !name.hasSuffix(".gz") {
                    let whole = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
                    let expected = (whole as? [Any])?.count ?? ((whole as? [String: Any])?["Records"] as? [Any])?.count
                    #expect(records.count == expected, "\(name)")
                }
                for record in records {
                    let mine = Self.scan(record)
                    #expect(mine != nil, "\(name)")
                    #expect(mine == Self.reference(record), "\(name)")
                    #expect(mine?.eventName != nil && mine?.eventTime != nil && mine?.identity.type != nil, "\(name)")
                    compared += 1
                }
            }
        }
        #expect(compared >= 130)
    }

    static let tricky: [String] = [
        #"{"eventTime":"2026-10-01T00:00:00Z","eventName":"Caf\u00e9","userAgent":"rocket \ud83d\ude80 \u2603 \"q\" \\ \/ \b\f\n\r\t"}"#,
        #"{"eventSource":"s3.amazonaws.com","requestParameters":{"z":{"a":[1,{"b":"}]\""}]},"a":null,"m":[[],{}],"n":-0.5e+10,"t":true},"eventName":"PutObject"}"#,
        #"{"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r/s","sessionContext":{"attributes":{"x":"y"},"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::1:role/r","accountId":"1","userName":"r","principalId":"P"},"webIdFederationData":{}}},"eventName":"X"}"#,
        #"{"readOnly":"false","eventName":123,"awsRegion":null,"errorCode":["AccessDenied"],"userAgent":{"not":"a string"}}"#,
        #"  {"readOnly" : true , "eventID" : "id" , "requestParameters" : "a string" }  "#,
        #"{"requestParameters":{"dup":1,"dup":2,"é":"x","":0},"eventName":"E"}"#,
        #"{"eventName":"a\u0000b","sourceIPAddress":"\u00E9\u00e9","recipientAccountId":"0123","numbers":[0,-1,1.25,3e5,2E-3,-0.0]}"#,
        #"{"userIdentity":"a string","responseElements":{"deep":[[[[[[{"x":"]]]]"}]]]]]]}}"#,
        #"{"userIdentity":{"type":"AWSService","invokedBy":"ec2.amazonaws.com","sessionContext":null},"readOnly":false}"#,
        #"{}"#,
    ]

    @Test(arguments: tricky)
    func trickyEventsMatchJSONSerialization(_ text: String) {
        let mine = Self.scan(text)
        #expect(mine != nil)
        #expect(mine == Self.reference(Data(text.utf8)))
    }

    @Test func escapesAndSurrogatePairsAreDecoded() throws {
        let event = try #require(Self.scan(Self.tricky[0]))
        #expect(event.eventName == "Café")
        #expect(event.userAgent == "rocket 🚀 ☃ \"q\" \\ / \u{8}\u{c}\n\r\t")
        let names = try #require(Self.scan(Self.tricky[1])?.requestParameterNames)
        #expect(names == ["a", "m", "n", "t", "z"])
    }

    static let malformed: [String] = [
        #"{"eventName":"X""eventTime":"T"}"#,
        #"{"eventName":"unterminated}"#,
        #"{"eventName":"bad \x escape"}"#,
        #"{"eventName":"bad \u12G4 escape"}"#,
        #"{"eventName":"lone \ud83d surrogate"}"#,
        #"{"eventName":"lone \ude80 low"}"#,
        #"{"n":01}"#,
        #"{"n":1.}"#,
        #"{"n":-}"#,
        #"{"n":tru}"#,
        #"{"n":nul}"#,
        #"{"a":[1,2}"#,
        #"{"a":{"b":1]}"#,
        #"{"a":1} trailing"#,
        #"["not","an","object"]"#,
        #"{eventName:"X"}"#,
        "{\"eventName\":\"raw\ttab\"}",
        "{\"eventName\":\"raw\nnewline\"}",
        #"{"a""#,
        "",
    ]

    @Test(arguments: malformed)
    func malformedRecordsAreRejectedByBoth(_ text: String) {
        #expect(Self.scan(text) == nil)
        #expect(Self.reference(Data(text.utf8)) == nil)
    }

    /// RFC 8259 has no trailing commas; Foundation on Linux tolerates them, the scanner does not.
    @Test func trailingCommasAreRejectedWhereFoundationIsLenient() {
        for text in [#"{"eventName":"X",}"#, #"{"a":[1,2,],"eventName":"X"}"#] {
            #expect(Self.scan(text) == nil)
            #expect(Self.reference(Data(text.utf8)) != nil)
        }
    }

    static func hasTrailingComma(_ text: String) -> Bool {
        text.range(of: #",\s*[}\]]"#, options: .regularExpression) != nil
    }

    @Test func deepNestingIsRejectedNotACrash() {
        let deep = "{\"a\":" + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
        #expect(Self.scan(deep) == nil)
    }

    @Test func invalidUTF8InAnExtractedFieldIsRejected() {
        var bytes = Array(#"{"eventName":"ab"}"#.utf8)
        bytes[14] = 0xFF
        #expect(Self.scan(Data(bytes)) == nil)
    }

    /// Random ASCII mutations of a valid event: the scanner never crashes, and accepts exactly
    /// what JSONSerialization accepts, with the same fields (except trailing commas, see above).
    @Test func mutatedEventsParseOrAreRejectedLikeFoundation() throws {
        let base = Array(Self.tricky[2].utf8) + []
        let alphabet = Array(#"{}[]":,\"u0123456789abcdefnulltrue-+.eE "#.utf8)
        var random = SplitMix64(seed: 0x5EED)
        var accepted = 0
        for _ in 0..<3000 {
            var bytes = base
            for _ in 0..<Int(random.next() % 3) + 1 {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
                }
            }
            let data = Data(bytes)
            let mine = Self.scan(data)
            let theirs = Self.reference(data)
            let text = String(decoding: bytes, as: UTF8.self)
            if mine == nil && theirs != nil && Self.hasTrailingComma(text) { continue }
            #expect(mine == theirs, "\(text)")
            if mine != nil { accepted += 1 }
        }
        #expect(accepted > 100)
    }
}

/// A small deterministic random generator, so the mutation test is the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `bytes` with one byte replaced, removed or inserted (from `alphabet`) at a random place.
    mutating func mutatedOnce(_ bytes: [UInt8], from alphabet: [UInt8]) -> [UInt8] {
        var changed = bytes
        let position = Int(next() % UInt64(bytes.count))
        switch next() % 3 {
        case 0: changed[position] = alphabet[Int(next() % UInt64(alphabet.count))]
        case 1: changed.remove(at: position)
        default: changed.insert(alphabet[Int(next() % UInt64(alphabet.count))], at: position)
        }
        return changed
    }
}

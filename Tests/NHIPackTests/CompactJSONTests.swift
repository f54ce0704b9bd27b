import Foundation
import NHIModel
@testable import NHIPack
import Testing
import TestSupport

/// The hand-written compact JSON (`CompactJSON`) must be byte for byte what JSONEncoder with
/// sorted keys makes of the same value: strings of every kind, integers at their limits, and
/// random values of every model written this way, with each optional present or absent.
@Suite struct CompactJSONTests {
    static func encoded<T: Encodable>(_ value: T) throws -> [UInt8] {
        [UInt8](try NHIJSON.encoder(pretty: false).encode(value))
    }

    static func written<T: CompactJSON>(_ value: T) -> [UInt8] {
        var json = CompactJSONWriter()
        value.write(to: &json)
        return json.bytes
    }

    static func expectSame<T: Encodable & CompactJSON>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let expected = try encoded([value]), got = [UInt8(ascii: "[")] + written(value) + [UInt8(ascii: "]")]
        #expect(
            got == expected,
            "\(String(decoding: got, as: UTF8.self)) != \(String(decoding: expected, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }

    /// Every ASCII character alone and among text, and non-ASCII that escapes often get wrong.
    static let pieces: [String] =
        (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + [
            "é", "ß", "日本", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{202E}", "\u{FFFD}", "\u{FFFF}", "\u{10FFFF}",
            "😀", "👩‍👩‍👧", "🇫🇷", "e\u{301}", "\r\n", "\\u0000", "\\\"", "</script>", "https://a/b?c=d&e", "\u{7F}",
            "\u{80}", "\u{9F}", "\u{A0}", "\u{D7FF}", "\u{E000}",
        ]

    @Test func everyPieceAloneIsEncodedAsJSONEncoderDoes() throws {
        for piece in Self.pieces {
            try Self.expectSame(piece)
            try Self.expectSame("a\(piece)b\(piece)\(piece)")
        }
        try Self.expectSame("")
    }

    /// Strings are passed eight bytes at a time where no byte is escaped: each piece at every
    /// offset of a long plain text, so that it falls at every place in a word and in the tail.
    @Test func everyPieceAtEveryOffsetIsEncodedAsJSONEncoderDoes() throws {
        let plain = "abcdefghijklmnopqrstuvwxyz0123456789"
        for piece in Self.pieces {
            for offset in 0...plain.utf8.count {
                let index = plain.index(plain.startIndex, offsetBy: offset)
                try Self.expectSame(String(plain[..<index]) + piece + String(plain[index...]))
            }
        }
    }

    /// Markup is searched eight bytes at a time for what Markdown escapes: the same answer and the
    /// same Markdown as escaping every character, with each piece at every offset and at random.
    @Test func markupEscapesAreFoundWhereverTheyAre() {
        let escaped = Set("\\<>&`".utf8)
        func expectFound(_ text: String) {
            #expect(OSCALMarkup.hasEscapes(text) == text.utf8.contains(where: escaped.contains), "\(text)")
            let reference = text.map { "\\<>&`".contains($0) ? "\\\($0)" : String($0) }.joined()
            #expect(OSCALMarkup(text).markdown == reference, "\(text)")
        }
        let plain = "abcdefghijklmnopqrstuvwxyz0123456789"
        for piece in Self.pieces {
            for offset in 0...plain.utf8.count {
                let index = plain.index(plain.startIndex, offsetBy: offset)
                expectFound(String(plain[..<index]) + piece + String(plain[index...]))
            }
        }
        var random = SeedMutator(seed: 0x6D61_726B)
        for _ in 0..<3_000 { expectFound(Self.randomString(&random)) }
    }

    @Test func randomStringsAreEncodedAsJSONEncoderDoes() throws {
        var random = SeedMutator(seed: 0x6A73_6F6E)
        for _ in 0..<3_000 {
            try Self.expectSame(Self.randomString(&random))
        }
    }

    /// Random bytes made into a String (invalid UTF-8 repaired, as any String holds valid UTF-8).
    @Test func stringsFromRandomBytesAreEncodedAsJSONEncoderDoes() throws {
        var random = SeedMutator(seed: 0x6279_7465_73)
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0..<40, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            try Self.expectSame(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func integersAtTheirLimits() throws {
        var random = SeedMutator(seed: 0x696E_74)
        let values = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int.max - 1, Int.min + 1, 1_000_000_000_000]
        for value in values + (0..<500).map({ _ in Int.random(in: Int.min...Int.max, using: &random) }) {
            try Self.expectSame(value)
        }
        try Self.expectSame(true)
        try Self.expectSame(false)
    }

    @Test func dictionariesInTheByteOrderOfTheirKeys() throws {
        var random = SeedMutator(seed: 0x6469_6374)
        try Self.expectSame(CompactDictionary(values: [:]))
        try Self.expectSame(
            CompactDictionary(values: ["b": "1", "B": "2", "a1": "3", "a10": "4", "a2": "5", "é": "6"]))
        for _ in 0..<300 {
            var values: [String: String] = [:]
            for _ in 0..<Int.random(in: 0..<8, using: &random) {
                values[Self.randomString(&random)] = Self.randomString(&random)
            }
            try Self.expectSame(CompactDictionary(values: values))
        }
    }

    @Test func resultsListsAsJSONEncoderWritesThem() throws {
        var random = SeedMutator(seed: 0x7265_7375_6C74)
        for _ in 0..<400 {
            try Self.expectSame(RandomModels.finding(&random))
            try Self.expectSame(RandomModels.authority(&random))
            try Self.expectSame(RandomModels.identity(&random))
            try Self.expectSame(RandomModels.framework(&random))
        }
        for finding in SampleResults.findings() { try Self.expectSame(finding) }
        for framework in SampleResults.document().frameworks { try Self.expectSame(framework) }
        for row in SampleResults.document().authority { try Self.expectSame(row) }
    }

    @Test func oscalObservationsAndRisksAsJSONEncoderWritesThem() throws {
        var random = SeedMutator(seed: 0x6F73_6361_6C)
        for _ in 0..<400 {
            try Self.expectSame(RandomModels.observation(&random))
            try Self.expectSame(RandomModels.risk(&random))
        }
        let parts = try OSCALStreamingTests.parts(OSCALStreamingTests.document(extra: 0), .json)
        for index in 0..<parts.observations.count { try Self.expectSame(parts.observations.make(index)) }
        for index in 0..<parts.risks.count { try Self.expectSame(parts.risks.make(index)) }
    }

    @Test func randomAssessmentResultsAsJSONEncoderWritesThem() throws {
        var random = SeedMutator(seed: 0x6672_616D_65)
        for _ in 0..<200 {
            let parts = RandomModels.parts(&random)
            var json = CompactJSONWriter()
            parts.write(to: &json)
            let expected = try Self.encoded(parts.whole)
            #expect(json.bytes == expected, "\(String(decoding: json.bytes, as: UTF8.self))")
        }
    }

    /// A model that gains a stored property must gain its member in the writer: the random values
    /// above set only the properties the writer knows.
    @Test func theWritersKnowEveryStoredProperty() {
        var random = SeedMutator(seed: 1)
        let counts: [(Any, Int)] = [
            (RandomModels.finding(&random), 10), (RandomModels.evidence(&random), 5),
            (RandomModels.waiver(&random), 4), (RandomModels.authority(&random), 13),
            (RandomModels.identity(&random), 13), (RandomModels.credential(&random), 6),
            (RandomModels.observation(&random), 9), (RandomModels.risk(&random), 10),
            (RandomModels.response(&random), 5), (RandomModels.logEntry(&random), 9),
            (OSCALSubject(subjectUUID: "", type: ""), 2), (OSCALRelevantEvidence(href: "", description: ""), 2),
            (OSCALRiskLog(entries: []), 1), (OSCALLoggedBy(partyUUID: ""), 1),
            (OSCALRelatedResponse(responseUUID: ""), 1), (OSCALRelatedObservation(observationUUID: ""), 1),
            (OSCALProp(name: "", ns: nil, value: ""), 3), (OSCALMarkup(""), 1),
            (RandomModels.metadata(&random), 8), (RandomModels.resource(&random), 5),
            (RandomModels.link(&random), 3), (OSCALParty(uuid: "", type: "", name: ""), 3),
            (OSCALRLink(href: "", mediaType: nil, hashes: nil), 3), (OSCALHash(algorithm: "", value: ""), 2),
            (OSCALBackMatter(resources: []), 1), (OSCALImportAP(href: ""), 1),
            (RandomModels.result(&random), 12), (OSCALLocalDefinitions(inventoryItems: []), 1),
            (OSCALInventoryItem(uuid: "", description: "", props: nil), 3),
            (OSCALReviewedControls(controlSelections: []), 1), (RandomModels.selection(&random), 7),
            (OSCALIncludeAll(), 0), (OSCALSelectControl(controlID: ""), 1),
            (RandomModels.controlFinding(&random), 7), (OSCALTargetStatus(state: "", reason: nil), 2),
            (OSCALTarget(type: "", targetID: "", status: OSCALTargetStatus(state: "", reason: nil), remarks: nil), 4),
            (OSCALRelatedRisk(riskUUID: ""), 1), (RandomModels.parts(&random).frame, 1),
            (RandomModels.parts(&random).frame.assessmentResults, 5),
        ]
        for (value, count) in counts {
            #expect(Mirror(reflecting: value).children.count == count, "\(type(of: value))")
        }
    }

    static func randomString(_ random: inout SeedMutator) -> String {
        (0..<Int.random(in: 0..<6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }
}

/// A dictionary member alone, to compare with JSONEncoder's encoding of `[String: String]`.
private struct CompactDictionary: Encodable, CompactJSON {
    var values: [String: String]

    func write(to json: inout CompactJSONWriter) {
        json.openObject()
        json.member("values", values)
        json.closeObject()
    }
}

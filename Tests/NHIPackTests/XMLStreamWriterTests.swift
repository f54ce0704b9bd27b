import Foundation
@testable import NHIPack
import Testing
import TestSupport

/// `XMLStreamWriter` must write byte for byte what libxml2's xmlTextWriter writes for the same
/// calls (`LibXMLTextWriter`), compact and indented: every character alone in text and in
/// attributes, random strings and random trees, and a document streamed into a pack file in
/// batches.
@Suite struct XMLStreamWriterTests {
    /// One call of the writer's API, made on both writers. Names are static strings, as the
    /// writer takes them; libxml2 gets their text.
    enum Call {
        case start(StaticString, namespace: String?)
        case attribute(StaticString, String)
        case optionalAttribute(StaticString, String?)
        case text(String)
        case end
        case element(StaticString, String, [(StaticString, String)])
        case optionalElement(StaticString, String?)
        case empty(StaticString, [(StaticString, String?)])
    }

    static func written(_ calls: [Call], indent: Bool) -> [UInt8]? {
        let w = XMLStreamWriter(indent: indent)
        for call in calls { make(call, w) }
        return (try? w.finish()).map { [UInt8]($0) }
    }

    static func make(_ call: Call, _ w: XMLStreamWriter) {
        switch call {
        case .start(let name, let namespace): w.start(name, namespace: namespace)
        case .attribute(let name, let value): w.attribute(name, value)
        case .optionalAttribute(let name, let value): w.attribute(name, value)
        case .text(let value): w.text(value)
        case .end: w.end()
        case .element(let name, let value, let attributes): w.element(name, value, attributes: attributes)
        case .optionalElement(let name, let value): w.element(name, value)
        case .empty(let name, let attributes): w.empty(name, attributes: attributes)
        }
    }

    /// The calls through libxml2, the convenience ones as the calls they stand for.
    static func expected(_ calls: [Call], indent: Bool) -> [UInt8]? {
        let w = LibXMLTextWriter(indent: indent)
        for call in calls {
            switch call {
            case .start(let name, let namespace): w.start(name.description, namespace: namespace)
            case .attribute(let name, let value): w.attribute(name.description, value)
            case .optionalAttribute(let name, let value): if let value { w.attribute(name.description, value) }
            case .text(let value): w.text(value)
            case .end: w.end()
            case .element(let name, let value, let attributes):
                w.start(name.description, namespace: nil)
                for (key, attributeValue) in attributes { w.attribute(key.description, attributeValue) }
                w.text(value)
                w.end()
            case .optionalElement(let name, let value):
                guard let value else { continue }
                w.start(name.description, namespace: nil)
                w.text(value)
                w.end()
            case .empty(let name, let attributes):
                w.start(name.description, namespace: nil)
                for case (let key, let value?) in attributes { w.attribute(key.description, value) }
                w.end()
            }
        }
        return w.finish()
    }

    static func expectSame(_ calls: [Call], sourceLocation: SourceLocation = #_sourceLocation) {
        for indent in [false, true] {
            let got = written(calls, indent: indent), expected = expected(calls, indent: indent)
            #expect(got != nil, "indent \(indent): \(calls)", sourceLocation: sourceLocation)
            // Compared first so that a failure shows the two documents as text, not as bytes.
            let same = got == expected
            #expect(
                same,
                "indent \(indent): \(String(decoding: got ?? [], as: UTF8.self)) != \(String(decoding: expected ?? [], as: UTF8.self))",
                sourceLocation: sourceLocation)
        }
    }

    /// A value in text, in an attribute, in a namespace and in an attribute of an empty element.
    static func everywhere(_ value: String) -> [Call] {
        [
            .start("root", namespace: value), .attribute("a", value),
            .element("t", value, [("b" as StaticString, value)]),
            .empty("e", [("c" as StaticString, value), ("d", nil)]), .text(value), .end,
        ]
    }

    /// Every ASCII character, the characters XML forbids, and non-ASCII at the edges of UTF-8's
    /// byte lengths and of what XML allows.
    static let pieces: [String] =
        (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + [
            "é", "ß", "日本", "\u{80}", "\u{9F}", "\u{A0}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FEFF}",
            "\u{2028}", "\u{202E}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{F000}", "\u{FFBF}",
            "\u{FFFC}",
            "\u{10000}", "\u{1FFFE}", "\u{10FFFF}", "😀", "👩‍👩‍👧", "e\u{301}", "\r\n", "&amp;", "&#13;", "]]>",
            "<![CDATA[x]]>", "\"'", "a\u{0}b",
        ]

    static func randomString(_ random: inout SeedMutator) -> String {
        (0..<Int.random(in: 0..<6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    /// Any scalar but a surrogate, which a Swift string cannot hold.
    static func randomScalars(_ random: inout SeedMutator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0..<12, using: &random) {
            let ranges: [ClosedRange<UInt32>] = [
                0...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF,
            ]
            let value = UInt32.random(in: ranges.randomElement(using: &random)!, using: &random)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    @Test func everyPieceAloneAndAmongText() {
        for piece in Self.pieces {
            Self.expectSame(Self.everywhere(piece))
            Self.expectSame(Self.everywhere("a\(piece)b\(piece)\(piece)"))
        }
    }

    /// The writer passes words of eight plain bytes at once: each piece that needs escaping or
    /// replacing (and a few that do not) at every offset of plain texts of 0 to 64 bytes, so in
    /// every lane of a word and in the tail.
    @Test func piecesAtEveryOffsetOfPlainText() {
        let pieces = [
            "\u{0}", "\t", "\n", "\r", "\u{1F}", "\"", "&", "<", ">", "\u{FFFE}", "\u{FFFF}", "\u{F000}", "é", " ", "@",
        ]
        for length in 0...64 {
            let plain = String(repeating: "x", count: length)
            for offset in 0...length {
                let index = plain.index(plain.startIndex, offsetBy: offset)
                for piece in pieces {
                    Self.expectSame(Self.everywhere(String(plain[..<index]) + piece + String(plain[index...])))
                }
            }
        }
    }

    @Test func emptyTextAndEmptyElements() {
        Self.expectSame(Self.everywhere(""))
        Self.expectSame([.start("root", namespace: nil), .end])
        Self.expectSame([.start("root", namespace: "urn:x"), .end])
        Self.expectSame([.start("root", namespace: "urn:x"), .text(""), .end])
        Self.expectSame([.start("root", namespace: "urn:x"), .attribute("a", ""), .start("child", namespace: nil)])
        Self.expectSame([.start("root", namespace: nil), .empty("e", []), .element("t", "", []), .text(""), .end])
        Self.expectSame([.start("root", namespace: nil), .optionalElement("t", nil), .optionalAttribute("a", nil)])
    }

    @Test func mixedContentAndDeepTrees() {
        Self.expectSame([
            .start("root", namespace: nil), .text("a"), .start("b", namespace: nil), .text("c"), .end, .text("d"),
            .empty("e", []), .start("f", namespace: nil), .start("g", namespace: nil), .end, .text("h"), .end, .end,
        ])
        let deep: [Call] = (0..<40).map {
            .start(Self.names[$0 % Self.names.count], namespace: $0 % 7 == 0 ? "urn:\($0)" : nil)
        }
        Self.expectSame(deep + [.text("x")] + deep.map { _ in .end })
        Self.expectSame(deep + deep.map { _ in .end })
        Self.expectSame(deep)
    }

    @Test func randomStringsEverywhere() {
        var random = SeedMutator(seed: 0x786D_6C73)
        for _ in 0..<1_500 {
            Self.expectSame(Self.everywhere(Self.randomString(&random)))
            Self.expectSame(Self.everywhere(Self.randomScalars(&random)))
        }
    }

    /// Random bytes made into a String (invalid UTF-8 repaired, as any String holds valid UTF-8).
    @Test func stringsFromRandomBytesEverywhere() {
        var random = SeedMutator(seed: 0x786D_6C62)
        for _ in 0..<1_500 {
            let bytes = (0..<Int.random(in: 0..<40, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            Self.expectSame(Self.everywhere(String(decoding: bytes, as: UTF8.self)))
        }
    }

    static let names: [StaticString] = ["a", "p", "prop", "evidence-pack", "x.y_z", "ns:name"]

    /// An element with random attributes and random content; the trailing ends are left to
    /// `finish` now and then.
    static func tree(_ random: inout SeedMutator, depth: Int, into calls: inout [Call]) {
        let name = names.randomElement(using: &random)!
        switch Int.random(in: 0..<10, using: &random) {
        case 0:
            let attributes = (0..<Int.random(in: 0..<3, using: &random)).map { _ in
                (names.randomElement(using: &random)!, randomString(&random))
            }
            return calls.append(.element(name, randomString(&random), attributes))
        case 1:
            let attributes = (0..<Int.random(in: 0..<3, using: &random)).map { _ in
                (names.randomElement(using: &random)!, Bool.random(using: &random) ? nil : randomString(&random))
            }
            return calls.append(.empty(name, attributes))
        case 2:
            return calls.append(.optionalElement(name, Bool.random(using: &random) ? nil : randomString(&random)))
        default: break
        }
        let namespace = Int.random(in: 0..<4, using: &random) == 0 ? randomString(&random) : nil
        calls.append(.start(name, namespace: namespace))
        for _ in 0..<Int.random(in: 0..<4, using: &random) {
            let attribute = names.randomElement(using: &random)!
            if Bool.random(using: &random) {
                calls.append(.attribute(attribute, randomString(&random)))
            } else {
                calls.append(.optionalAttribute(attribute, Bool.random(using: &random) ? nil : randomString(&random)))
            }
        }
        for _ in 0..<(depth < 4 ? Int.random(in: 0..<5, using: &random) : 0) {
            if Int.random(in: 0..<3, using: &random) == 0 {
                calls.append(.text(randomString(&random)))
            } else {
                tree(&random, depth: depth + 1, into: &calls)
            }
        }
        calls.append(.end)
    }

    @Test func randomTrees() {
        var random = SeedMutator(seed: 0x7472_6565)
        for _ in 0..<1_000 {
            var calls: [Call] = [.start("root", namespace: Bool.random(using: &random) ? "urn:root" : nil)]
            Self.tree(&random, depth: 1, into: &calls)
            calls.append(.end)
            if Int.random(in: 0..<5, using: &random) == 0 {
                while case .end? = calls.last { calls.removeLast() }
            }
            Self.expectSame(calls)
        }
    }

    /// A call out of its place fails the document, as libxml2's writer does.
    @Test func callsOutOfPlaceFailTheDocument() {
        let misplaced: [[Call]] = [
            [.start("root", namespace: nil), .text("t"), .attribute("a", "v"), .end],
            [.start("root", namespace: nil), .empty("e", []), .attribute("a", "v"), .end],
            [.start("root", namespace: nil), .end, .end],
            [.start("root", namespace: nil), .start("", namespace: nil), .end],
            [.start("root", namespace: nil), .attribute("", "v"), .end],
        ]
        for calls in misplaced {
            for indent in [false, true] {
                #expect(Self.expected(calls, indent: indent) == nil, "\(calls)")
                #expect(Self.written(calls, indent: indent) == nil, "\(calls)")
            }
        }
        #expect(Self.written([.text("outside")], indent: false) == nil)
    }

    /// A document of several megabytes written into a pack file in batches is the document
    /// written into memory, and libxml2's.
    @Test func streamedIntoAPackFileInBatches() throws {
        var random = SeedMutator(seed: 0x6669_6C65)
        var calls: [Call] = [.start("root", namespace: "urn:root"), .attribute("a", "b")]
        while calls.count < 250_000 { Self.tree(&random, depth: 1, into: &calls) }
        calls.append(.end)
        for indent in [false, true] {
            let streamed = try OSCALStreamingTests.written { file in
                let w = XMLStreamWriter(to: file, indent: indent)
                for call in calls { Self.make(call, w) }
                try w.endDocument()
            }
            #expect(streamed.count > 2 * ByteBatch.size)
            let expected = try #require(Self.expected(calls, indent: indent))
            let bytes = [UInt8](streamed)
            let streamedSame = bytes == expected
            let inMemorySame = Self.written(calls, indent: indent) == expected
            // Where the documents part, rather than megabytes of bytes, when they differ.
            let common = min(bytes.count, expected.count)
            let firstDifference = (0..<common).first { bytes[$0] != expected[$0] } ?? common
            #expect(streamedSame, "indent \(indent): streamed differs from byte \(firstDifference)")
            #expect(inMemorySame, "indent \(indent)")
        }
    }

    /// A value larger than a whole batch, written where the buffer has the least room left: the
    /// buffer grows to hold it, in memory and into a pack file alike.
    @Test func aValueLargerThanABatch() throws {
        let large = String(repeating: "a<b&\u{FFFE}\u{E9}", count: ByteBatch.size / 2)
        let calls: [Call] = [
            .start("root", namespace: nil), .element("first", "x", [("a" as StaticString, large)]), .text(large),
            .optionalElement("last", "y"), .end,
        ]
        for indent in [false, true] {
            let streamed = try OSCALStreamingTests.written { file in
                let w = XMLStreamWriter(to: file, indent: indent)
                for call in calls { Self.make(call, w) }
                try w.endDocument()
            }
            let expected = try #require(Self.expected(calls, indent: indent))
            // Compared first so that a failure does not print megabytes of bytes.
            let streamedSame = [UInt8](streamed) == expected
            let inMemorySame = Self.written(calls, indent: indent) == expected
            #expect(streamedSame, "indent \(indent)")
            #expect(inMemorySame, "indent \(indent)")
        }
    }
}

import Foundation
import NHIModel
@testable import NHIPack
import Testing

/// A document written with its long list spliced in a chunk at a time (`PrettyJSONList`) must be
/// byte for byte the pretty JSONEncoder encoding of the whole document: lists at the top and deep
/// inside, elements with empty lists and objects of their own, text with newlines, quotes and
/// non-ASCII, every chunk size from one element to more than the list.
@Suite struct PrettyJSONListTests {
    struct Element: Codable, Equatable {
        var name: String
        var tags: [String]
        var facts: [String: String]
        var inner: [Element]?
        var at: Date?
    }

    struct Top: Codable {
        var alpha: [String: Int]
        var items: [Element]
        var zulu: [Element]
    }

    /// `{ runs: [ { items: [], tool: … } ] }`: the list three objects deep, as SARIF's results are.
    struct Deep: Codable {
        struct Run: Codable {
            var items: [Element]
            var tool: [String: String]
        }
        var runs: [Run]
        var version: String
    }

    /// A top-level list beside empty lists of the same name deeper down.
    struct Shadowed: Codable {
        var items: [Element]
        var more: [Deep.Run]
    }

    static let texts = ["", "plain", "line\nbreak", "\"quoted\" \\", "日本 😀", "  spaced  ", "[\n\n  ]", "\t"]

    static func element(_ random: inout SystemRandomNumberGenerator, depth: Int = 0) -> Element {
        func text() -> String { texts.randomElement(using: &random)! }
        return Element(
            name: text(), tags: (0..<Int.random(in: 0...3, using: &random)).map { _ in text() },
            facts: Dictionary((0..<Int.random(in: 0...2, using: &random)).map { ("k\($0)" + text(), text()) }) {
                first, _ in first
            },
            inner: depth < 2 && Bool.random(using: &random)
                ? (0..<Int.random(in: 0...2, using: &random)).map { _ in element(&random, depth: depth + 1) } : nil,
            at: Bool.random(using: &random) ? Date(timeIntervalSince1970: 1_790_000_000) : nil)
    }

    static func written<Shell: Encodable>(
        _ shell: Shell, list: String, depth: Int, _ elements: [Element], chunkSize: Int
    ) throws -> Data {
        var out = Data()
        try PrettyJSONList.write(
            shell, list: list, depth: depth, count: elements.count, chunkSize: chunkSize,
            elements: { Array(elements[$0]) }, to: { out.append($0) })
        return out
    }

    static func expectSame(_ got: Data, _ expected: Data, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            got == expected,
            "\(String(decoding: got, as: UTF8.self))\n!=\n\(String(decoding: expected, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }

    @Test func aTopLevelListIsWrittenAsTheWholeDocumentIsEncoded() throws {
        var random = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 3, 5, 9, 40] {
            let elements = (0..<count).map { _ in Self.element(&random) }
            let zulu = (0..<Int.random(in: 0...2, using: &random)).map { _ in Self.element(&random) }
            let whole = Top(alpha: ["a": 1], items: elements, zulu: zulu)
            let expected = try NHIJSON.encoder().encode(whole)
            for chunkSize in [1, 2, 3, 7, 64] {
                let got = try Self.written(
                    Top(alpha: ["a": 1], items: [], zulu: zulu), list: "items", depth: 1, elements,
                    chunkSize: chunkSize)
                Self.expectSame(got, expected)
            }
        }
    }

    @Test func aListThreeObjectsDeepIsWrittenAsTheWholeDocumentIsEncoded() throws {
        var random = SystemRandomNumberGenerator()
        for count in [0, 1, 4, 11] {
            let elements = (0..<count).map { _ in Self.element(&random) }
            let expected = try NHIJSON.encoder().encode(
                Deep(runs: [Deep.Run(items: elements, tool: ["name": "x\ny"])], version: "2.1.0"))
            for chunkSize in [1, 3, 1024] {
                let got = try Self.written(
                    Deep(runs: [Deep.Run(items: [], tool: ["name": "x\ny"])], version: "2.1.0"), list: "items",
                    depth: 3, elements, chunkSize: chunkSize)
                Self.expectSame(got, expected)
            }
        }
    }

    /// A list of that name deeper than the one meant, or a text that reads like it, is not its place.
    @Test func onlyTheMemberAtTheGivenDepthIsThePlace() throws {
        let decoy = Element(name: "\"items\" : [\n\n  ]", tags: [], facts: [:], inner: [], at: nil)
        let elements = [Element(name: "one", tags: ["t"], facts: [:], inner: nil, at: nil)]
        let expected = try NHIJSON.encoder().encode(Top(alpha: [:], items: elements, zulu: [decoy]))
        let got = try Self.written(
            Top(alpha: [:], items: [], zulu: [decoy]), list: "items", depth: 1, elements, chunkSize: 1)
        Self.expectSame(got, expected)
        let deeper = [Deep.Run(items: [], tool: [:])]
        Self.expectSame(
            try Self.written(Shadowed(items: [], more: deeper), list: "items", depth: 1, elements, chunkSize: 1),
            try NHIJSON.encoder().encode(Shadowed(items: elements, more: deeper)))
        #expect(throws: PackError.self) {
            try Self.written(Top(alpha: [:], items: [], zulu: []), list: "items", depth: 2, elements, chunkSize: 1)
        }
    }
}

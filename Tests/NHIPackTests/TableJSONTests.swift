import Foundation
import Testing
import TestSupport

@testable import NHIPack

/// The report's table data: valid JSON that no input text can break out of its script element,
/// with the texts rows repeat written once, and the page's markers replaced by it.
@Suite struct TableJSONTests {
    static let hostile = "</script><!--x--> \"q\" back\\slash & tab\t nl\n \u{1} \u{2028}\u{2029} é"

    static func table(_ rows: [[ReportTable.Cell]], shared: [Int] = [1]) -> ReportTable {
        ReportTable(name: "t", shared: shared, count: rows.count, row: { rows[$0] })
    }

    @Test func everyTextIsEscapedForAScriptElementAndReadsBack() throws {
        let json = try TableJSON.string(Self.table([[.text(Self.hostile), .text("x"), .number(-7)]]))
        for forbidden in ["<", ">", "&", "\n", "\t", "\u{1}", "\u{2028}", "\u{2029}"] {
            #expect(!json.contains(forbidden), "\(forbidden.unicodeScalars.first!.value) written raw")
        }
        #expect(json.contains("\\u003c/script\\u003e\\u003c!--x--\\u003e") && json.contains("\\u2028\\u2029"))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let row = try #require((data["rows"] as? [[Any]])?.first)
        #expect(row[0] as? String == Self.hostile)
        #expect(row[2] as? Int == -7)
    }

    @Test func sharedColumnsHoldIndexesIntoTextsWrittenOnceInOrder() throws {
        let rows: [[ReportTable.Cell]] = [
            [.text("a"), .text("high")], [.text("b"), .text("low")], [.text("c"), .text("high")],
        ]
        let json = try TableJSON.string(Self.table(rows))
        #expect(json == #"{"shared":[1],"rows":[["a",0],["b",1],["c",0]],"strings":["high","low"]}"#)
    }

    /// `appendString` byte by byte, as the escaping is specified: the reference for the writer,
    /// which copies runs of bytes that need nothing at once.
    static func simpleString(_ text: String) -> [UInt8] {
        func escape(_ value: UInt32) -> [UInt8] {
            let hex = String(value, radix: 16)
            return Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        }
        let bytes = Array(text.utf8)
        var out: [UInt8] = [UInt8(ascii: "\"")], at = 0
        while at < bytes.count {
            let byte = bytes[at]
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0..<0x20: out += escape(UInt32(byte))
            case 0xE2 where at + 2 < bytes.count && bytes[at + 1] == 0x80 && (bytes[at + 2] & 0xFE) == 0xA8:
                out += escape(0x2000 + UInt32(bytes[at + 2] - 0x80))
                at += 2
            default: out.append(byte)
            }
            at += 1
        }
        return out + [UInt8(ascii: "\"")]
    }

    static func expectSameString(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var got: [UInt8] = []
        TableJSON.appendString(text, to: &got)
        #expect(got == simpleString(text), "\(Array(text.utf8))", sourceLocation: sourceLocation)
    }

    /// Each special piece at every offset of plain texts of 0 to 64 bytes, and random texts.
    @Test func stringsAreEscapedAsByteByByte() {
        let pieces = [
            "\"", "\\", "<", ">", "&", "\u{0}", "\u{1F}", "\t", "\n", "\r", "\u{7F}", "é", "\u{2028}", "\u{2029}",
            "\u{2027}", "\u{202A}", "\u{20AC}", "\u{E000}", "😀", "?", "@", "\u{3F}",
        ]
        for length in 0...64 {
            let plain = String(repeating: "x", count: length)
            Self.expectSameString(plain)
            for offset in 0...length {
                for piece in pieces {
                    let index = plain.index(plain.startIndex, offsetBy: offset)
                    Self.expectSameString(String(plain[..<index]) + piece + String(plain[index...]))
                }
            }
        }
        var random = SeedMutator(seed: 0x7461_626C_65)
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0..<48, using: &random)).map { _ -> UInt8 in
                Bool.random(using: &random)
                    ? [0xE2, 0x80, 0xA8, 0xA9, 0x22, 0x5C, 0x3C, 0x00][Int.random(in: 0..<8, using: &random)]
                    : UInt8.random(in: 0...255, using: &random)
            }
            Self.expectSameString(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// A shared column's text is found by its last row's text or by the table of all texts alike.
    @Test func sharedTextsRepeatedAndAlternatingKeepTheirIndexes() throws {
        let texts = ["a", "b", "a", "a", "c", "b", "b", "a"]
        let rows = texts.map { [ReportTable.Cell.text($0), .text($0)] }
        let json = try TableJSON.string(Self.table(rows, shared: [0, 1]))
        let rowsWritten = "[0,0],[1,1],[0,0],[0,0],[2,2],[1,1],[1,1],[0,0]"
        #expect(json == #"{"shared":[0,1],"rows":["# + rowsWritten + #"],"strings":["a","b","c"]}"#)
    }

    @Test func markersAreReplacedByTheirTableOnce() throws {
        let table = Self.table([[.text("a"), .text("b")]])
        var bytes: [UInt8] = []
        try ReportTables.write(page: "<p>" + ReportTables.marker("t") + "</p>", tables: [table]) { bytes += $0 }
        #expect(String(decoding: bytes, as: UTF8.self) == #"<p>{"shared":[1],"rows":[["a",0]],"strings":["b"]}</p>"#)
        let twice = ReportTables.marker("t") + ReportTables.marker("t")
        #expect(throws: PackError.self) { try ReportTables.write(page: twice, tables: [table]) { _ in } }
        #expect(throws: PackError.self) {
            try ReportTables.write(page: ReportTables.marker("unknown"), tables: [table]) { _ in }
        }
    }

    /// The page as the simple reference places its tables: split at every marker byte, each odd
    /// part a table's name.
    static func referencePage(_ page: String, tables: [ReportTable]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, part) in page.utf8.split(separator: 1, omittingEmptySubsequences: false).enumerated() {
            if index % 2 == 0 {
                bytes += part
            } else {
                let name = String(decoding: part, as: UTF8.self)
                try TableJSON.write(try #require(tables.first { $0.name == name }), to: { bytes += $0 })
            }
        }
        return bytes
    }

    @Test func pagesAreCutAtTheirMarkersAsTheReferenceCutsThem() throws {
        let tables = ["a", "b", "c"].map {
            ReportTable(name: $0, shared: [], count: 1, row: { _ in [.text("row")] })
        }
        var random = SeedMutator(seed: 0x7061_6765)
        for _ in 0..<300 {
            var names = ["a", "b", "c"].shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))
            var page = ""
            while true {
                page += ["", "<p>", "é", "\n", "</script>\u{2028}&"].randomElement(using: &random)!
                guard let name = names.popFirst() else { break }
                page += ReportTables.marker(name)
            }
            var bytes: [UInt8] = []
            try ReportTables.write(page: page, tables: tables) { bytes += $0 }
            #expect(bytes == (try Self.referencePage(page, tables: tables)))
        }
    }
}

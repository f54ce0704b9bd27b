import Foundation
import Testing

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
}

import Foundation
import NHICollect
import Testing

@Suite struct CSVTableTests {
    private func table(_ text: String) throws -> CSVTable {
        try CSVTable(data: Data(text.utf8), file: "t.csv")
    }

    @Test func quotedFieldsKeepCommasQuotesAndNewlines() throws {
        let csv = try table("id,note\n1,\"a, \"\"quoted\"\"\nsecond line\"\n2,plain\n")
        #expect(csv.rows.count == 2)
        #expect(csv.value(csv.rows[0], "note") == "a, \"quoted\"\nsecond line")
        #expect(csv.rows[1].line == 4)
    }

    @Test func bomAndCRLFAreHandled() throws {
        let csv = try CSVTable(
            data: Data([0xEF, 0xBB, 0xBF]) + Data("Id,Owner\r\nx,alice\r\n\r\ny,bob\r\n".utf8), file: "t.csv")
        #expect(csv.header == ["Id", "Owner"])
        #expect(csv.rows.map { csv.value($0, "owner") } == ["alice", "bob"])
        #expect(csv.rows.map(\.line) == [2, 4])
    }

    @Test func emptyCellsAreNil() throws {
        let csv = try table("a,b\n1,\n")
        #expect(csv.value(csv.rows[0], "b") == nil)
        #expect(csv.value(csv.rows[0], "missing") == nil)
    }

    @Test func unterminatedQuoteNamesTheLine() throws {
        #expect {
            try table("a,b\n1,2\n3,\"open\n")
        } throws: { error in
            (error as? CollectError)?.description == "t.csv:3: quoted field is never closed"
        }
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: CollectError.self) { try table("") }
    }
}

import Foundation
import NHICollect
import Testing

@Suite struct JSONRecordSplitterTests {
    private func records(_ text: String) throws -> [(String, Int, Int?)] {
        var found: [(String, Int, Int?)] = []
        try JSONRecordSplitter.forEach(in: Data(text.utf8), file: "f.json") {
            found.append((String(decoding: $0.bytes, as: UTF8.self), $0.line, $0.index))
        }
        return found
    }

    @Test func jsonLinesKeepLineNumbersAndSkipBlankLines() throws {
        let found = try records("{\"a\":1}\n\n{\"b\":\"}\\\"{\"}\nnot json\n")
        #expect(found.map(\.0) == ["{\"a\":1}", "{\"b\":\"}\\\"{\"}", "not json"])
        #expect(found.map(\.1) == [1, 3, 4])
        #expect(found.allSatisfy { $0.2 == nil })
    }

    @Test func truncatedLineDoesNotSwallowTheNextOnes() throws {
        let found = try records("{\"a\":1}\n{\"b\":\n{\"c\":3}\n")
        #expect(found.map(\.1) == [1, 2, 3])
    }

    @Test func arrayElementsKeepIndexAndLine() throws {
        let found = try records("\u{FEFF}[\n  {\"a\": [1, {\"x\": \"]\"}]},\n  {\"b\": 2}\n]\n")
        #expect(found.map(\.0) == ["{\"a\": [1, {\"x\": \"]\"}]}", "{\"b\": 2}"])
        #expect(found.map(\.1) == [2, 3])
        #expect(found.map(\.2) == [0, 1])
    }

    @Test func prettyPrintedObjectsFollowingEachOther() throws {
        let found = try records("{\n  \"a\": 1\n}\n{\n  \"b\": 2\n}\n")
        #expect(found.map(\.1) == [1, 4])
        #expect(JSONRecordSplitter.shape(of: Data("{\n\"a\":1}".utf8)) == .objects)
        #expect(JSONRecordSplitter.shape(of: Data("{\"a\":1}\n{\"a\":2}".utf8)) == .lines)
        #expect(JSONRecordSplitter.shape(of: Data(" \n".utf8)) == .empty)
    }

    @Test func unclosedArrayNamesTheLine() {
        #expect { try records("[\n{\"a\":1},\n{\"b\":") } throws: { error in
            (error as? CollectError)?.description == "f.json:3: JSON value is never closed"
        }
        #expect(throws: CollectError.self) { try records("[{\"a\":1}] trailing") }
    }
}

@Suite struct JSONRecordSplitterScalarTests {
    @Test func arraysOfScalarsSplitIntoTheirElements() throws {
        var found: [String] = []
        try JSONRecordSplitter.forEach(in: Data("[1, \"a,]\" ,true]".utf8), file: "f") {
            found.append(String(decoding: $0.bytes, as: UTF8.self))
        }
        #expect(found == ["1", "\"a,]\"", "true"])
    }
}

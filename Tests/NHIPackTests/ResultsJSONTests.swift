import Foundation
import NHIFiles
import NHIModel
@testable import NHIPack
import Testing
import TestSupport

/// results.json is written in pieces (its largest lists in batches) so that it is never held whole
/// in memory; the bytes must be those of encoding the document at once.
@Suite struct ResultsJSONTests {
    /// The sample document with `count` findings and authority rows, so that batches fill and split.
    static func document(findings count: Int) -> ResultsDocument {
        var doc = SampleResults.document()
        let finding = doc.findings[0], row = doc.authority[0]
        doc.findings = (0..<count).map { index in
            var copy = finding
            copy.id = "\(finding.id)-\(index)"
            copy.summary = "\"findings\":[] \\ \(index) \(SampleResults.hostile)"
            return copy
        }
        doc.authority = (0..<count).map { index in
            var copy = row
            copy.name = "authority \(index) \"authority\":[]"
            return copy
        }
        return doc
    }

    static func written(_ doc: ResultsDocument, pretty: Bool) throws -> Data {
        let folder = try Fixtures.temporaryFolder("nhi-results-json")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try PackFile(path: "results.json", in: folder)
        try ResultsJSON.write(doc, pretty: pretty, to: file)
        let entry = try file.close()
        let data = try Data(contentsOf: folder.appendingPathComponent("results.json"))
        #expect(
            entry.sha256 == SHA256Hex.of(data) && entry.size == Int64(data.count),
            "the entry describes the bytes written")
        return data
    }

    @Test(arguments: [0, 1, ResultsJSON.batchSize, ResultsJSON.batchSize + 1, 2 * ResultsJSON.batchSize + 7])
    func compactIsTheWholeDocumentEncodedAtOnce(findings: Int) throws {
        let doc = Self.document(findings: findings)
        var whole = try NHIJSON.encoder(pretty: false).encode(doc)
        whole.append(0x0A)
        #expect(try Self.written(doc, pretty: false) == whole)
    }

    @Test func prettyIsIndented() throws {
        let doc = Self.document(findings: 3)
        var whole = try NHIJSON.encoder(pretty: true).encode(doc)
        whole.append(0x0A)
        let written = try Self.written(doc, pretty: true)
        #expect(written == whole)
        #expect(String(decoding: written, as: UTF8.self).contains("\n  \""))
    }

    @Test func onlyTopLevelListsAreFound() {
        let json = Data(#"{"a":{"findings":[]},"b":"\"findings\":[]","findings":[],"z":1}"#.utf8)
        let offset = ResultsJSON.emptyArray(at: "findings", in: json)
        #expect(offset == 54)
        #expect(ResultsJSON.emptyArray(at: "missing", in: json) == nil)
    }
}

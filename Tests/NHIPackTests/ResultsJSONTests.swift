import Foundation
import NHIFiles
import NHIModel
@testable import NHIPack
import Testing
import TestSupport

/// results.json is written in pieces (its largest lists element by element, a batch at a time) so
/// that it is never held whole in memory; the bytes must be those of encoding the document at once.
@Suite struct ResultsJSONTests {
    /// Enough findings, rows and identities that each list fills more than two batches.
    static let many = 9_000

    /// The sample document with `count` findings, authority rows and identities.
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
        doc.identities = (0..<count).map { index in
            IdentitySummary(
                id: IdentityID("\(SampleResults.hostileIdentity)-\(index)"),
                name: "identity \(index) \"identities\":[]",
                platform: .aws, kind: .role, environments: ["prod", SampleResults.hostile],
                owner: SampleResults.hostile,
                createdAt: ISO8601.parse("2026-01-02T03:04:05Z"),
                credentials: [
                    CredentialSummary(
                        id: "AKIA\(index)", kind: .accessKey, active: index % 2 == 0, issuedAt: nil,
                        lastUsedAt: ISO8601.parse("2026-09-30T00:00:00Z"), expiresAt: nil)
                ])
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

    @Test(arguments: [0, 1, 2, many])
    func compactIsTheWholeDocumentEncodedAtOnce(findings: Int) throws {
        let doc = Self.document(findings: findings)
        var whole = try NHIJSON.encoder(pretty: false).encode(doc)
        whole.append(0x0A)
        #expect(try Self.written(doc, pretty: false) == whole)
        if findings == Self.many {
            for list in [doc.findings as [any Encodable], doc.authority, doc.identities ?? []] {
                let bytes = try NHIJSON.encoder(pretty: false).encode(list.map(AnyEncodable.init))
                #expect(bytes.count > 2 * ByteBatch.size, "every list spans batches")
            }
        }
    }

    @Test func absentIdentitiesStayAbsent() throws {
        var doc = Self.document(findings: 2)
        doc.identities = nil
        var whole = try NHIJSON.encoder(pretty: false).encode(doc)
        whole.append(0x0A)
        let written = try Self.written(doc, pretty: false)
        #expect(written == whole)
        let object = try JSONSerialization.jsonObject(with: written) as? [String: Any]
        #expect(object?["findings"] != nil && object?["identities"] == nil)
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

private struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}

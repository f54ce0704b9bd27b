import Foundation
import NHIFiles
import NHIModel
@testable import NHIPack
import Testing
import TestSupport

/// The assessment results are written into their files as their observations and risks are made
/// (`OSCALResultsParts`): the JSON must be the bytes of encoding the whole document at once, and
/// the XML must hold every observation and risk of the whole document, in order, and validate.
@Suite struct OSCALStreamingTests {
    /// The sample document with `extra` copies of its findings, so that batches fill and split.
    static func document(extra: Int) -> ResultsDocument {
        var doc = SampleResults.document()
        let originals = doc.findings
        doc.findings += (0..<extra).map { index in
            var copy = originals[index % originals.count]
            copy.id = "\(copy.id)-\(index)"
            copy.summary = "\(index) \(SampleResults.hostile) [\"observations\"]"
            return copy
        }
        return doc
    }

    /// The document in `format`, around content made from a context of `contentFormat` (the pack
    /// makes it once, from the JSON context, for both).
    static func parts(
        _ doc: ResultsDocument, _ format: OSCALFormat, contentFormat: OSCALFormat? = nil
    ) throws -> OSCALResultsParts {
        let catalogFiles = try OSCALCatalogBuilder.build(doc, catalogs: SampleResults.catalogs(), pretty: false)
        let context = { (format: OSCALFormat) in
            OSCALContext(doc: doc, inputs: [], format: format, catalogFiles: catalogFiles)
        }
        return OSCALResultsBuilder.build(
            context(format), content: OSCALResultsContent(context(contentFormat ?? format)),
            resultsDigest: String(repeating: "a", count: 64))
    }

    static func written(_ write: (PackFile) throws -> Void) throws -> Data {
        let folder = try Fixtures.temporaryFolder("nhi-oscal-streaming")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try PackFile(path: "results", in: folder)
        try write(file)
        let entry = try file.close()
        let data = try Data(contentsOf: folder.appendingPathComponent("results"))
        #expect(entry.sha256 == SHA256Hex.of(data) && entry.size == Int64(data.count))
        return data
    }

    /// Enough findings that the observations and the risks each fill more than two batches.
    static let many = 4_000

    @Test(arguments: [0, 1, many])
    func streamedJSONIsTheWholeDocumentEncodedAtOnce(extra: Int) throws {
        let parts = try Self.parts(Self.document(extra: extra), .json)
        #expect(parts.observations.count > extra && parts.risks.count == extra + SampleResults.findings().count)
        var whole = try NHIJSON.encoder(pretty: false).encode(parts.whole)
        whole.append(0x0A)
        #expect(try Self.written { try OSCALJSONWriter.writeResults(parts, pretty: false, to: $0) } == whole)
        if extra == Self.many {
            let encoder = NHIJSON.encoder(pretty: false)
            let result = parts.whole.assessmentResults.results[0]
            #expect(try encoder.encode(result.observations).count > 2 * ByteBatch.size)
            #expect(try encoder.encode(result.risks).count > 2 * ByteBatch.size)
        }
    }

    @Test func withoutFindingsTheListsAreAbsent() throws {
        var doc = SampleResults.document()
        doc.findings = []
        let parts = try Self.parts(doc, .json)
        #expect(parts.risks.count == 0 && parts.whole.assessmentResults.results[0].risks == nil)
        var whole = try NHIJSON.encoder(pretty: false).encode(parts.whole)
        whole.append(0x0A)
        let written = try Self.written { try OSCALJSONWriter.writeResults(parts, pretty: false, to: $0) }
        #expect(written == whole)
        #expect(!String(decoding: written, as: UTF8.self).contains("\"risks\""))
    }

    @Test(arguments: OSCALFormat.allCases)
    func contentMadeForEitherFormatServesBoth(format: OSCALFormat) throws {
        let doc = Self.document(extra: 40)
        let write = { (parts: OSCALResultsParts) in
            try Self.written { file in
                switch format {
                case .json: try OSCALJSONWriter.writeResults(parts, pretty: false, to: file)
                case .xml: try OSCALResultsXMLWriter.write(parts, pretty: false, to: file)
                }
            }
        }
        for contentFormat in OSCALFormat.allCases where contentFormat != format {
            #expect(
                try write(Self.parts(doc, format, contentFormat: contentFormat)) == write(Self.parts(doc, format)))
        }
    }

    @Test func streamedXMLHoldsEveryObservationAndRiskInOrderAndValidates() throws {
        let parts = try Self.parts(Self.document(extra: 600), .xml)
        let xml = String(
            decoding: try Self.written { try OSCALResultsXMLWriter.write(parts, pretty: false, to: $0) }, as: UTF8.self)
        let whole = parts.whole.assessmentResults.results[0]
        func uuids(_ element: String) -> [String] {
            xml.matches(of: try! Regex("<\(element) uuid=\"([^\"]+)\"")).compactMap { $0.output[1].substring }
                .map(String.init)
        }
        #expect(uuids("observation") == whole.observations?.map(\.uuid))
        #expect(uuids("risk") == whole.risks?.map(\.uuid))
        guard let schema = SchemaTests.oscalXSD else { return }
        let errors = try XMLSchemaValidator.validate(Data(xml.utf8), schema: schema, documentName: "results.xml")
        #expect(errors.isEmpty, "\(errors.prefix(5))")
    }
}

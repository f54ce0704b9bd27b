import Foundation
import NHIModel
@testable import NHIPack
import Testing
import TestSupport

/// Each evidence file's first record time is worked out once (`OSCALEvidenceFile`): an
/// observation's `collected` must be the earliest first record the ingest ledger states for its
/// files (never after the document), or the period end when none states one, as taking the
/// minimum over every file each time gives it.
@Suite struct OSCALEvidenceFileTests {
    @Test func collectionIsTheEarliestFirstRecordOfTheFiles() {
        var random = SeedMutator(seed: 0x6669_7273_74)
        let paths = ["a.json", "b.json", "c.csv", "d.log"]
        for _ in 0..<300 {
            var doc = SampleResults.document()
            let generated = doc.generatedAt.timeIntervalSince1970
            doc.ledger.entries = (0..<Int.random(in: 0..<8, using: &random)).map { _ in
                var entry = LedgerEntry(
                    file: paths.randomElement(using: &random)!, format: "json", sha256: "s", size: 1)
                if Bool.random(using: &random) {
                    // Around the document's time, so that some first records come after it.
                    entry.firstRecordAt = Date(
                        timeIntervalSince1970: generated + Double(Int.random(in: -500...100, using: &random)))
                }
                return entry
            }
            let context = OSCALContext(doc: doc, inputs: [], format: .json, catalogFiles: [])
            let files = (0..<Int.random(in: 0..<5, using: &random)).map { _ in paths.randomElement(using: &random)! }

            let firstRecords = doc.ledger.entries.filter { files.contains($0.file) }.compactMap(\.firstRecordAt)
            let expected = firstRecords.min().map { ISO8601.string(from: min($0, doc.generatedAt)) }
            let collection = context.collection(from: files)
            #expect(collection.collected == expected ?? context.evidenceTime)
            #expect(collection.props.map(\.value) == [expected == nil ? "period-end" : "record-time"])
        }
    }
}

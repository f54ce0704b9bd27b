import Foundation
import NHIModel
import Testing
import TestSupport

@testable import NHIPack

/// A finding's observation looks each evidence file up again only where the file changes: held to
/// a lookup per reference, on random findings whose evidence runs through one file and changes.
@Suite struct OSCALObservationTests {
    @Test func evidenceLinksAndCollectionAreThoseOfALookupPerReference() {
        var random = SeedMutator(seed: 0x6F62_7365_7276)
        let paths = ["a.json", "b.json", "c.csv"]
        for _ in 0..<100 {
            var doc = SampleResults.document()
            doc.ledger.entries = paths.filter { _ in Bool.random(using: &random) }.map { path in
                var entry = LedgerEntry(file: path, format: "json", sha256: "s", size: 1)
                entry.firstRecordAt = Date(
                    timeIntervalSince1970: doc.generatedAt.timeIntervalSince1970
                        - Double(Int.random(in: 1...500, using: &random)))
                return entry
            }
            doc.findings = (0..<Int.random(in: 1..<5, using: &random)).map { index in
                var finding = RandomModels.finding(&random)
                finding.id += "#\(index)"
                // Runs of one file, as sorted evidence cites them, and files that change.
                finding.evidence = (0..<Int.random(in: 0..<7, using: &random)).map { _ in
                    EvidenceRef(
                        file: paths.randomElement(using: &random)!, sha256: String(repeating: "ab", count: 32),
                        line: Int.random(in: 1...3, using: &random))
                }
                return finding
            }
            let context = OSCALContext(doc: doc, inputs: [], format: .json, catalogFiles: [])
            let content = OSCALResultsContent(context)
            for index in doc.findings.indices {
                let observation = content.observations.make(index)
                let refs = doc.findings[index].evidence
                let expected = refs.map { ref in
                    context.evidenceFile(ref.file)?.href ?? OSCALIdentifiers.namedInformation(sha256: ref.sha256)
                }
                #expect((observation.relevantEvidence ?? []).map(\.href) == expected)
                #expect((observation.relevantEvidence ?? []).map(\.description.text) == refs.map(\.locator))
                #expect(observation.collected == context.collection(from: refs.map(\.file)).collected)
            }
        }
    }
}

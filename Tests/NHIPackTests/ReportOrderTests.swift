import Foundation
import NHIModel
@testable import NHIPack
import Testing
import TestSupport

/// `ReportOrder.normalised` sorts a finding's evidence only where it is out of order: the
/// findings must be those of sorting every finding's evidence, ties (references equal but for
/// their SHA-256) kept in their given order as the stable sort keeps them.
@Suite struct ReportOrderTests {
    @Test func findingsAreThoseOfSortingEveryEvidenceList() {
        var random = SeedMutator(seed: 0x6F72_6465_72)
        for _ in 0..<300 {
            var doc = SampleResults.document()
            doc.findings = Self.findings(upTo: 30, &random)
            for index in doc.findings.indices {
                doc.findings[index].evidence = (0..<Int.random(in: 0..<6, using: &random)).map { _ in
                    Self.evidence(&random)
                }
            }
            let reference = doc.findings.map { finding in
                var finding = finding
                finding.evidence.sort()
                return finding
            }
            #expect(ReportOrder.normalised(doc).findings == Finding.inReportOrder(reference))
            for finding in doc.findings {
                #expect(ReportOrder.isSorted(finding.evidence) == (finding.evidence == finding.evidence.sorted()))
            }
        }
    }

    /// The controls of a normalised document: each control's ids sorted by (rank of its finding in
    /// the normalised findings, id), ids of no finding last; missing inputs sorted; all else kept.
    @Test func controlsAreThoseOfSortingByReportOrder() {
        var random = SeedMutator(seed: 0x6374_726C)
        for _ in 0..<200 {
            var doc = SampleResults.document()
            doc.findings = Self.findings(upTo: 20, &random)
            let names = doc.findings.map(\.id) + ["NHI-none", "NHI-other"]
            doc.frameworks = (0..<Int.random(in: 0..<3, using: &random)).map { framework in
                FrameworkAssessment(
                    framework: "F\(framework)", title: "F", version: "1",
                    controls: (0..<Int.random(in: 0..<4, using: &random)).map { control in
                        var ids = (0..<Int.random(in: 0..<12, using: &random)).map { _ in
                            names.randomElement(using: &random)!
                        }
                        if Bool.random(using: &random) { ids.sort() }
                        return ControlResult(
                            id: "C\(control)", title: "C", status: .notSatisfied, method: .rules, rules: [],
                            rationale: "", findings: ids,
                            missingInputs: [InputKind.allCases.randomElement(using: &random)!, .inventory])
                    })
            }
            let normalised = ReportOrder.normalised(doc)
            let rank = Dictionary(uniqueKeysWithValues: normalised.findings.enumerated().map { ($1.id, $0) })
            let reference = doc.frameworks.map { framework in
                var framework = framework
                framework.controls = framework.controls.map { control in
                    var control = control
                    control.findings = control.findings.map { (rank[$0] ?? Int.max, $0) }.sorted { $0 < $1 }.map(\.1)
                    control.missingInputs.sort()
                    return control
                }
                return framework
            }
            #expect(normalised.frameworks == reference)
        }
    }

    /// Fewer than `limit` random findings. Ids are unique in a document (the controls rank
    /// findings by id).
    static func findings(upTo limit: Int, _ random: inout SeedMutator) -> [Finding] {
        (0..<Int.random(in: 0..<limit, using: &random)).map { index in
            var finding = RandomModels.finding(&random)
            finding.id += "#\(index)"
            return finding
        }
    }

    /// References from a few values each, so that lists are often in order and often tie.
    static func evidence(_ random: inout SeedMutator) -> EvidenceRef {
        EvidenceRef(
            file: ["a", "b"].randomElement(using: &random)!, sha256: ["x", "y"].randomElement(using: &random)!,
            line: [nil, 1, 2].randomElement(using: &random)!, record: [nil, 1].randomElement(using: &random)!,
            pointer: [nil, "/p"].randomElement(using: &random)!)
    }

    /// Controls' finding ids by rank: the simple sort of (rank, id) pairs, whether the ids come in
    /// order (left as they are), out of order, repeated or naming no finding.
    @Test func controlFindingsAreThoseOfSortingByRankThenId() {
        var random = SeedMutator(seed: 0x7261_6E6B)
        let names = (0..<8).map { "NHI-\($0)" }
        for _ in 0..<500 {
            var rank: [String: Int] = [:]
            let ordered = names.shuffled(using: &random)
            for (position, name) in ordered.enumerated() where Bool.random(using: &random) {
                rank[name] = position
            }
            var ids = (0..<Int.random(in: 0..<10, using: &random)).map { _ in names.randomElement(using: &random)! }
            let reference = { (ids: [String]) in ids.map { (rank[$0] ?? Int.max, $0) }.sorted { $0 < $1 }.map(\.1) }
            if Bool.random(using: &random) { ids = reference(ids) }
            #expect(ReportOrder.ranked(ids, by: rank, ordered: ordered) == reference(ids))
        }
    }
}

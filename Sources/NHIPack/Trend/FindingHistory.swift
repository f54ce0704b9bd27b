import Foundation
import NHIModel

/// When each finding was first reported: carried over from the previous pack when it reported the
/// same finding (the same id), else this pack's period end. The report's ages and due dates count from it.
enum FindingHistory {
    static func dated(_ doc: ResultsDocument, previous: ResultsDocument?) -> ResultsDocument {
        let asOf = doc.scope.periodEnd ?? doc.generatedAt
        let earlier = Dictionary(
            (previous?.findings ?? []).map { finding in
                (finding.id, finding.firstReported ?? previous?.scope.periodEnd ?? previous?.generatedAt ?? asOf)
            }
        ) { first, _ in first }
        var doc = doc
        doc.findings = doc.findings.map { finding in
            var finding = finding
            finding.firstReported = earlier[finding.id].map { min($0, asOf) } ?? asOf
            return finding
        }
        return doc
    }
}

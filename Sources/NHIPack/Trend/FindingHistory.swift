import Foundation
import NHIModel

/// When each finding was first reported: carried over from the previous pack when it reported the
/// same finding (the same id), else this pack's period end. The report's ages and due dates count from it.
enum FindingHistory {
    static func dated(_ doc: consuming ResultsDocument, previous: ResultsDocument?) -> ResultsDocument {
        let asOf = doc.scope.periodEnd ?? doc.generatedAt
        let earlier = Dictionary(
            (previous?.findings ?? []).map { finding in
                (finding.id, finding.firstReported ?? previous?.scope.periodEnd ?? previous?.generatedAt ?? asOf)
            }
        ) { first, _ in first }
        // In place: the findings of a document handed over are not copied. Without a previous pack
        // no id is looked up (each would be hashed).
        doc.findings.withUnsafeMutableBufferPointer { findings in
            for index in findings.indices {
                findings[index].firstReported =
                    earlier.isEmpty ? asOf : earlier[findings[index].id].map { min($0, asOf) } ?? asOf
            }
        }
        return doc
    }
}

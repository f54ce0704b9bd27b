import Foundation
import NHIModel

/// findings.csv: every finding, one row each, with the facts the report shows beside it (owner,
/// first reported, due date, controls, remediation) and its evidence locators with their SHA-256:
/// the full finding list for a spreadsheet or a workpaper, however large the pack.
enum FindingsCSV {
    static let columns = [
        "id", "severity", "state", "rule", "subject", "name", "environment", "owner", "purpose",
        "first_reported", "age_days", "due", "overdue", "last_use", "controls", "summary", "remediation",
        "waiver", "evidence",
    ]

    /// Writes the file to `sink` in pieces of about `TableJSON.chunk` bytes.
    static func write(_ doc: ResultsDocument, facts: [String: FindingFacts], to sink: ([UInt8]) throws -> Void)
        throws
    {
        var out: [UInt8] = []
        CSVText.append(columns, to: &out)
        // Read in place: a loop variable or an array subscript would be a copy of each finding, a
        // retain of each of its texts.
        try doc.findings.withUnsafeBufferPointer { findings in
            for index in findings.indices {
                append(findings[index], fact: facts[findings[index].id], to: &out)
                if out.count >= TableJSON.chunk {
                    try sink(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        try sink(out)
    }

    private static func append(_ finding: Finding, fact: FindingFacts?, to out: inout [UInt8]) {
        let evidence = finding.evidence.map { ref in
            "\(ref.file) (\(ReportText.position(ref))) sha256:\(ref.sha256)"
        }
        CSVText.append(
            [
                finding.id, finding.severity.rawValue, FindingRows.state(finding), finding.rule, finding.subject,
                fact?.name ?? finding.subject, finding.environment ?? "", fact?.owner ?? "no owner",
                fact?.purpose ?? "",
                fact?.firstReported ?? "", fact.map { String($0.ageDays) } ?? "",
                fact?.due ?? "", fact?.overdue == true ? "yes" : "no",
                fact?.lastUse ?? "",
                (fact?.controls ?? []).map(\.name).joined(separator: "; "),
                finding.summary, fact?.remediation ?? "",
                finding.waiver.map {
                    "\($0.waiverId) (\($0.active ? "active" : "expired"), expires \(ReportText.day($0.expires)))"
                } ?? "",
                evidence.joined(separator: "; "),
            ], to: &out)
    }
}

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
        for finding in doc.findings {
            let fact = facts[finding.id]
            let evidence = finding.evidence.map { ref -> String in
                let row = ReportText.evidenceRow(ref)
                return "\(ref.file) (\(row["position"] as? String ?? "")) sha256:\(ref.sha256)"
            }
            CSVText.append(
                [
                    finding.id, finding.severity.rawValue, FindingRows.state(finding), finding.rule, finding.subject,
                    fact?.name ?? finding.subject, finding.environment ?? "", fact?.owner ?? "no owner",
                    fact?.purpose ?? "",
                    fact.map { ReportText.day($0.firstReported) } ?? "", fact.map { String($0.ageDays) } ?? "",
                    fact.map { ReportText.day($0.due) } ?? "", fact?.overdue == true ? "yes" : "no",
                    fact?.lastUse ?? "",
                    (fact?.controls ?? []).map { "\($0.framework) \($0.id)" }.joined(separator: "; "),
                    finding.summary, fact?.remediation ?? "",
                    finding.waiver.map {
                        "\($0.waiverId) (\($0.active ? "active" : "expired"), expires \(ReportText.day($0.expires)))"
                    } ?? "",
                    evidence.joined(separator: "; "),
                ], to: &out)
            if out.count >= TableJSON.chunk {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        try sink(out)
    }
}

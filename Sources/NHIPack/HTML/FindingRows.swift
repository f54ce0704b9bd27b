import NHIModel

/// One finding as the report shows it: summary, facts, evidence locators and waiver.
enum FindingRows {
    static func row(_ finding: Finding) -> [String: Any] {
        let waiverText: String
        if let waiver = finding.waiver {
            waiverText = "\(waiver.active ? "waived by" : "expired waiver") \(waiver.waiverId) (expires \(ISO8601.string(from: waiver.expires)))"
        } else {
            waiverText = ""
        }
        return [
            "id": ReportText.clean(finding.id), "rule": ReportText.clean(finding.rule),
            "severity": finding.severity.rawValue,
            "subject": ReportText.clean(finding.subject),
            "hasEnvironment": finding.environment != nil, "environment": ReportText.clean(finding.environment ?? ""),
            "summary": ReportText.clean(finding.summary),
            "open": finding.isOpen, "state": finding.isOpen ? "open" : "waived",
            "hasWaiver": finding.waiver != nil, "waiver": ReportText.clean(waiverText),
            "details": finding.details.keys.sorted().map { ["key": ReportText.clean($0), "value": ReportText.clean(finding.details[$0] ?? "")] },
            "hasDetails": !finding.details.isEmpty,
            "evidence": finding.evidence.map(ReportText.evidenceRow), "hasEvidence": !finding.evidence.isEmpty,
        ]
    }
}

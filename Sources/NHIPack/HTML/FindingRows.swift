import NHIModel

/// One finding as the report shows it: in brief (a table row) and in full (its card: facts,
/// remediation, mapped controls, evidence locators with full SHA-256).
enum FindingRows {
    /// The values of a table row; the same columns as the table data (`ReportData.findingColumns`).
    static func brief(_ finding: Finding, facts: FindingFacts) -> [String: Any] {
        [
            "id": ReportText.clean(finding.id), "rule": ReportText.clean(finding.rule),
            "severity": finding.severity.rawValue,
            "subject": ReportText.clean(finding.subject), "name": ReportText.clean(facts.name),
            "environment": ReportText.clean(finding.environment ?? "–"),
            "summary": ReportText.clean(finding.summary),
            "owner": ReportText.clean(facts.owner), "hasOwner": facts.hasOwner,
            "hasPurpose": facts.purpose != nil, "purpose": ReportText.clean(facts.purpose ?? ""),
            "byDesign": facts.purpose == IdentityPurpose.breakGlass.rawValue,
            "firstReported": facts.firstReported, "age": facts.ageDays,
            "isNew": facts.ageDays == 0,
            "lastUse": ReportText.clean(facts.lastUse),
            "due": facts.due, "overdue": facts.overdue,
            "open": finding.isOpen, "state": state(finding),
            "controls": facts.controls.map {
                [
                    "anchor": ReportText.clean($0.anchor), "id": ReportText.clean($0.id),
                    "framework": ReportText.clean($0.framework),
                ]
            },
        ]
    }

    static func row(_ finding: Finding, facts: FindingFacts) -> [String: Any] {
        var row = brief(finding, facts: facts)
        let waiverText: String
        if let waiver = finding.waiver {
            waiverText =
                "\(waiver.active ? "waived by" : "expired waiver") \(waiver.waiverId) (expires \(ISO8601.string(from: waiver.expires)))"
        } else {
            waiverText = ""
        }
        row["hasWaiver"] = finding.waiver != nil
        row["waiver"] = ReportText.clean(waiverText)
        row["remediation"] = ReportText.clean(facts.remediation)
        row["hasRemediation"] = !facts.remediation.isEmpty
        row["details"] = finding.details.keys.sorted().map {
            ["key": ReportText.clean($0), "value": ReportText.clean(finding.details[$0] ?? "")]
        }
        row["hasDetails"] = !finding.details.isEmpty
        row["evidence"] = finding.evidence.map(ReportText.evidenceRow)
        row["hasEvidence"] = !finding.evidence.isEmpty
        return row
    }

    static func state(_ finding: Finding) -> String { state(waiver: finding.waiver) }

    /// The state of a finding under `waiver`: for callers that read a finding in place.
    static func state(waiver: WaiverApplication?) -> String {
        guard let waiver else { return "open" }
        return waiver.active ? "waived" : "open (waiver expired)"
    }
}

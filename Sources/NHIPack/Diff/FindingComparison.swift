import NHIModel

/// Matches findings across two packs by their deterministic ids.
enum FindingComparison {
    static func compare(old: [Finding], new: [Finding]) -> PackDiff.Findings {
        let before = index(old), after = index(new)
        var findings = PackDiff.Findings()
        for finding in after.values.sorted(by: Finding.reportOrder) {
            if let previous = before[finding.id] {
                findings.persisting.append(entry(finding, previous: previous))
            } else {
                findings.new.append(entry(finding))
            }
        }
        findings.resolved = before.values.filter { after[$0.id] == nil }.sorted(by: Finding.reportOrder).map {
            entry($0)
        }
        return findings
    }

    private static func entry(_ finding: Finding, previous: Finding? = nil) -> PackDiff.FindingEntry {
        PackDiff.FindingEntry(
            id: finding.id, rule: finding.rule, severity: finding.severity,
            previousSeverity: previous.flatMap { $0.severity == finding.severity ? nil : $0.severity },
            subject: finding.subject, environment: finding.environment, summary: finding.summary, open: finding.isOpen)
    }

    /// A repeated id keeps its first finding; ids are unique in a well-formed pack.
    private static func index(_ findings: [Finding]) -> [String: Finding] {
        findings.reduce(into: [:]) { result, finding in
            if result[finding.id] == nil { result[finding.id] = finding }
        }
    }
}

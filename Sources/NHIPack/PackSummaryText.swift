import NHIModel

/// The short summary `pack` prints: per framework the counts per status, open findings per
/// severity, and where the pack is.
public enum PackSummaryText {
    public static func lines(results: ResultsDocument, summary: PackSummary) -> [String] {
        var lines: [String] = []
        for framework in results.frameworks {
            let counts = ControlStatus.allCases.compactMap { status -> String? in
                let count = framework.count(status)
                return count == 0 ? nil : "\(count) \(status.rawValue)"
            }
            lines.append("\(framework.name): " + (counts.isEmpty ? "no controls" : counts.joined(separator: ", ")))
        }
        // Counted in place: a filtered copy of the findings would retain every one of their texts.
        var openBySeverity: [Severity: Int] = [:]
        for index in results.findings.indices where results.findings[index].isOpen {
            openBySeverity[results.findings[index].severity, default: 0] += 1
        }
        let open = openBySeverity.values.reduce(0, +)
        let bySeverity = Severity.allCases.reversed().map { "\(openBySeverity[$0] ?? 0) \($0.rawValue)" }
        lines.append(
            "open findings: \(open) (" + bySeverity.joined(separator: ", ")
                + "); waived: \(results.findings.count - open)")
        lines.append(
            "pack: \(summary.location.path) (manifest SHA-256 \(summary.manifestDigest)\(summary.signed ? ", signed" : ""))"
        )
        return lines
    }
}

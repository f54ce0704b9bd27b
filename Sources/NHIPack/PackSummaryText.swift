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
        let open = results.findings.filter(\.isOpen)
        let bySeverity = Severity.allCases.reversed().map { severity in
            "\(open.filter { $0.severity == severity }.count) \(severity.rawValue)"
        }
        lines.append(
            "open findings: \(open.count) (" + bySeverity.joined(separator: ", ")
                + "); waived: \(results.findings.count - open.count)")
        lines.append(
            "pack: \(summary.location.path) (manifest SHA-256 \(summary.manifestDigest)\(summary.signed ? ", signed" : ""))"
        )
        return lines
    }
}

import NHIModel

/// GitHub-flavoured Markdown for a pull-request comment. Input values are escaped for Markdown and
/// for the HTML that Markdown lets through, and newlines are flattened so a table row stays one row.
public struct DiffMarkdownRenderer: Sendable {
    public init() {}

    public func render(_ diff: PackDiff) -> String {
        var lines: [String] = []
        lines.append("## nhi-audit diff: \(escape(diff.new.organisation))")
        lines.append("")
        lines.append(
            "Old pack \(DiffPresentation.date(diff.old.generatedAt)) → new pack \(DiffPresentation.date(diff.new.generatedAt))"
        )
        lines.append("")
        for warning in diff.warnings { lines.append("> **Warning:** \(escape(warning))") }
        if !diff.warnings.isEmpty { lines.append("") }
        lines.append("**Summary:** \(DiffPresentation.headline(diff))")
        lines += controls(diff.controls)
        lines += findings(diff.findings)
        lines += waivers(diff.waivers)
        lines += metrics(diff.metrics)
        lines += meaning(diff.mapping.controlsChangedMeaning)
        return lines.joined(separator: "\n") + "\n"
    }

    private func controls(_ controls: PackDiff.Controls) -> [String] {
        var lines = ["", "### Controls", ""]
        let groups = DiffPresentation.controlGroups(controls)
        let prominent = groups.filter { $0.label != "still failing" && $0.label != "changed" }.flatMap { group in
            group.changes.map { (group.label, $0) }
        }
        if prominent.isEmpty {
            lines.append("No control regressed, closed or changed coverage.")
        } else {
            lines += table(prominent)
        }
        for group in groups where (group.label == "still failing" || group.label == "changed") && !group.changes.isEmpty
        {
            lines += ["", "<details><summary>\(group.changes.count) \(group.label)</summary>", ""]
            lines += table(group.changes.map { (group.label, $0) })
            lines += ["", "</details>"]
        }
        return lines
    }

    private func table(_ rows: [(String, PackDiff.ControlChange)]) -> [String] {
        ["| Change | Framework | Control | From | To | Why |", "|---|---|---|---|---|---|"]
            + rows.map { label, change in
                "| \(label) | \(escape(change.framework)) | \(escape(change.id)) \(escape(change.title)) | \(DiffPresentation.status(change.from)) | \(DiffPresentation.status(change.to)) | \(escape(DiffPresentation.reason(change))) |"
            }
    }

    private func findings(_ findings: PackDiff.Findings) -> [String] {
        var lines = ["", "### Findings", ""]
        let changed = findings.new.map { ("new", $0) } + findings.resolved.map { ("resolved", $0) }
        lines += changed.isEmpty ? ["No new or resolved findings."] : findingTable(changed)
        if !findings.persisting.isEmpty {
            lines += ["", "<details><summary>\(findings.persisting.count) persisting</summary>", ""]
            lines += findingTable(findings.persisting.map { ("persisting", $0) })
            lines += ["", "</details>"]
        }
        return lines
    }

    private func findingTable(_ rows: [(String, PackDiff.FindingEntry)]) -> [String] {
        ["| Change | Severity | Rule | Subject | Summary | State | Id |", "|---|---|---|---|---|---|---|"]
            + rows.map { label, entry in
                "| \(label) | \(DiffPresentation.severityChange(entry)) | \(escape(entry.rule)) | \(escape(entry.subject)) | \(escape(entry.summary)) | \(DiffPresentation.waiverState(entry)) | \(escape(entry.id)) |"
            }
    }

    private func waivers(_ waivers: PackDiff.Waivers) -> [String] {
        let rows =
            waivers.expired.map { ("expired", $0) } + waivers.added.map { ("added", $0) }
            + waivers.removed.map { ("removed", $0) }
        guard !rows.isEmpty else { return [] }
        return [
            "", "### Waivers", "", "| Change | Waiver | Rule | Identities | Expires | Owner | Findings |",
            "|---|---|---|---|---|---|---|",
        ]
            + rows.map { label, entry in
                "| \(label) | \(escape(entry.id)) | \(escape(entry.rule)) | \(escape(entry.identityPattern)) | \(DiffPresentation.date(entry.expires)) | \(escape(entry.owner)) | \(escape(entry.findings.joined(separator: ", "))) |"
            }
    }

    private func metrics(_ metrics: [PackDiff.MetricDelta]) -> [String] {
        ["", "### Metrics", "", "| Metric | Old | New | Change |", "|---|---:|---:|---:|"]
            + metrics.map { metric in
                "| \(DiffPresentation.metricLabel(metric.name)) | \(DiffPresentation.value(metric.from, metric.kind)) | \(DiffPresentation.value(metric.to, metric.kind)) | \(DiffPresentation.delta(metric)) |"
            }
    }

    private func meaning(_ changes: [PackDiff.MeaningChange]) -> [String] {
        guard !changes.isEmpty else { return [] }
        return [
            "", "### Controls whose mapping changed meaning", "", "| Framework | Control | Old mapping | New mapping |",
            "|---|---|---|---|",
        ]
            + changes.map { change in
                "| \(escape(change.framework)) | \(escape(change.id)) | \(DiffPresentation.method(change.fromMethod)): \(escape(DiffPresentation.rules(change.fromRules))) | \(DiffPresentation.method(change.toMethod)): \(escape(DiffPresentation.rules(change.toRules))) |"
            }
    }

    /// Markdown punctuation gets a backslash; <, > and & become entities so no HTML passes through.
    private func escape(_ text: String) -> String {
        let text = TextSanitizer.bidiVisible(text)
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~", "{", "}", "(", ")":
                result += "\\\(character)"
            case _ where character.isNewline: result += " "
            default:
                if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                    result += " "
                } else {
                    result.append(character)
                }
            }
        }
        return result
    }
}

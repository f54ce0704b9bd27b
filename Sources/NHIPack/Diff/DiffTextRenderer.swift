import NHIModel

/// Plain text for a terminal. Colour is the caller's choice (only when stdout is a terminal);
/// control characters from inputs are shown escaped so a hostile name cannot drive the terminal.
public struct DiffTextRenderer: Sendable {
    public var colour: Bool

    public init(colour: Bool = false) { self.colour = colour }

    public func render(_ diff: PackDiff) -> String {
        var lines: [String] = []
        lines.append(bold("nhi-audit diff: \(clean(diff.new.organisation))"))
        lines.append(
            "  old pack  \(DiffPresentation.date(diff.old.generatedAt))  (nhi-audit \(clean(diff.old.toolVersion)))")
        lines.append(
            "  new pack  \(DiffPresentation.date(diff.new.generatedAt))  (nhi-audit \(clean(diff.new.toolVersion)))")
        lines.append("")
        for warning in diff.warnings { lines.append(paint("warning: ", .warn) + clean(warning)) }
        if !diff.warnings.isEmpty { lines.append("") }
        lines.append(DiffPresentation.headline(diff))
        lines += controls(diff.controls)
        lines += findings(diff.findings)
        lines += waivers(diff.waivers)
        lines += metrics(diff.metrics)
        lines += meaning(diff.mapping.controlsChangedMeaning)
        return lines.joined(separator: "\n") + "\n"
    }

    private func controls(_ controls: PackDiff.Controls) -> [String] {
        let groups = DiffPresentation.controlGroups(controls)
        guard groups.contains(where: { !$0.changes.isEmpty }) else {
            return ["", bold("Controls"), "  no control changed status"]
        }
        var lines = ["", bold("Controls")]
        for framework in DiffPresentation.frameworks(controls) {
            lines.append("  \(clean(framework))")
            for group in groups {
                for change in group.changes where change.framework == framework {
                    let label = paint(pad(group.label, 16), group.tone)
                    let transition = "\(DiffPresentation.status(change.from)) → \(DiffPresentation.status(change.to))"
                    lines.append("    \(label)\(pad(clean(change.id), 12))\(pad(transition, 40))\(clean(change.title))")
                    let reason = DiffPresentation.reason(change)
                    if group.tone != .good, !reason.isEmpty { lines.append("    \(pad("", 28))\(clean(reason))") }
                }
            }
        }
        return lines
    }

    private func findings(_ findings: PackDiff.Findings) -> [String] {
        let groups: [(String, DiffPresentation.Tone, [PackDiff.FindingEntry])] = [
            ("new", .bad, findings.new), ("resolved", .good, findings.resolved),
            ("persisting", .neutral, findings.persisting),
        ]
        guard groups.contains(where: { !$0.2.isEmpty }) else {
            return ["", bold("Findings"), "  no findings in either pack"]
        }
        var lines = ["", bold("Findings")]
        for (label, tone, entries) in groups {
            for entry in entries {
                lines.append(
                    "  \(paint(pad(label, 11), tone))\(pad(DiffPresentation.severityChange(entry), 10)) \(clean(entry.rule))  \(clean(entry.subject))"
                        + (entry.open ? "" : " (waived)"))
                lines.append("  \(pad("", 11))\(clean(entry.summary))  [\(clean(entry.id))]")
            }
        }
        return lines
    }

    private func waivers(_ waivers: PackDiff.Waivers) -> [String] {
        let groups: [(String, DiffPresentation.Tone, [PackDiff.WaiverEntry])] = [
            ("expired", .warn, waivers.expired), ("added", .neutral, waivers.added),
            ("removed", .neutral, waivers.removed),
        ]
        guard groups.contains(where: { !$0.2.isEmpty }) else { return [] }
        var lines = ["", bold("Waivers")]
        for (label, tone, entries) in groups {
            for entry in entries {
                let reopened =
                    label == "expired" && !entry.findings.isEmpty
                    ? "; open again: \(entry.findings.map(clean).joined(separator: ", "))" : ""
                lines.append(
                    "  \(paint(pad(label, 9), tone))\(clean(entry.id))  \(clean(entry.rule)) for \(clean(entry.identityPattern)), expires \(DiffPresentation.date(entry.expires)), owner \(clean(entry.owner))\(reopened)"
                )
            }
        }
        return lines
    }

    private func metrics(_ metrics: [PackDiff.MetricDelta]) -> [String] {
        var lines = ["", bold("Metrics"), "  \(pad("", 38))\(pad("old", 9))\(pad("new", 9))change"]
        for metric in metrics {
            lines.append(
                "  \(pad(DiffPresentation.metricLabel(metric.name), 38))\(pad(DiffPresentation.value(metric.from, metric.kind), 9))"
                    + "\(pad(DiffPresentation.value(metric.to, metric.kind), 9))\(DiffPresentation.delta(metric))")
        }
        return lines
    }

    private func meaning(_ changes: [PackDiff.MeaningChange]) -> [String] {
        guard !changes.isEmpty else { return [] }
        var lines = ["", bold("Controls whose mapping changed meaning")]
        for change in changes {
            lines.append(
                "  \(clean(change.framework)) \(clean(change.id)): \(DiffPresentation.method(change.fromMethod)) [\(clean(DiffPresentation.rules(change.fromRules)))]"
                    + " → \(DiffPresentation.method(change.toMethod)) [\(clean(DiffPresentation.rules(change.toRules)))]"
            )
        }
        return lines
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    private func paint(_ text: String, _ tone: DiffPresentation.Tone) -> String {
        guard colour else { return text }
        let code: String
        switch tone {
        case .bad: code = "31"
        case .good: code = "32"
        case .warn: code = "33"
        case .neutral: return text
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// Control and bidi characters (escape sequences, newlines, U+202E) in input values are shown escaped.
    private func clean(_ text: String) -> String { TerminalText.line(text) }
}

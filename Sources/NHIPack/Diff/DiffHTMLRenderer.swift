import NHIModel

/// A self-contained HTML page (inline CSS, no scripts, no external assets); every input value is escaped.
public struct DiffHTMLRenderer: Sendable {
    public init() {}

    public func render(_ diff: PackDiff) -> String {
        var html: [String] = []
        let title = "nhi-audit diff: \(e(diff.new.organisation))"
        html.append("<!DOCTYPE html>")
        html.append("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(title)</title>")
        html.append("<style>\(Self.style)</style></head><body>")
        html.append("<h1>\(title)</h1>")
        html.append(
            "<p class=\"meta\">Old pack \(DiffPresentation.date(diff.old.generatedAt)) (nhi-audit \(e(diff.old.toolVersion))) → "
                + "new pack \(DiffPresentation.date(diff.new.generatedAt)) (nhi-audit \(e(diff.new.toolVersion)))</p>")
        for warning in diff.warnings { html.append("<p class=\"warning\"><strong>Warning:</strong> \(e(warning))</p>") }
        html.append("<p class=\"summary\">\(e(DiffPresentation.headline(diff)))</p>")
        html += controls(diff.controls)
        html += findings(diff.findings)
        html += waivers(diff.waivers)
        html += metrics(diff.metrics)
        html += meaning(diff.mapping.controlsChangedMeaning)
        html.append("</body></html>")
        return html.joined(separator: "\n") + "\n"
    }

    private func controls(_ controls: PackDiff.Controls) -> [String] {
        var html = ["<h2>Controls</h2>"]
        let frameworks = DiffPresentation.frameworks(controls)
        guard !frameworks.isEmpty else { return html + ["<p>No control changed status.</p>"] }
        let groups = DiffPresentation.controlGroups(controls)
        for framework in frameworks {
            html.append("<h3>\(e(framework))</h3>")
            html.append(
                "<table><thead><tr><th>Change</th><th>Control</th><th>Title</th><th>From</th><th>To</th><th>Why</th></tr></thead><tbody>"
            )
            for group in groups {
                for change in group.changes where change.framework == framework {
                    html.append(
                        "<tr class=\"\(css(group.tone))\"><td>\(group.label)</td><td>\(e(change.id))</td><td>\(e(change.title))</td>"
                            + "<td>\(DiffPresentation.status(change.from))</td><td>\(DiffPresentation.status(change.to))</td><td>\(e(DiffPresentation.reason(change)))</td></tr>"
                    )
                }
            }
            html.append("</tbody></table>")
        }
        return html
    }

    private func findings(_ findings: PackDiff.Findings) -> [String] {
        let rows: [(String, DiffPresentation.Tone, PackDiff.FindingEntry)] =
            findings.new.map { ("new", .bad, $0) } + findings.resolved.map { ("resolved", .good, $0) }
            + findings.persisting.map { ("persisting", .neutral, $0) }
        var html = ["<h2>Findings</h2>"]
        guard !rows.isEmpty else { return html + ["<p>No findings in either pack.</p>"] }
        html.append(
            "<table><thead><tr><th>Change</th><th>Severity</th><th>Rule</th><th>Subject</th><th>Summary</th><th>State</th><th>Id</th></tr></thead><tbody>"
        )
        for (label, tone, entry) in rows {
            html.append(
                "<tr class=\"\(css(tone))\"><td>\(label)</td><td>\(e(DiffPresentation.severityChange(entry)))</td><td>\(e(entry.rule))</td>"
                    + "<td>\(e(entry.subject))</td><td>\(e(entry.summary))</td><td>\(DiffPresentation.waiverState(entry))</td><td><code>\(e(entry.id))</code></td></tr>"
            )
        }
        return html + ["</tbody></table>"]
    }

    private func waivers(_ waivers: PackDiff.Waivers) -> [String] {
        let rows: [(String, DiffPresentation.Tone, PackDiff.WaiverEntry)] =
            waivers.expired.map { ("expired", .warn, $0) } + waivers.added.map { ("added", .neutral, $0) }
            + waivers.removed.map { ("removed", .neutral, $0) }
        guard !rows.isEmpty else { return [] }
        var html = [
            "<h2>Waivers</h2>",
            "<table><thead><tr><th>Change</th><th>Waiver</th><th>Rule</th><th>Identities</th><th>Expires</th><th>Owner</th><th>Findings</th></tr></thead><tbody>",
        ]
        for (label, tone, entry) in rows {
            html.append(
                "<tr class=\"\(css(tone))\"><td>\(label)</td><td>\(e(entry.id))</td><td>\(e(entry.rule))</td><td>\(e(entry.identityPattern))</td>"
                    + "<td>\(DiffPresentation.date(entry.expires))</td><td>\(e(entry.owner))</td><td>\(e(entry.findings.joined(separator: ", ")))</td></tr>"
            )
        }
        return html + ["</tbody></table>"]
    }

    private func metrics(_ metrics: [PackDiff.MetricDelta]) -> [String] {
        var html = [
            "<h2>Metrics</h2>",
            "<table><thead><tr><th>Metric</th><th class=\"num\">Old</th><th class=\"num\">New</th><th class=\"num\">Change</th></tr></thead><tbody>",
        ]
        for metric in metrics {
            html.append(
                "<tr><td>\(e(DiffPresentation.metricLabel(metric.name)))</td><td class=\"num\">\(DiffPresentation.value(metric.from, metric.kind))</td>"
                    + "<td class=\"num\">\(DiffPresentation.value(metric.to, metric.kind))</td><td class=\"num\">\(e(DiffPresentation.delta(metric)))</td></tr>"
            )
        }
        return html + ["</tbody></table>"]
    }

    private func meaning(_ changes: [PackDiff.MeaningChange]) -> [String] {
        guard !changes.isEmpty else { return [] }
        var html = [
            "<h2>Controls whose mapping changed meaning</h2>",
            "<table><thead><tr><th>Framework</th><th>Control</th><th>Old mapping</th><th>New mapping</th></tr></thead><tbody>",
        ]
        for change in changes {
            html.append(
                "<tr><td>\(e(change.framework))</td><td>\(e(change.id))</td>"
                    + "<td>\(DiffPresentation.method(change.fromMethod)): \(e(DiffPresentation.rules(change.fromRules)))</td>"
                    + "<td>\(DiffPresentation.method(change.toMethod)): \(e(DiffPresentation.rules(change.toRules)))</td></tr>"
            )
        }
        return html + ["</tbody></table>"]
    }

    private func e(_ text: String) -> String { DiffMarkup.escape(text) }

    private func css(_ tone: DiffPresentation.Tone) -> String {
        switch tone {
        case .bad: return "bad"
        case .good: return "good"
        case .warn: return "warn"
        case .neutral: return "neutral"
        }
    }

    static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;margin:2rem auto;max-width:72rem;padding:0 1rem}\
        h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d5dd}h3{font-size:1rem}\
        .meta{color:#5a6372}.summary{font-weight:600}.warning{background:#fff4d6;border-left:4px solid #d99a00;padding:.5rem .75rem}\
        table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d5dd;padding:.3rem .5rem;text-align:left;vertical-align:top}\
        th{background:#f2f4f7}.num{text-align:right}tr.bad td:first-child{color:#b42318;font-weight:600}\
        tr.good td:first-child{color:#067647;font-weight:600}tr.warn td:first-child{color:#b54708;font-weight:600}\
        code{font-size:.85em;word-break:break-all}@media print{body{margin:0;max-width:none}}
        """
}

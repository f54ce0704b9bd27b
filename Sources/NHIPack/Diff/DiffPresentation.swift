import Foundation
import NHIModel

/// Wording and number formats shared by the diff renderers, so text, Markdown and HTML agree.
enum DiffPresentation {
    struct ControlGroup {
        var label: String
        var tone: Tone
        var changes: [PackDiff.ControlChange]
    }

    enum Tone { case bad, good, warn, neutral }

    /// The control categories in reading order: what got worse first.
    static func controlGroups(_ controls: PackDiff.Controls) -> [ControlGroup] {
        [
            ControlGroup(label: "regressed", tone: .bad, changes: controls.regressed),
            ControlGroup(label: "coverage lost", tone: .warn, changes: controls.coverageLost),
            ControlGroup(label: "closed", tone: .good, changes: controls.closed),
            ControlGroup(label: "coverage gained", tone: .good, changes: controls.coverageGained),
            ControlGroup(label: "still failing", tone: .bad, changes: controls.stillFailing),
            ControlGroup(label: "changed", tone: .neutral, changes: controls.changed),
        ]
    }

    static func frameworks(_ controls: PackDiff.Controls) -> [String] {
        Set(controlGroups(controls).flatMap { $0.changes.map(\.framework) }).sorted()
    }

    static func status(_ status: ControlStatus?) -> String { status?.rawValue ?? "absent" }

    /// The reason shown beside a control change: the findings that fail it, or the missing inputs.
    static func reason(_ change: PackDiff.ControlChange) -> String {
        var parts: [String] = []
        if !change.findings.isEmpty { parts.append("findings: " + change.findings.joined(separator: ", ")) }
        if !change.missingInputs.isEmpty {
            parts.append("missing: " + change.missingInputs.map(\.rawValue).joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    static func headline(_ diff: PackDiff) -> String {
        let c = diff.controls, f = diff.findings, w = diff.waivers
        return
            "controls: \(c.regressed.count) regressed, \(c.coverageLost.count) coverage lost, \(c.closed.count) closed, "
            + "\(c.coverageGained.count) coverage gained, \(c.stillFailing.count) still failing; "
            + "findings: \(f.new.count) new, \(f.resolved.count) resolved, \(f.persisting.count) persisting; "
            + "waivers: \(w.expired.count) expired, \(w.added.count) added"
    }

    static func date(_ date: Date) -> String { ISO8601.string(from: date) }

    static func metricLabel(_ name: String) -> String { MetricComparison.labels[name] ?? name }

    static func value(_ value: Double, _ kind: PackDiff.MetricDelta.Kind) -> String {
        switch kind {
        case .count: return String(Int(value))
        case .share: return String(format: "%.1f%%", value * 100)
        }
    }

    static func delta(_ metric: PackDiff.MetricDelta) -> String {
        switch metric.kind {
        case .count:
            let delta = Int(metric.delta)
            return delta > 0 ? "+\(delta)" : String(delta)
        case .share:
            let points = (metric.delta * 1000).rounded() / 10
            guard points != 0 else { return "0.0 pts" }
            return (points > 0 ? "+" : "") + String(format: "%.1f pts", points)
        }
    }

    static func severityChange(_ entry: PackDiff.FindingEntry) -> String {
        entry.previousSeverity.map { "\($0.rawValue) → \(entry.severity.rawValue)" } ?? entry.severity.rawValue
    }

    static func waiverState(_ entry: PackDiff.FindingEntry) -> String { entry.open ? "open" : "waived" }

    static func rules(_ rules: [String]) -> String { rules.isEmpty ? "none" : rules.joined(separator: ", ") }

    static func method(_ method: ControlMapping.Method?) -> String { method?.rawValue ?? "absent" }
}

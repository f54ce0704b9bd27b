import Foundation
import NHIModel

/// The "since the previous pack" section of a pack's report: the diff summarised into plain
/// strings and numbers (no optionals), ready for a template, which escapes them.
///
/// Usage (by `pack --previous`): `PreviousPackSummary(try PackDiff(old: previous, new: results))`.
public struct PreviousPackSummary: Hashable, Codable, Sendable {
    public struct Count: Hashable, Codable, Sendable {
        public var label: String
        public var count: Int
        /// "bad", "good", "warn" or "neutral", for a CSS class.
        public var tone: String
    }

    public struct Line: Hashable, Codable, Sendable {
        public var label: String
        public var detail: String
    }

    public struct MetricLine: Hashable, Codable, Sendable {
        public var label: String
        public var from: String
        public var to: String
        public var change: String
    }

    public var previousGeneratedAt: String
    public var headline: String
    public var counts: [Count]
    /// Regressed and coverage-lost controls, new findings and expired waivers: what needs attention.
    public var attention: [Line]
    public var metrics: [MetricLine]
    public var warnings: [String]
    public var hasRegression: Bool

    public init(_ diff: PackDiff) {
        previousGeneratedAt = DiffPresentation.date(diff.old.generatedAt)
        headline = DiffPresentation.headline(diff)
        counts = [
            Count(label: "controls regressed", count: diff.controls.regressed.count, tone: "bad"),
            Count(label: "controls lost coverage", count: diff.controls.coverageLost.count, tone: "warn"),
            Count(label: "controls closed", count: diff.controls.closed.count, tone: "good"),
            Count(label: "controls gained coverage", count: diff.controls.coverageGained.count, tone: "good"),
            Count(label: "controls still failing", count: diff.controls.stillFailing.count, tone: "bad"),
            Count(label: "new findings", count: diff.findings.new.count, tone: "bad"),
            Count(label: "resolved findings", count: diff.findings.resolved.count, tone: "good"),
            Count(label: "persisting findings", count: diff.findings.persisting.count, tone: "neutral"),
            Count(label: "waivers expired", count: diff.waivers.expired.count, tone: "warn"),
            Count(label: "waivers added", count: diff.waivers.added.count, tone: "neutral"),
        ]
        let controlLines =
            (diff.controls.regressed.map { ("Regressed", $0) }
            + diff.controls.coverageLost.map { ("Coverage lost", $0) })
            .map { label, change in
                let reason = DiffPresentation.reason(change)
                return Line(
                    label: label,
                    detail:
                        "\(change.framework) \(change.id) \(change.title): \(DiffPresentation.status(change.from)) → \(DiffPresentation.status(change.to))"
                        + (reason.isEmpty ? "" : " (\(reason))"))
            }
        let findingLines = diff.findings.new.map { entry in
            Line(
                label: "New finding",
                detail: "\(entry.severity.rawValue) \(entry.rule) on \(entry.subject): \(entry.summary)")
        }
        let waiverLines = diff.waivers.expired.map { entry in
            Line(
                label: "Waiver expired",
                detail:
                    "\(entry.id) (\(entry.rule) for \(entry.identityPattern)) expired \(DiffPresentation.date(entry.expires))"
            )
        }
        attention = controlLines + findingLines + waiverLines
        metrics = diff.metrics.map { metric in
            MetricLine(
                label: DiffPresentation.metricLabel(metric.name),
                from: DiffPresentation.value(metric.from, metric.kind),
                to: DiffPresentation.value(metric.to, metric.kind), change: DiffPresentation.delta(metric))
        }
        warnings = diff.warnings
        hasRegression = diff.hasRegression
    }
}

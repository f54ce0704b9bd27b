import Foundation
import NHIModel

/// The authority section beyond the per-identity table: accountability per production
/// environment, the incident and change timelines, and the granted-versus-used grid.
enum AuthoritySections {
    /// Rows of the granted-versus-used grid; the rest are counted (results.json has them all).
    static let gridRows = 200
    /// Change and incident ids listed per accountability entry before the rest are counted.
    static let listedRecords = 6

    static let roleTitles: [EnvironmentAccountability.Role: String] = [
        .delivered: "Delivered (deployments, releases, infrastructure changes)",
        .operated: "Operated outside any incident (scaling, failover, rollback, restarts)",
        .recovered: "Recovered while an incident was open",
        .administered: "Administered identities (keys, policies, bindings)",
        .approved: "Approved the changes",
    ]

    /// The keys the authority partials read.
    static func context(_ doc: ResultsDocument) -> [String: Any] {
        let accountability = accountability(doc.authorityView)
        let timelines = timelines(doc.authorityView)
        let grid = grid(doc.authority)
        let omittedTimelines = doc.authorityView?.omittedTimelines ?? 0
        return [
            "accountability": accountability, "hasAccountability": !accountability.isEmpty,
            "timelines": timelines, "hasTimelines": !timelines.isEmpty,
            "omittedTimelines": omittedTimelines, "hasOmittedTimelines": omittedTimelines > 0,
            "grid": grid.rows, "hasGrid": !grid.rows.isEmpty, "gridOmitted": grid.omitted,
            "hasGridOmitted": grid.omitted > 0,
        ]
    }

    static func accountability(_ view: AuthorityView?) -> [[String: Any]] {
        (view?.environments ?? []).map { environment in
            let roles = EnvironmentAccountability.Role.allCases.compactMap { role -> [String: Any]? in
                let entries = environment.entries.filter { $0.role == role }
                guard !entries.isEmpty else { return nil }
                return ["title": roleTitles[role]!, "isApproval": role == .approved, "entries": entries.map(entry)]
            }
            let integrity = integrity(environment)
            return [
                "environment": ReportText.clean(environment.environment), "roles": roles, "hasRoles": !roles.isEmpty,
                "omitted": environment.omittedEntries, "hasOmitted": environment.omittedEntries > 0,
                "integrity": integrity.text, "integrityProblem": integrity.problem,
                "unproven": ReportText.clean(environment.unprovenSources.joined(separator: ", ")),
                "hasUnproven": !environment.unprovenSources.isEmpty,
            ]
        }
    }

    private static func entry(_ entry: EnvironmentAccountability.Entry) -> [String: Any] {
        var under = entry.under.prefix(listedRecords).joined(separator: ", ")
        if entry.under.count > listedRecords { under += " and \(entry.under.count - listedRecords) more" }
        return [
            "name": ReportText.clean(entry.name), "actor": ReportText.clean(entry.actor),
            "showActor": entry.actor != entry.name, "calls": entry.calls,
            "under": ReportText.clean(under.isEmpty ? "none" : under),
            "uncovered": entry.uncovered, "hasUncovered": entry.uncovered > 0,
        ]
    }

    /// What the CloudTrail digests establish for the environment's log files, in words.
    static func integrity(_ environment: EnvironmentAccountability) -> (text: String, problem: Bool) {
        let files = environment.logFiles
        let total = files.values.reduce(0, +)
        guard total > 0 else {
            return (
                "CloudTrail: no digest files in the evidence, so nothing establishes that these logs are complete and unchanged (log-integrity not evaluated).",
                true
            )
        }
        let verified = files[LogFileCheck.Status.verified.rawValue] ?? 0
        var problems: [String] = []
        let words: [(LogFileCheck.Status, String)] = [
            (.changed, "changed after delivery"), (.absent, "listed in a digest but absent"),
            (.unlisted, "in no digest"), (.unverifiedDigest, "in a digest whose signature was not verified"),
        ]
        for (status, text) in words where (files[status.rawValue] ?? 0) > 0 {
            problems.append("\(files[status.rawValue]!) \(text)")
        }
        let text =
            "CloudTrail: \(verified) of \(total) log file\(total == 1 ? "" : "s") verified by a signed digest"
            + (problems.isEmpty ? "." : "; " + problems.joined(separator: ", ") + " (see log-integrity).")
        return (text, !problems.isEmpty)
    }

    static func timelines(_ view: AuthorityView?) -> [[String: Any]] {
        (view?.timelines ?? []).map { timeline in
            let omittedMarks = timeline.rows.reduce(0) { $0 + $1.omittedMarks }
            var left: [String] = []
            if timeline.omittedRows > 0 {
                left.append("\(timeline.omittedRows) more identit\(timeline.omittedRows == 1 ? "y" : "ies")")
            }
            if omittedMarks > 0 { left.append("\(omittedMarks) more call\(omittedMarks == 1 ? "" : "s")") }
            let unnamed = timeline.rows.filter { !$0.named }.map(\.name)
            return [
                "id": ReportText.clean(timeline.id), "anchor": anchor(timeline),
                "kind": timeline.kind == .incident ? "Incident" : "Change",
                "environments": ReportText.clean(timeline.environments.joined(separator: ", ")),
                "svg": AuthorityTimelineSVG.svg(timeline),
                "omitted": left.joined(separator: " and "), "hasOmitted": !left.isEmpty,
                "unnamed": ReportText.clean(unnamed.joined(separator: ", ")), "hasUnnamed": !unnamed.isEmpty,
            ]
        }
    }

    private static func anchor(_ timeline: AuthorityTimeline) -> String {
        "timeline-" + timeline.kind.rawValue + "-"
            + String(timeline.id.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
    }

    /// Identity × {deliver, operate, administer}: granted, used, both or neither.
    static func grid(_ rows: [AuthoritySummary]) -> (rows: [[String: Any]], omitted: Int) {
        let relevant = rows.sorted(by: ReportOrder.authorityOrder).filter {
            $0.canDeliver || $0.canOperate || $0.canAdminister == true || $0.delivery > 0 || $0.operations > 0
                || $0.identityAdmin > 0
        }
        let shown = relevant.prefix(gridRows).map { row -> [String: Any] in
            [
                "name": ReportText.clean(row.name), "identity": ReportText.clean(row.identity.rawValue),
                "deliver": cell(granted: row.canDeliver, used: row.delivery),
                "operate": cell(granted: row.canOperate, used: row.operations),
                "admin": cell(granted: row.canAdminister, used: row.identityAdmin),
                "latent": isLatentDualUse(row), "dualUse": row.dualUse,
            ]
        }
        return (Array(shown), relevant.count - shown.count)
    }

    /// Granted both delivery and operations but used at most one of them.
    static func isLatentDualUse(_ row: AuthoritySummary) -> Bool {
        row.canDeliver && row.canOperate && !(row.delivery > 0 && row.operations > 0)
    }

    /// The cell's state and its CSS class (the state with `-` for its separators, `none` for `—`),
    /// both written out: Foundation's `replacingOccurrences` cost more than the rest of the grid.
    private static func cell(granted: Bool?, used: Int) -> [String: Any] {
        let state: String, cssClass: String
        switch (granted, used > 0) {
        case (true, true): (state, cssClass) = ("granted, used", "granted-used")
        case (true, false): (state, cssClass) = ("granted, unused", "granted-unused")
        case (false, true): (state, cssClass) = ("used, no grant seen", "used-no-grant-seen")
        case (nil, true): (state, cssClass) = ("used", "used")
        default: (state, cssClass) = ("—", "none")
        }
        return ["state": state, "cssClass": cssClass]
    }
}

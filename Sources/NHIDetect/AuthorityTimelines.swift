import Foundation
import NHIModel

/// The delivery, operations and identity-admin calls around each incident and production change
/// window, one row per identity. Bounded so that the report stays small at any scale: a cap on
/// timelines, rows and marks, with what was left out counted.
enum AuthorityTimelines {
    static let maxTimelines = 10
    static let maxRows = 12
    static let maxMarks = 60
    /// Drawn either side of the window, so that work just before or after it shows.
    static let margin: TimeInterval = 30 * 60
    static let classes: Set<AuthorityClass> = [.delivery, .operations, .identityAdmin]

    static func view(_ context: RuleContext, environments: [EnvironmentAccountability]) -> AuthorityView {
        let production = Set(environments.map(\.environment))
        let calls = context.activity.filter {
            $0.effectiveCount > 0 && production.contains($0.record.environment) && $0.authorityClass.map(classes.contains) == true
        }
        var candidates: [AuthorityTimeline] = []
        for incident in context.inventory.incidents.sorted(by: { ($0.declaredAt, $0.id) < ($1.declaredAt, $1.id) }) {
            let concerned = incident.environments.isEmpty ? production : production.intersection(incident.environments)
            guard !concerned.isEmpty else { continue }
            let windows = ApprovalWindows(context: context)
            candidates.append(timeline(.incident, id: incident.id, environments: concerned, from: incident.declaredAt,
                                       to: incident.resolvedAt, calls: calls, context: context) { windows.isResponder($0, of: incident) })
        }
        var changes: [AuthorityTimeline] = []
        for change in context.inventory.changes {
            guard let start = change.windowStart, let end = change.windowEnd else { continue }
            let named = change.environment?.trimmingCharacters(in: .whitespaces) ?? ""
            let concerned = named.isEmpty ? production : production.intersection([named])
            guard !concerned.isEmpty else { continue }
            let executor = change.executedByIdentity ?? change.executedBy.flatMap(context.resolve)
            let namesExecutor = change.executedByIdentity != nil || !(change.executedBy?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
            // A change naming its environment but no executor covers whoever works in it (ApprovalWindows).
            let drawn = timeline(.change, id: change.id, environments: concerned, from: start, to: end, calls: calls, context: context) {
                namesExecutor ? $0 == executor : !named.isEmpty
            }
            if !drawn.rows.isEmpty { changes.append(drawn) }
        }
        // Change windows with the most kinds of authority in them first: those are where dual use shows.
        changes.sort { (kinds($0), $1.windowStart) > (kinds($1), $0.windowStart) }
        candidates += changes
        let drawn = Array(candidates.prefix(maxTimelines))
        return AuthorityView(environments: environments, timelines: drawn, omittedTimelines: candidates.count - drawn.count)
    }

    private static func kinds(_ timeline: AuthorityTimeline) -> Int {
        Set(timeline.rows.flatMap { $0.marks.map(\.authorityClass) }).count
    }

    private static func timeline(_ kind: AuthorityTimeline.Kind, id: String, environments: Set<String>, from windowStart: Date, to windowEnd: Date?,
                                 calls: [ClassifiedActivity], context: RuleContext, named: (IdentityID) -> Bool) -> AuthorityTimeline {
        let start = windowStart.addingTimeInterval(-margin)
        let end = (windowEnd ?? max(context.asOf, windowStart)).addingTimeInterval(margin)
        var marks: [IdentityID: [AuthorityTimeline.Mark]] = [:]
        for item in calls where environments.contains(item.record.environment) {
            for time in context.useTimes(item.record) where start <= time && time <= end {
                marks[item.record.identity, default: []].append(.init(time: time, authorityClass: item.authorityClass!, action: item.record.action))
            }
        }
        let rows = marks.map { identity, marks -> AuthorityTimeline.Row in
            let sorted = marks.sorted { ($0.time, $0.action) < ($1.time, $1.action) }
            return .init(identity: identity, name: context.displayName(identity), named: named(identity),
                         marks: Array(sorted.prefix(maxMarks)), omittedMarks: max(0, sorted.count - maxMarks))
        }
        // The identities the record does not name come first: they are the question the timeline asks.
        .sorted { ($0.named ? 1 : 0, $0.marks.first?.time ?? start, $0.identity) < ($1.named ? 1 : 0, $1.marks.first?.time ?? start, $1.identity) }
        return AuthorityTimeline(kind: kind, id: id, environments: environments.sorted(), start: start, end: end,
                                 windowStart: windowStart, windowEnd: windowEnd, rows: Array(rows.prefix(maxRows)),
                                 omittedRows: max(0, rows.count - maxRows))
    }
}

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
    static let margin: TimeInterval = 60 * 60
    static let classes: Set<AuthorityClass> = [.delivery, .operations, .identityAdmin]

    static func view(_ context: RuleContext, environments: [EnvironmentAccountability]) -> AuthorityView {
        let production = Set(environments.map(\.environment))
        // Every call once, in time order: each window then takes its slice by binary search, so the
        // cost does not grow with windows × calls.
        var calls: [Call] = []
        for item in context.activity where item.effectiveCount > 0 && production.contains(item.record.environment) {
            guard let authorityClass = item.authorityClass, classes.contains(authorityClass) else { continue }
            for time in context.useTimes(item.record) {
                calls.append(
                    Call(
                        time: time, identity: item.record.identity, environment: item.record.environment,
                        authorityClass: authorityClass, action: item.record.action))
            }
        }
        calls.sort { $0.time < $1.time }
        let windows = ApprovalWindows(context: context)
        var candidates: [AuthorityTimeline] = []
        for incident in context.inventory.incidents.sorted(by: { ($0.declaredAt, $0.id) < ($1.declaredAt, $1.id) }) {
            let concerned = incident.environments.isEmpty ? production : production.intersection(incident.environments)
            guard !concerned.isEmpty else { continue }
            candidates.append(
                timeline(
                    .incident, id: incident.id, environments: concerned, from: incident.declaredAt,
                    to: incident.resolvedAt, calls: calls, context: context
                ) { windows.isResponder($0, of: incident) })
        }
        var changes: [AuthorityTimeline] = []
        for change in context.inventory.changes {
            guard let start = change.windowStart, let end = change.windowEnd else { continue }
            let named = change.environment?.trimmingCharacters(in: .whitespaces) ?? ""
            let concerned = named.isEmpty ? production : production.intersection([named])
            guard !concerned.isEmpty else { continue }
            let executor = change.executedByIdentity ?? change.executedBy.flatMap(context.resolve)
            let namesExecutor =
                change.executedByIdentity != nil
                || !(change.executedBy?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
            // A change naming its environment but no executor covers whoever works in it (ApprovalWindows).
            let drawn = timeline(
                .change, id: change.id, environments: concerned, from: start, to: end, calls: calls, context: context
            ) {
                namesExecutor ? $0 == executor : !named.isEmpty
            }
            if !drawn.rows.isEmpty { changes.append(drawn) }
        }
        // Change windows with the most kinds of authority in them first: those are where dual use shows.
        changes.sort { (kinds($0), $1.windowStart) > (kinds($1), $0.windowStart) }
        candidates += changes
        let drawn = Array(candidates.prefix(maxTimelines))
        return AuthorityView(
            environments: environments, timelines: drawn, omittedTimelines: candidates.count - drawn.count)
    }

    private static func kinds(_ timeline: AuthorityTimeline) -> Int {
        Set(timeline.rows.flatMap { $0.marks.map(\.authorityClass) }).count
    }

    private struct Call {
        var time: Date
        var identity: IdentityID
        var environment: String
        var authorityClass: AuthorityClass
        var action: String
    }

    /// The index of the first call at or after `time`.
    private static func firstIndex(_ calls: [Call], atOrAfter time: Date) -> Int {
        var low = 0, high = calls.count
        while low < high {
            let middle = (low + high) / 2
            if calls[middle].time < time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func timeline(
        _ kind: AuthorityTimeline.Kind, id: String, environments: Set<String>, from windowStart: Date,
        to windowEnd: Date?,
        calls: [Call], context: RuleContext, named: (IdentityID) -> Bool
    ) -> AuthorityTimeline {
        let start = windowStart.addingTimeInterval(-margin)
        let end = (windowEnd ?? max(context.asOf, windowStart)).addingTimeInterval(margin)
        var marks: [IdentityID: [AuthorityTimeline.Mark]] = [:]
        var index = firstIndex(calls, atOrAfter: start)
        while index < calls.count, calls[index].time <= end {
            let call = calls[index]
            if environments.contains(call.environment) {
                marks[call.identity, default: []].append(
                    .init(time: call.time, authorityClass: call.authorityClass, action: call.action))
            }
            index += 1
        }
        let rows = marks.map { identity, marks -> AuthorityTimeline.Row in
            let sorted = marks.sorted { ($0.time, $0.action) < ($1.time, $1.action) }
            return .init(
                identity: identity, name: context.displayName(identity), named: named(identity),
                marks: Array(sorted.prefix(maxMarks)), omittedMarks: max(0, sorted.count - maxMarks))
        }
        // The identities the record does not name come first: they are the question the timeline asks.
        .sorted {
            ($0.named ? 1 : 0, $0.marks.first?.time ?? start, $0.identity) < (
                $1.named ? 1 : 0, $1.marks.first?.time ?? start, $1.identity
            )
        }
        return AuthorityTimeline(
            kind: kind, id: id, environments: environments.sorted(), start: start, end: end,
            windowStart: windowStart, windowEnd: windowEnd, rows: Array(rows.prefix(maxRows)),
            omittedRows: max(0, rows.count - maxRows))
    }
}

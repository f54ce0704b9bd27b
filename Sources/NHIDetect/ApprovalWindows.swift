import Foundation
import NHIModel

/// Whether a moment of production work was authorised by an approved change or an open incident.
struct ApprovalWindows {
    let context: RuleContext

    /// An approved change whose window contains `time` and that names this identity as executor
    /// (a change naming no executor covers its whole environment).
    func change(covering time: Date, identity: IdentityID, environment: String) -> ChangeRecord? {
        context.inventory.changes.first { change in
            guard change.isApproved, let start = change.windowStart, let end = change.windowEnd, start <= time, time <= end else { return false }
            let executor = change.executedByIdentity ?? change.executedBy.flatMap(context.resolve)
            if let executor { return executor == identity }
            let named = change.executedBy?.trimmingCharacters(in: .whitespaces) ?? ""
            return named.isEmpty && (change.environment == nil || change.environment == environment)
        }
    }

    /// An incident open at `time` (declared, not yet resolved; unresolved incidents stay open).
    func incident(covering time: Date) -> IncidentRecord? {
        context.inventory.incidents.first { $0.declaredAt <= time && time <= ($0.resolvedAt ?? context.asOf) }
    }

    /// Production work of one class per identity × environment, split into covered and uncovered times.
    func uncovered(_ authorityClass: AuthorityClass, covered: (Date, IdentityID, String) -> Bool)
        -> [(identity: IdentityID, environment: String, times: [Date], actions: [String: Int], evidence: [EvidenceRef])] {
        var groups: [String: (IdentityID, String, [Date], [String: Int], [EvidenceRef])] = [:]
        for item in context.activity where item.authorityClass == authorityClass && item.effectiveCount > 0
            && context.isProduction(item.record.environment) {
            let record = item.record
            let misses = context.useTimes(record).filter { !covered($0, record.identity, record.environment) }
            guard !misses.isEmpty else { continue }
            let key = record.identity.rawValue + "\u{1F}" + record.environment
            var group = groups[key] ?? (record.identity, record.environment, [], [:], [])
            group.2 += misses
            group.3[record.action, default: 0] += misses.count
            group.4 += record.examples
            groups[key] = group
        }
        return groups.values.map { ($0.0, $0.1, $0.2.sorted(), $0.3, $0.4) }
    }
}

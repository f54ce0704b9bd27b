import Foundation
import NHIModel

/// Whether a moment of production work was authorised by an approved change or an open incident.
/// A record authorises only the work it names (docs/rules-semantics.md, "Approval windows").
struct ApprovalWindows {
    let context: RuleContext

    /// An approved change whose window contains `time` and that names this work: the environment
    /// it names (if any) is `environment` and the executor it names (if any) is `identity`. A change
    /// naming neither covers nothing (`incompleteChanges`).
    func change(covering time: Date, identity: IdentityID, environment: String) -> ChangeRecord? {
        context.inventory.changes.first { change in
            guard inWindow(change, time), names(change) else { return false }
            if let named = Self.text(change.environment), named != environment { return false }
            if Self.text(change.executedBy) != nil || change.executedByIdentity != nil {
                return executor(of: change) == identity
            }
            return true
        }
    }

    /// Approved changes whose window contains one of `times` but that name neither an environment
    /// nor an executor, so cannot say which work they approved.
    func incompleteChanges(around times: [Date]) -> [String] {
        context.inventory.changes.filter { change in !names(change) && times.contains { inWindow(change, $0) } }.map(\.id)
    }

    /// An incident open at `time` (declared, not yet resolved; unresolved incidents stay open) that
    /// concerns `environment` (or names no environment) and lists among its responders the identity
    /// itself or its owner. An incident without responders covers nobody.
    func incident(covering time: Date, identity: IdentityID, environment: String) -> IncidentRecord? {
        openIncidents(at: time, environment: environment).first { isResponder(identity, of: $0) }
    }

    /// Incidents open at `time` that concern `environment` (or name no environment), whoever responded.
    func openIncidents(at time: Date, environment: String) -> [IncidentRecord] {
        context.inventory.incidents.filter { incident in
            incident.declaredAt <= time && time <= (incident.resolvedAt ?? context.asOf)
                && (incident.environments.isEmpty || incident.environments.contains(environment))
        }
    }

    /// Whether the incident lists the identity (id or unique name) or its owner in owners.csv among its responders.
    func isResponder(_ identity: IdentityID, of incident: IncidentRecord) -> Bool {
        if incident.responderIdentities.contains(identity) { return true }
        let owner = context.owner(of: identity).flatMap { Self.text($0.owner)?.lowercased() }
        return incident.responders.contains { responder in
            context.resolve(responder) == identity || (owner != nil && responder.trimmingCharacters(in: .whitespaces).lowercased() == owner)
        }
    }

    private func inWindow(_ change: ChangeRecord, _ time: Date) -> Bool {
        guard change.isApproved, let start = change.windowStart, let end = change.windowEnd else { return false }
        return start <= time && time <= end
    }

    private func names(_ change: ChangeRecord) -> Bool {
        Self.text(change.environment) != nil || Self.text(change.executedBy) != nil || change.executedByIdentity != nil
    }

    private func executor(of change: ChangeRecord) -> IdentityID? {
        change.executedByIdentity ?? change.executedBy.flatMap(context.resolve)
    }

    private static func text(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
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

import Foundation
import NHIModel

/// Whether a moment of production work was authorised by an approved change or an open incident.
/// A record authorises only the work it names (docs/rules-semantics.md, "Approval windows").
///
/// Built once per rule run: changes are indexed by what they name and kept as intervals sorted by
/// start with the running latest end, so a lookup is a binary search per index entry rather than a
/// scan of every change per call.
struct ApprovalWindows {
    let context: RuleContext
    /// Approved changes naming their work, by the executor and environment they name (nil: any).
    private let changes: [ChangeScope: Intervals]
    /// Approved changes naming neither environment nor executor, in inventory order.
    private let incomplete: [(id: String, start: Date, end: Date)]
    /// Incidents in inventory order, with their responders resolved once.
    private let incidents: [Incident]

    private struct ChangeScope: Hashable {
        var executor: IdentityID?
        var environment: String?
    }

    private struct Incident {
        var record: IncidentRecord
        /// Identities the responders name (listed or resolved from what is written).
        var responders: Set<IdentityID>
        /// The responders as written, trimmed and lower-cased, to compare with owners.
        var names: Set<String>

        /// Declared by `time` and not resolved before it (`asOf` ends an unresolved one), concerning
        /// `environment` or naming none.
        func isOpen(at time: Date, environment: String, asOf: Date) -> Bool {
            record.declaredAt <= time && time <= (record.resolvedAt ?? asOf)
                && (record.environments.isEmpty || record.environments.contains(environment))
        }

        /// Whether the responders list the identity, or its owner (lower-cased).
        func lists(_ identity: IdentityID, owner: String?) -> Bool {
            responders.contains(identity) || (owner.map(names.contains) ?? false)
        }
    }

    init(context: RuleContext) {
        self.context = context
        var scoped: [ChangeScope: [(start: Date, end: Date, payload: Int)]] = [:]
        var incomplete: [(id: String, start: Date, end: Date)] = []
        for (index, change) in context.inventory.changes.enumerated() {
            guard change.isApproved, let start = change.windowStart, let end = change.windowEnd else { continue }
            let environment = Self.text(change.environment)
            let namesExecutor = Self.text(change.executedBy) != nil || change.executedByIdentity != nil
            guard environment != nil || namesExecutor else {
                incomplete.append((change.id, start, end))
                continue
            }
            // A change naming an executor that resolves to no identity covers nobody.
            let executor = change.executedByIdentity ?? change.executedBy.flatMap(context.resolve)
            guard !namesExecutor || executor != nil else { continue }
            scoped[ChangeScope(executor: namesExecutor ? executor : nil, environment: environment), default: []].append(
                (start, end, index))
        }
        changes = scoped.mapValues(Intervals.init)
        self.incomplete = incomplete
        incidents = context.inventory.incidents.map { incident in
            var responders = Set(incident.responderIdentities)
            var names: Set<String> = []
            for responder in incident.responders {
                if let id = context.resolve(responder) { responders.insert(id) }
                names.insert(responder.trimmingCharacters(in: .whitespaces).lowercased())
            }
            return Incident(record: incident, responders: responders, names: names)
        }
    }

    /// The approved changes that may cover this identity's work in this environment, looked up
    /// once for all the times of an aggregate rather than once per time. A change covers a call
    /// when its window contains the call's time and it names this work: the environment it names
    /// (if any) is `environment` and the executor it names (if any) is `identity`. A change naming
    /// neither covers nothing (`incompleteChanges`).
    func changes(naming identity: IdentityID, in environment: String) -> CoveringChanges {
        // No scope names neither: such changes are `incomplete`.
        CoveringChanges(
            changes[ChangeScope(executor: identity, environment: environment)],
            changes[ChangeScope(executor: identity, environment: nil)],
            changes[ChangeScope(executor: nil, environment: environment)])
    }

    /// The indexes of the approved changes that may cover one identity's work in one environment:
    /// those naming it and the environment, it and no environment, the environment and no
    /// executor (`nil` where there are none).
    struct CoveringChanges {
        private let scopes: (Intervals?, Intervals?, Intervals?)

        fileprivate init(_ first: Intervals?, _ second: Intervals?, _ third: Intervals?) {
            scopes = (first, second, third)
        }

        /// Whether one of them covers a call at `time`.
        func contain(_ time: Date) -> Bool {
            scopes.0?.contains(time) == true || scopes.1?.contains(time) == true || scopes.2?.contains(time) == true
        }

        /// The inventory position of the change that covers a call at `time`, to name it as the
        /// call's authority (the latest-starting one where several do).
        func position(covering time: Date) -> Int? {
            var found: Int?
            func consider(_ scope: Intervals?) {
                if let index = scope?.payload(containing: time) { found = max(found ?? index, index) }
            }
            consider(scopes.0); consider(scopes.1); consider(scopes.2)
            return found
        }
    }

    /// Approved changes whose window contains one of `times` but that name neither an environment
    /// nor an executor, so cannot say which work they approved.
    func incompleteChanges(around times: [Date]) -> [String] {
        guard !incomplete.isEmpty else { return [] }
        let sorted = times.sorted()
        return incomplete.filter { change in
            // The first time at or after the window's start decides whether one lies within it.
            var low = 0, high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] < change.start { low = middle + 1 } else { high = middle }
            }
            return low < sorted.count && sorted[low] <= change.end
        }.map(\.id)
    }

    /// An incident open at `time` (declared, not yet resolved; unresolved incidents stay open) that
    /// concerns `environment` (or names no environment) and lists among its responders the identity
    /// itself or its owner. An incident without responders covers nobody.
    func incident(covering time: Date, identity: IdentityID, environment: String) -> IncidentRecord? {
        guard !incidents.isEmpty else { return nil }
        let owner = owner(of: identity)
        return incidents.first { incident in
            incident.isOpen(at: time, environment: environment, asOf: context.asOf)
                && incident.lists(identity, owner: owner)
        }?.record
    }

    /// Incidents open at `time` that concern `environment` (or name no environment), whoever responded.
    func openIncidents(at time: Date, environment: String) -> [IncidentRecord] {
        incidents.filter { $0.isOpen(at: time, environment: environment, asOf: context.asOf) }.map(\.record)
    }

    /// Whether an incident is open at `time` in `environment` (`openIncidents` is not empty).
    func hasOpenIncident(at time: Date, environment: String) -> Bool {
        incidents.contains { $0.isOpen(at: time, environment: environment, asOf: context.asOf) }
    }

    /// Whether the incident lists the identity (id or unique name) or its owner in owners.csv among its responders.
    func isResponder(_ identity: IdentityID, of record: IncidentRecord) -> Bool {
        incidents.first { $0.record == record }?.lists(identity, owner: owner(of: identity)) ?? false
    }

    /// The identity's owner in owners.csv, trimmed and lower-cased, as responders are compared.
    private func owner(of identity: IdentityID) -> String? {
        context.owner(of: identity).flatMap { Self.text($0.owner)?.lowercased() }
    }

    private static func text(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Production work of one class per identity × environment, split into covered and uncovered
    /// times. `covered` is asked per time, with the aggregate's environment and the changes that
    /// may cover its identity there.
    func uncovered(_ authorityClass: AuthorityClass, covered: (Date, String, CoveringChanges) -> Bool)
        -> [(identity: IdentityID, environment: String, times: [Date], actions: [String: Int], evidence: [EvidenceRef])]
    {
        var groups: [(identity: IdentityID, environment: String, [Date], [String: Int], [EvidenceRef])] = []
        var groupOf: [Place: Int] = [:]
        for item in context.activity
        where item.authorityClass == authorityClass && item.effectiveCount > 0 && item.inProduction {
            let identity = item.record.identity, environment = item.record.environment
            let changes = changes(naming: identity, in: environment)
            let misses = context.useTimes(item.record).filter { !covered($0, environment, changes) }
            guard !misses.isEmpty else { continue }
            let place = Place(identity: identity, environment: environment)
            let index =
                groupOf[place]
                ?? {
                    groupOf[place] = groups.count
                    groups.append((identity, environment, [], [:], []))
                    return groups.count - 1
                }()
            groups[index].2 += misses
            groups[index].3[item.record.action, default: 0] += misses.count
            groups[index].4 += item.record.examples
        }
        return groups.map { ($0.0, $0.1, $0.2.sorted(), $0.3, $0.4) }
    }

    /// An identity's work in one environment.
    private struct Place: Hashable {
        var identity: IdentityID
        var environment: String
    }
}

/// Closed time intervals sorted by start, with the latest end among each prefix: whether one
/// contains a moment is a binary search. Each interval may carry a payload (what it stands for).
/// A class: an aggregate's lookups (`CoveringChanges`) hold three of them, one reference each.
final class Intervals {
    private let starts: [Date]
    private let ends: [Date]
    private let payloads: [Int]
    private let latestEnds: [Date]

    init(_ intervals: [(start: Date, end: Date, payload: Int)]) {
        let sorted = intervals.sorted { ($0.start, $0.payload) < ($1.start, $1.payload) }
        starts = sorted.map(\.start)
        ends = sorted.map(\.end)
        payloads = sorted.map(\.payload)
        var latest = Date.distantPast
        latestEnds = sorted.map { interval in
            latest = max(latest, interval.end)
            return latest
        }
    }

    func contains(_ time: Date) -> Bool {
        let prefix = startedBy(time)
        return prefix > 0 && latestEnds[prefix - 1] >= time
    }

    /// The payload of the latest-starting interval containing `time`.
    func payload(containing time: Date) -> Int? {
        var index = startedBy(time)
        guard index > 0, latestEnds[index - 1] >= time else { return nil }
        // Some interval of the prefix reaches `time`: walk back to the nearest one that does.
        repeat { index -= 1 } while ends[index] < time
        return payloads[index]
    }

    /// How many intervals start at or before `time` (they form a prefix).
    private func startedBy(_ time: Date) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

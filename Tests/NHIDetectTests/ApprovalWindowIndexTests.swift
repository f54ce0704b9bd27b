import Foundation
@testable import NHIDetect
import NHIModel
import TestSupport
import Testing

/// The indexed approval windows answer exactly as a scan of every change and incident does
/// (the definition in docs/rules-semantics.md, "Approval windows"), on random records.
@Suite struct ApprovalWindowIndexTests {
    static let base = ExampleKit.date("2026-11-01T00:00:00Z")
    static let names = ["deploy", "ops", "batch"]
    static let environments = ["production", "staging", " production ", ""]

    static func records(seed: UInt64) -> (RuleContext, [Date]) {
        var random = SeededRandom(state: seed)
        let changes = (0..<random.next(14)).map { index -> ChangeRecord in
            let start = random.time()
            return ChangeRecord(
                id: "CHG-\(index)", environment: random.pick([nil] + environments.map(Optional.some)),
                approvedBy: random.pick(["lee@example.com", "", nil]),
                executedBy: random.pick([nil, "deploy", "ops", " batch", "nobody", ""]),
                executedByIdentity: random.next(5) == 0 ? ExampleKit.roleID(random.pick(names)) : nil,
                windowStart: random.next(8) == 0 ? nil : start,
                windowEnd: start.addingTimeInterval(Double(random.next(12)) * 1_800),
                status: random.pick(["approved", "rejected", "completed", "emergency"]))
        }
        let incidents = (0..<random.next(6)).map { index -> IncidentRecord in
            let declared = random.time()
            return IncidentRecord(
                id: "INC-\(index)", declaredAt: declared,
                resolvedAt: random.next(4) == 0 ? nil : declared.addingTimeInterval(Double(random.next(10)) * 1_800),
                environments: random.next(2) == 0 ? [] : [random.pick(["production", "staging"])],
                responders: (0..<random.next(3)).map { _ in
                    random.pick(["deploy", " OPS ", "dana@example.com", "nobody"])
                },
                responderIdentities: random.next(4) == 0 ? [ExampleKit.roleID(random.pick(names))] : [])
        }
        let identities = names.map { ExampleKit.role($0, owner: $0 == "batch" ? "dana@example.com" : nil) }
        let inventory = ExampleKit.inventory(identities: identities, changes: changes, incidents: incidents)
        let times = (0..<random.next(6)).map { _ in random.time() }
        return (
            RuleContext(
                inventory: inventory, policy: .defaults, classifier: ExampleKit.classifier, asOf: ExampleKit.periodEnd),
            times
        )
    }

    static func text(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func inWindow(_ change: ChangeRecord, _ time: Date) -> Bool {
        guard change.isApproved, let start = change.windowStart, let end = change.windowEnd else { return false }
        return start <= time && time <= end
    }

    static func names(_ change: ChangeRecord) -> Bool {
        text(change.environment) != nil || text(change.executedBy) != nil || change.executedByIdentity != nil
    }

    /// The definition, as a scan of every change.
    static func scanChanges(_ context: RuleContext, _ time: Date, _ identity: IdentityID, _ environment: String) -> Bool
    {
        context.inventory.changes.contains { covers(context, $0, time, identity, environment) }
    }

    /// Whether one change approves this work at `time`.
    static func covers(
        _ context: RuleContext, _ change: ChangeRecord, _ time: Date, _ identity: IdentityID, _ environment: String
    ) -> Bool {
        guard inWindow(change, time), names(change) else { return false }
        if let named = text(change.environment), named != environment { return false }
        if text(change.executedBy) != nil || change.executedByIdentity != nil {
            return (change.executedByIdentity ?? change.executedBy.flatMap(context.resolve)) == identity
        }
        return true
    }

    /// The definition, as a scan of every incident; the first in the inventory's order.
    static func scanIncidents(_ context: RuleContext, _ time: Date, _ identity: IdentityID, _ environment: String)
        -> String?
    {
        let owner = context.owner(of: identity).flatMap { text($0.owner)?.lowercased() }
        return context.inventory.incidents.first { incident in
            guard incident.declaredAt <= time, time <= (incident.resolvedAt ?? context.asOf) else { return false }
            guard incident.environments.isEmpty || incident.environments.contains(environment) else { return false }
            if incident.responderIdentities.contains(identity) { return true }
            return incident.responders.contains { responder in
                context.resolve(responder) == identity
                    || (owner != nil && responder.trimmingCharacters(in: .whitespaces).lowercased() == owner)
            }
        }?.id
    }

    @Test func lookupsAnswerAsTheScanOfEveryRecord() {
        var random = SeededRandom(state: 7)
        for seed in 0..<400 {
            let (context, times) = Self.records(seed: UInt64(seed))
            let windows = ApprovalWindows(context: context)
            for _ in 0..<24 {
                let time = random.time(), environment = random.pick(Self.environments), name = random.pick(Self.names)
                let identity = ExampleKit.roleID(name)
                #expect(
                    windows.hasChange(covering: time, identity: identity, environment: environment)
                        == Self.scanChanges(context, time, identity, environment), "seed \(seed)")
                // Looked up once per aggregate: the same answer, and a change named is one that covers.
                let covering = windows.changes(naming: identity, in: environment)
                #expect(
                    covering.contain(time) == Self.scanChanges(context, time, identity, environment), "seed \(seed)")
                #expect(
                    covering.position(covering: time).map { position in
                        Self.covers(context, context.inventory.changes[position], time, identity, environment)
                    } ?? !covering.contain(time), "seed \(seed)")
                #expect(
                    windows.incident(covering: time, identity: identity, environment: environment)?.id
                        == Self.scanIncidents(context, time, identity, environment), "seed \(seed)")
            }
            let expected = context.inventory.changes.filter { change in
                !Self.names(change) && times.contains { Self.inWindow(change, $0) }
            }.map(\.id)
            #expect(windows.incompleteChanges(around: times) == expected, "seed \(seed)")
        }
    }

    @Test func intervalsContainWhatSomeIntervalContains() {
        var random = SeededRandom(state: 11)
        for _ in 0..<500 {
            let intervals = (0..<random.next(9)).map { payload -> (start: Date, end: Date, payload: Int) in
                let start = random.time()
                return (start, start.addingTimeInterval(Double(random.next(8) - 1) * 1_800), payload)
            }
            let index = Intervals(intervals)
            for _ in 0..<20 {
                let time = random.time()
                let containing = intervals.filter { $0.start <= time && time <= $0.end }
                #expect(index.contains(time) == !containing.isEmpty)
                // The payload named is one of an interval containing the moment, the latest-starting one.
                let latestStart = containing.map(\.start).max()
                let named = index.payload(containing: time)
                #expect(named.map { payload in containing.contains { $0.payload == payload } } ?? containing.isEmpty)
                #expect(named.map { payload in intervals[payload].start } == latestStart)
            }
        }
    }
}

extension SeededRandom {
    /// A time on one of the half hours of the two days after the tests' base date.
    mutating func time() -> Date {
        ApprovalWindowIndexTests.base.addingTimeInterval(Double(next(96)) * 1_800)
    }
}

import Foundation
@testable import NHIDetect
import NHIModel
import TestSupport
import Testing

/// The accountability view, its approval lookups made once per aggregate and its tallies once per
/// aggregate and role, says what asking about every call on its own says, on random inventories.
@Suite struct AuthorityAccountabilityTests {
    struct Row: Equatable {
        var calls = 0
        var under: Set<String> = []
        var uncovered = 0
    }

    /// Per environment, role and actor: the calls and what they fell under, each call judged alone.
    static func callByCall(_ context: RuleContext) -> [String: [String: Row]] {
        let windows = ApprovalWindows(context: context)
        var rows: [String: [String: Row]] = [:]
        for item in context.activity where item.effectiveCount > 0 && context.isProduction(item.record.environment) {
            let record = item.record, environment = record.environment
            guard let authorityClass = item.authorityClass else { continue }
            for time in context.useTimes(record) {
                let role: EnvironmentAccountability.Role
                var under: String?
                switch authorityClass {
                case .delivery:
                    role = .delivered
                    under = windows.change(covering: time, identity: record.identity, environment: environment)?.id
                case .operations:
                    let open = windows.openIncidents(at: time, environment: environment)
                    role = open.isEmpty ? .operated : .recovered
                    under =
                        open.first { windows.isResponder(record.identity, of: $0) }?.id
                        ?? windows.change(covering: time, identity: record.identity, environment: environment)?.id
                case .identityAdmin:
                    role = .administered
                    under = windows.change(covering: time, identity: record.identity, environment: environment)?.id
                default:
                    continue
                }
                let key = role.rawValue + " " + record.identity.rawValue
                rows[environment, default: [:]][key, default: Row()].calls += 1
                if let under {
                    rows[environment]![key]!.under.insert(under)
                } else {
                    rows[environment]![key]!.uncovered += 1
                }
            }
        }
        return rows
    }

    @Test func tallyAsEveryCallJudgedAlone() {
        var random = SeededRandom(state: 17)
        let actions = ["cloudformation:UpdateStack", "autoscaling:SetDesiredCapacity", "iam:CreateAccessKey"]
        for seed in 0..<300 {
            let (base, _) = ApprovalWindowIndexTests.records(seed: UInt64(seed))
            var inventory = base.inventory
            inventory.activity = (0..<random.next(12)).map { _ in
                let times = (0...random.next(4)).map { _ in ISO8601.string(from: random.time()) }
                return ExampleKit.activity(
                    ExampleKit.roleID(random.pick(ApprovalWindowIndexTests.names)), random.pick(actions),
                    environment: random.pick(["production", "staging"]), at: times, denied: random.next(6) == 0)
            }
            let context = RuleContext(
                inventory: inventory, policy: .defaults, classifier: ExampleKit.classifier, asOf: ExampleKit.periodEnd)
            let expected = Self.callByCall(context)
            for environment in AuthorityAccountability.environments(context) {
                let rows = environment.entries.filter { $0.role != .approved }.map { entry in
                    (
                        entry.role.rawValue + " " + entry.actor,
                        Row(calls: entry.calls, under: Set(entry.under), uncovered: entry.uncovered)
                    )
                }
                #expect(
                    Dictionary(uniqueKeysWithValues: rows) == expected[environment.environment] ?? [:], "seed \(seed)")
            }
        }
    }
}

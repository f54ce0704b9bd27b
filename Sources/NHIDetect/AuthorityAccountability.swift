import Foundation
import NHIModel

/// Per production environment, who delivered, operated, recovered, administered identities and
/// approved changes, under which change or incident, and what the CloudTrail digests establish
/// about the logs that say so.
enum AuthorityAccountability {
    /// Entries shown per role and environment; the rest are counted (results.json keeps the view small at scale).
    static let entriesPerRole = 15

    static func environments(_ context: RuleContext) -> [EnvironmentAccountability] {
        let windows = ApprovalWindows(context: context)
        var production = Set(context.inventory.scope.environments.filter(\.production).map(\.name))
        for item in context.activity where item.inProduction {
            production.insert(item.record.environment)
        }
        var tallies: [String: [TallyKey: Tally]] = [:]
        var unproven: [String: Set<String>] = [:]
        let changes = context.inventory.changes
        for item in context.activity
        where item.effectiveCount > 0 && (item.inProduction || production.contains(item.record.environment)) {
            let identity = item.record.identity, environment = item.record.environment
            if item.record.platform != .aws {
                unproven[environment, default: []].insert(Self.auditSource(item.record.platform))
            }
            guard let authorityClass = item.authorityClass else { continue }
            let covering = windows.changes(naming: identity, in: environment)
            // The aggregate's calls by role, added to the environment's tallies once per role.
            var roles: [Tally] = []
            for time in context.useTimes(item.record) {
                let role: EnvironmentAccountability.Role
                var under: String?
                switch authorityClass {
                case .delivery:
                    role = .delivered
                    under = covering.position(covering: time).map { changes[$0].id }
                case .operations:
                    let recovering = windows.hasOpenIncident(at: time, environment: environment)
                    role = recovering ? .recovered : .operated
                    // The first open incident listing the identity or its owner, else the change.
                    under =
                        (recovering
                            ? windows.incident(covering: time, identity: identity, environment: environment)?.id
                            : nil) ?? covering.position(covering: time).map { changes[$0].id }
                case .identityAdmin:
                    role = .administered
                    under = covering.position(covering: time).map { changes[$0].id }
                default:
                    continue
                }
                let index =
                    roles.firstIndex { $0.role == role }
                    ?? {
                        roles.append(Tally(role: role, actor: identity.rawValue, name: ""))
                        return roles.count - 1
                    }()
                roles[index].calls += 1
                if let under { roles[index].under.insert(under) } else { roles[index].uncovered += 1 }
            }
            for part in roles {
                let key = TallyKey(role: part.role, actor: identity.rawValue)
                tallies[environment, default: [:]][
                    key, default: Tally(role: part.role, actor: identity.rawValue, name: context.displayName(identity))
                ]
                .add(part)
            }
        }
        for change in context.inventory.changes where change.isApproved {
            guard let approver = change.approvedBy?.trimmingCharacters(in: .whitespaces), !approver.isEmpty else {
                continue
            }
            for environment in production where Self.concerns(change, environment, context) {
                let key = TallyKey(role: .approved, actor: approver.lowercased())
                var tally =
                    tallies[environment, default: [:]][key] ?? Tally(role: .approved, actor: approver, name: approver)
                tally.under.insert(change.id)
                tallies[environment, default: [:]][key] = tally
            }
        }
        let files = context.inventory.logIntegrity?.logFiles ?? []
        return production.sorted().map { environment in
            var entries: [EnvironmentAccountability.Entry] = []
            var omitted = 0
            let byRole = Dictionary(grouping: (tallies[environment] ?? [:]).values, by: \.role)
            for role in EnvironmentAccountability.Role.allCases {
                let sorted = (byRole[role] ?? []).sorted {
                    ($0.calls, $0.under.count, $1.actor) > ($1.calls, $1.under.count, $0.actor)
                }
                entries += sorted.prefix(entriesPerRole).map {
                    .init(
                        role: role, actor: $0.actor, name: $0.name, calls: $0.calls, under: $0.under.sorted(),
                        uncovered: $0.uncovered)
                }
                omitted += max(0, sorted.count - entriesPerRole)
            }
            var statuses: [String: Int] = [:]
            for file in files where file.environment == environment { statuses[file.status.rawValue, default: 0] += 1 }
            return EnvironmentAccountability(
                environment: environment, entries: entries, omittedEntries: omitted,
                logFiles: statuses, unprovenSources: (unproven[environment] ?? []).sorted())
        }
    }

    /// A tally's role and actor (an identity's id, an approver lower-cased).
    private struct TallyKey: Hashable {
        var role: EnvironmentAccountability.Role
        var actor: String
    }

    private struct Tally {
        var role: EnvironmentAccountability.Role
        var actor: String
        var name: String
        var calls = 0
        var under: Set<String> = []
        var uncovered = 0

        mutating func add(_ other: Tally) {
            calls += other.calls
            under.formUnion(other.under)
            uncovered += other.uncovered
        }
    }

    /// A change concerns an environment it names, or, naming none, the environment its executor acts in.
    private static func concerns(_ change: ChangeRecord, _ environment: String, _ context: RuleContext) -> Bool {
        if let named = change.environment?.trimmingCharacters(in: .whitespaces), !named.isEmpty {
            return named == environment
        }
        guard let executor = change.executedByIdentity ?? change.executedBy.flatMap(context.resolve) else {
            return false
        }
        return context.position(of: executor).map {
            context.inventory.identities[$0].environments.contains(environment)
        }
            ?? false
    }

    private static func auditSource(_ platform: Platform) -> String {
        [Platform.kubernetes: "Kubernetes audit log", .github: "GitHub audit log", .entra: "Entra sign-in logs"][
            platform]
            ?? "\(platform.rawValue) audit log"
    }
}

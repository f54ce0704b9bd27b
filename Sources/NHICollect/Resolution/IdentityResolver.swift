import Foundation
import NHIModel

/// The last step of collect: joins sources (owners to identities, activity to inventory),
/// assigns environments, infers human versus non-human, and freezes the builder into an Inventory.
public struct IdentityResolver: Sendable {
    public var scope: Scope
    /// Hours without any audit event, inside the covered span, that count as a coverage gap
    /// (the policy's `audit_gap_hours`).
    public var gapHours: Double

    public init(scope: Scope, gapHours: Double) { self.scope = scope; self.gapHours = gapHours }

    public func finish(_ builder: InventoryBuilder, ledger: IngestLedger) -> Inventory {
        var ledger = ledger
        KubernetesRBACResolution.finish(builder, scope: scope, ledger: &ledger)
        AWSGrantExpansion.expand(builder)
        AWSIdentityResolution.resolveAccessKeys(builder)
        attachActivityOnlyIdentities(builder)
        AWSIdentityResolution.inferHumans(builder)
        attachOwners(builder)
        RecordReferences.resolve(builder)
        // The records are held once from here on: taken out of the builder's table, and put in
        // order in place.
        var activity = builder.takeActivity()
        var environmentsByIdentity: [IdentityID: Set<String>] = [:]
        for record in activity { environmentsByIdentity[record.identity, default: []].insert(record.environment) }
        var identities = builder.identities.values.sorted { $0.id < $1.id }
        for index in identities.indices {
            let seen = environmentsByIdentity[identities[index].id] ?? []
            identities[index].environments = Array(Set(identities[index].environments).union(seen)).sorted()
            identities[index].credentials.sort { $0.id < $1.id }
        }
        for index in activity.indices { activity[index].normalise() }
        // Each record's place is worked out once, as ranks among the distinct values: joining its
        // request fields and comparing Strings at every comparison was most of the sort.
        let places = ActivityOrder.places(of: activity)
        Self.permute(&activity, into: activity.indices.sorted { places[$0] < places[$1] })
        let coverage = builder.coverage.keys.sorted().map { key -> AuditCoverage in
            var entry = builder.coverage[key]!
            entry.gaps = gaps(in: builder.coverageHours[key] ?? [])
            return entry
        }
        return Inventory(
            scope: scope, identities: identities,
            grants: builder.grants, permissionBoundaries: builder.permissionBoundaries, trusts: builder.trusts,
            activity: activity, auditCoverage: coverage,
            owners: builder.owners, changes: builder.changes.sorted { $0.id < $1.id },
            incidents: builder.incidents.sorted { $0.id < $1.id }, leaks: builder.leaks,
            inputs: builder.inputs, evidenceCoverage: builder.evidenceCoverage, ledger: ledger)
    }

    /// Reorders `items` so that position i holds what was at `order[i]` (a permutation of the
    /// indices), in place, one cycle of the permutation at a time.
    static func permute<T>(_ items: inout [T], into order: [Int]) {
        var placed = [Bool](repeating: false, count: items.count)
        for start in items.indices where !placed[start] {
            let first = items[start]
            var position = start
            while true {
                placed[position] = true
                let source = order[position]
                if source == start {
                    items[position] = first
                    break
                }
                items[position] = items[source]
                position = source
            }
        }
    }

    /// Every identity that acted but that no inventory lists is kept, marked `inInventory: false`.
    private func attachActivityOnlyIdentities(_ builder: InventoryBuilder) {
        let records = builder.activityTable.records
        for index in records.indices where builder.identities[records[index].identity] == nil {
            let record = records[index]
            if record.platform == .aws {
                let described = AWSPrincipals.describe(record.identity)
                builder.addIdentity(
                    Identity(
                        id: record.identity, platform: .aws, kind: described.kind, name: described.name,
                        account: described.account ?? record.account, inInventory: false,
                        isPlatformService: described.isPlatformService))
                continue
            }
            builder.addIdentity(
                Identity(
                    id: record.identity, platform: record.platform, kind: .unknown,
                    name: record.identity.rawValue, account: record.account, inInventory: false))
        }
    }

    /// Matches owners.csv rows to identities by exact id, then by unique name.
    private func attachOwners(_ builder: InventoryBuilder) {
        let byName = Dictionary(grouping: builder.identities.values, by: \.name)
        for owner in builder.owners {
            let target: IdentityID?
            if builder.identities[IdentityID(owner.identityRef)] != nil {
                target = IdentityID(owner.identityRef)
            } else if let matches = byName[owner.identityRef], matches.count == 1 {
                target = matches[0].id
            } else {
                target = nil
            }
            guard let target else { continue }
            builder.updateIdentity(target) { identity in
                identity.owner = owner
                if let override = owner.kindOverride?.lowercased() {
                    identity.isHuman = override == "human"
                    identity.humanBasis = .ownerOverride
                }
                if let environment = owner.environment, !identity.environments.contains(environment) {
                    identity.environments.append(environment)
                }
            }
        }
    }

    private func gaps(in hours: Set<Int>) -> [DateInterval] {
        let sorted = hours.sorted()
        var result: [DateInterval] = []
        for (previous, next) in zip(sorted, sorted.dropFirst()) where Double(next - previous) > gapHours {
            result.append(
                DateInterval(
                    start: Date(timeIntervalSince1970: Double(previous + 1) * 3600),
                    end: Date(timeIntervalSince1970: Double(next) * 3600)))
        }
        return result
    }
}

/// The order of activity records in an inventory: by identity, action, environment and request
/// fields (joined), then by account and, last, by the field lists themselves, so that the order
/// never depends on the builder's dictionary (whose order changes from one process to the next).
/// Each value is held as its rank among the distinct values of its kind.
private struct ActivityOrder: Comparable {
    let identity, action, environment, fields, account: Int
    let fieldList: [String]

    static func places(of records: [ActivityRecord]) -> [ActivityOrder] {
        let identities = ranks(records.map(\.identity)), actions = ranks(records.map(\.action))
        let environments = ranks(records.map(\.environment)), accounts = ranks(records.compactMap(\.account))
        let joined = records.map { $0.requestFields.joined(separator: ",") }, fields = ranks(joined)
        return records.indices.map { index in
            let record = records[index]
            return ActivityOrder(
                identity: identities[record.identity]!, action: actions[record.action]!,
                environment: environments[record.environment]!, fields: fields[joined[index]]!,
                account: record.account.map { accounts[$0]! } ?? -1, fieldList: record.requestFields)
        }
    }

    /// Each distinct value's place among them all (values that compare equal share one).
    private static func ranks<Value: Hashable & Comparable>(_ values: [Value]) -> [Value: Int] {
        Dictionary(uniqueKeysWithValues: Set(values).sorted().enumerated().map { ($1, $0) })
    }

    static func < (lhs: ActivityOrder, rhs: ActivityOrder) -> Bool {
        let left = (lhs.identity, lhs.action, lhs.environment, lhs.fields, lhs.account)
        let right = (rhs.identity, rhs.action, rhs.environment, rhs.fields, rhs.account)
        if left != right { return left < right }
        return lhs.fieldList.lexicographicallyPrecedes(rhs.fieldList)
    }
}

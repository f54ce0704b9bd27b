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
        // The activity is resolved and put in order beside the rest of the builder, each on a core
        // of its own: this step runs once every file is read, and on one core it left the other
        // idle. Each side reads what it read when the steps ran one after the other: grant
        // expansion changes no identity's platform, kind or credentials, which is all the access
        // keys are resolved by, and nothing after the access keys changes the activity.
        var activity = builder.takeActivityTable()
        let inventoryKeys = AWSIdentityResolution.inventoryKeys(builder.identities)
        var accessKeys = AWSIdentityResolution.AccessKeys()
        var acted: [IdentityID: ActedIdentity] = [:]
        SideBySide.run {
            accessKeys = AWSIdentityResolution.accessKeys(activity.records, inventoryKeys: inventoryKeys)
            activity.rewriteIdentities(accessKeys.mapping)
            acted = ActedIdentity.note(activity.records)
        } and: {
            AWSGrantExpansion.expand(builder)
        }
        AWSIdentityResolution.apply(accessKeys, to: builder)
        // The records are held once from here on: taken out of the table, and put in order in place.
        var records = activity.take()
        var identities: [Identity] = []
        var coverage: [AuditCoverage] = []
        SideBySide.run {
            ActivityOrder.order(&records)
        } and: {
            attachActivityOnlyIdentities(builder, acted: acted)
            AWSIdentityResolution.inferHumans(builder)
            attachOwners(builder)
            RecordReferences.resolve(builder)
            identities = builder.identities.values.sorted { $0.id < $1.id }
            for index in identities.indices {
                identities[index].formEnvironments(union: acted[identities[index].id]?.environments ?? [])
                identities[index].credentials.sort { $0.id < $1.id }
            }
            coverage = builder.coverage.keys.sorted().map { key -> AuditCoverage in
                var entry = builder.coverage[key]!
                entry.gaps = gaps(in: builder.coverageHours[key] ?? [])
                return entry
            }
        }
        return Inventory(
            scope: scope, identities: identities,
            grants: builder.grants, permissionBoundaries: builder.permissionBoundaries, trusts: builder.trusts,
            activity: records, auditCoverage: coverage,
            owners: builder.owners, changes: builder.changes.sorted { $0.id < $1.id },
            incidents: builder.incidents.sorted { $0.id < $1.id }, leaks: builder.leaks,
            inputs: builder.inputs, evidenceCoverage: builder.evidenceCoverage, ledger: ledger)
    }

    /// Every identity that acted but that no inventory lists is kept, marked `inInventory: false`,
    /// made from its first record in the table's order.
    private func attachActivityOnlyIdentities(_ builder: InventoryBuilder, acted: [IdentityID: ActedIdentity]) {
        for (id, first) in acted where !builder.identities.keys.contains(id) {
            if first.platform == .aws {
                let described = AWSPrincipals.describe(id)
                builder.addIdentity(
                    Identity(
                        id: id, platform: .aws, kind: described.kind, name: described.name,
                        account: described.account ?? first.account, inInventory: false,
                        isPlatformService: described.isPlatformService))
                continue
            }
            builder.addIdentity(
                Identity(
                    id: id, platform: first.platform, kind: .unknown, name: id.rawValue, account: first.account,
                    inInventory: false))
        }
    }

    /// Matches owners.csv rows to identities by exact id, then by unique name.
    private func attachOwners(_ builder: InventoryBuilder) {
        let resolve = builder.identityReferences()
        for owner in builder.owners {
            guard let target = resolve(owner.identityRef) else { continue }
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

/// What identity resolution needs of the activity besides its order, noted in one pass over the
/// records: per identity, the environments it acted in, and the platform and account of its first
/// record, which an identity no inventory lists is made from.
struct ActedIdentity {
    var platform: Platform
    var account: String?
    var environments: Set<String>

    static func note(_ records: [ActivityRecord]) -> [IdentityID: ActedIdentity] {
        var acted: [IdentityID: ActedIdentity] = [:]
        for index in records.indices {
            insert(
                records[index].environment,
                into: &acted[
                    records[index].identity,
                    default: ActedIdentity(
                        platform: records[index].platform, account: records[index].account, environments: [])
                ].environments)
        }
        return acted
    }

    /// Most identities act in one environment: a record's is compared with it, not hashed into
    /// the set again.
    private static func insert(_ environment: String, into environments: inout Set<String>) {
        if environments.count != 1 || environments.first != environment { environments.insert(environment) }
    }
}

import Foundation

/// Everything collected from an evidence folder, normalised. What every rule reads.
public struct Inventory: Hashable, Codable, Sendable {
    public var scope: Scope
    public var identities: [Identity]
    public var grants: [Grant]
    /// AWS permission boundaries: one grant per statement of the boundary policy, `identity` the
    /// identity it bounds. They limit the identity's grants and confer nothing themselves.
    public var permissionBoundaries: [Grant]
    public var trusts: [TrustRelationship]
    public var activity: [ActivityRecord]
    public var auditCoverage: [AuditCoverage]
    public var owners: [OwnerRecord]
    public var changes: [ChangeRecord]
    public var incidents: [IncidentRecord]
    public var leaks: [LeakRecord]
    /// Which kinds of input were present (a rule needing an absent kind is not evaluated).
    public var inputs: Set<InputKind>
    public var ledger: IngestLedger

    public init(
        scope: Scope, identities: [Identity] = [], grants: [Grant] = [], permissionBoundaries: [Grant] = [],
        trusts: [TrustRelationship] = [],
        activity: [ActivityRecord] = [], auditCoverage: [AuditCoverage] = [], owners: [OwnerRecord] = [],
        changes: [ChangeRecord] = [], incidents: [IncidentRecord] = [], leaks: [LeakRecord] = [],
        inputs: Set<InputKind> = [], ledger: IngestLedger = IngestLedger()
    ) {
        self.scope = scope; self.identities = identities; self.grants = grants
        self.permissionBoundaries = permissionBoundaries; self.trusts = trusts
        self.activity = activity; self.auditCoverage = auditCoverage; self.owners = owners
        self.changes = changes; self.incidents = incidents; self.leaks = leaks
        self.inputs = inputs; self.ledger = ledger
    }

    /// Identities by id, for joins.
    public func identityIndex() -> [IdentityID: Identity] {
        Dictionary(identities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension Inventory {
    private enum CodingKeys: String, CodingKey {
        case scope, identities, grants, permissionBoundaries, trusts, activity, auditCoverage, owners, changes, incidents, leaks, inputs, ledger
    }

    /// Encodes `inputs` sorted: a Set's order differs from run to run, and output must be byte-identical.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope, forKey: .scope)
        try container.encode(identities, forKey: .identities)
        try container.encode(grants, forKey: .grants)
        try container.encode(permissionBoundaries, forKey: .permissionBoundaries)
        try container.encode(trusts, forKey: .trusts)
        try container.encode(activity, forKey: .activity)
        try container.encode(auditCoverage, forKey: .auditCoverage)
        try container.encode(owners, forKey: .owners)
        try container.encode(changes, forKey: .changes)
        try container.encode(incidents, forKey: .incidents)
        try container.encode(leaks, forKey: .leaks)
        try container.encode(inputs.sorted(), forKey: .inputs)
        try container.encode(ledger, forKey: .ledger)
    }
}

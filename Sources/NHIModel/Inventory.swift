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
    /// CloudTrail log file integrity as the digest files establish it; nil without digest files.
    public var logIntegrity: LogIntegrity?
    /// Which kinds of input were present (a rule needing an absent kind is not evaluated).
    public var inputs: Set<InputKind>
    /// Which files contributed, and which kinds of input covered each platform account.
    public var evidenceCoverage: EvidenceCoverage
    public var ledger: IngestLedger

    public init(
        scope: Scope, identities: [Identity] = [], grants: [Grant] = [], permissionBoundaries: [Grant] = [],
        trusts: [TrustRelationship] = [],
        activity: [ActivityRecord] = [], auditCoverage: [AuditCoverage] = [], owners: [OwnerRecord] = [],
        changes: [ChangeRecord] = [], incidents: [IncidentRecord] = [], leaks: [LeakRecord] = [],
        logIntegrity: LogIntegrity? = nil, inputs: Set<InputKind> = [],
        evidenceCoverage: EvidenceCoverage = EvidenceCoverage(),
        ledger: IngestLedger = IngestLedger()
    ) {
        self.scope = scope; self.identities = identities; self.grants = grants
        self.permissionBoundaries = permissionBoundaries; self.trusts = trusts
        self.activity = activity; self.auditCoverage = auditCoverage; self.owners = owners
        self.changes = changes; self.incidents = incidents; self.leaks = leaks
        self.logIntegrity = logIntegrity; self.inputs = inputs; self.evidenceCoverage = evidenceCoverage;
        self.ledger = ledger
    }

    /// Identities by id, for joins.
    public func identityIndex() -> [IdentityID: Identity] {
        Dictionary(identities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension Inventory {
    private enum CodingKeys: String, CodingKey {
        case scope, identities, grants, permissionBoundaries, trusts, activity, auditCoverage, owners, changes,
            incidents, leaks,
            logIntegrity, inputs, evidenceCoverage, ledger
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
        try container.encodeIfPresent(logIntegrity, forKey: .logIntegrity)
        try container.encode(inputs.sorted(), forKey: .inputs)
        try container.encode(evidenceCoverage, forKey: .evidenceCoverage)
        try container.encode(ledger, forKey: .ledger)
    }
}

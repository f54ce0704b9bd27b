import Foundation

/// Everything collected from an evidence folder, normalised. What every rule reads.
public struct Inventory: Hashable, Codable, Sendable {
    public var scope: Scope
    public var identities: [Identity]
    public var grants: [Grant]
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
        scope: Scope, identities: [Identity] = [], grants: [Grant] = [], trusts: [TrustRelationship] = [],
        activity: [ActivityRecord] = [], auditCoverage: [AuditCoverage] = [], owners: [OwnerRecord] = [],
        changes: [ChangeRecord] = [], incidents: [IncidentRecord] = [], leaks: [LeakRecord] = [],
        inputs: Set<InputKind> = [], ledger: IngestLedger = IngestLedger()
    ) {
        self.scope = scope; self.identities = identities; self.grants = grants; self.trusts = trusts
        self.activity = activity; self.auditCoverage = auditCoverage; self.owners = owners
        self.changes = changes; self.incidents = incidents; self.leaks = leaks
        self.inputs = inputs; self.ledger = ledger
    }

    /// Identities by id, for joins.
    public func identityIndex() -> [IdentityID: Identity] {
        Dictionary(identities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

import NHIModel

/// The inventory's identities found by id, with what rules ask of each by id, worked out once.
/// An identity is held as its position in the inventory's list and read there in place: a copy of
/// an `Identity` retains each of its dozen fields, and rules ask by id per grant, per aggregate and
/// per finding.
struct IdentityLookup: Sendable {
    /// The inventory's identities (its list, not a copy).
    let identities: [Identity]
    /// Each id's position in `identities`: the first, where an id repeats.
    let positions: [IdentityID: Int]
    /// `RuleContext.judges` of the identity at each position.
    private let judged: [Bool]
    /// owners.csv rows by lower-cased identity reference (the first row naming it).
    let ownersByRef: [String: OwnerRecord]
    /// Ids by lower-cased name, in inventory order.
    let idsByName: [String: [IdentityID]]

    init(_ inventory: Inventory) {
        let identities = inventory.identities
        self.identities = identities
        var positions: [IdentityID: Int] = [:]
        positions.reserveCapacity(identities.count)
        var idsByName: [String: [IdentityID]] = [:]
        for position in identities.indices {
            if positions[identities[position].id] == nil { positions[identities[position].id] = position }
            idsByName[identities[position].name.lowercased(), default: []].append(identities[position].id)
        }
        self.positions = positions
        self.idsByName = idsByName
        judged = identities.map(RuleContext.judges)
        ownersByRef = Dictionary(
            inventory.owners.map { ($0.identityRef.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The identity with this id, copied.
    subscript(id: IdentityID) -> Identity? { positions[id].map { identities[$0] } }

    /// Whether rules judge the identity at this position of the inventory's list.
    func judges(at position: Int) -> Bool { judged[position] }

    /// Whether rules judge the identity; nil when no inventoried identity has this id.
    func judges(_ id: IdentityID) -> Bool? { positions[id].map { judged[$0] } }
}

import NHIModel

/// owners.csv rows that name no identity any inventory lists: a typo, or an identity deleted
/// since, whose owner entry proves nothing. The report lists them beside the other notices.
public enum OwnerReferences {
    /// One notice per such row, naming its position: `owners.csv:7: "ghost-bot" …`.
    public static func unmatched(_ inventory: Inventory) -> [String] {
        let inventoried = inventory.identities.filter(\.inInventory)
        guard !inventoried.isEmpty else { return [] }
        let ids = Set(inventoried.map(\.id.rawValue))
        let names = Set(inventoried.map(\.name))
        return inventory.owners.filter { !ids.contains($0.identityRef) && !names.contains($0.identityRef) }.map {
            owner in
            let position = owner.evidence?.locator ?? "owners"
            return "\(position): owner row for \"\(owner.identityRef)\" names no identity in any inventory"
        }.sorted()
    }
}

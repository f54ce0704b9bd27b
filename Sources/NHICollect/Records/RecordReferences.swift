import Foundation
import NHIModel

/// Resolves the identity references written in change and incident records (an identity id or a
/// unique identity name) to `IdentityID`s, once every source is known. People who are not
/// identities (`alice@example.com`) stay unresolved: the reference as written is kept beside it.
enum RecordReferences {
    static func resolve(_ builder: InventoryBuilder) {
        let byName = Dictionary(grouping: builder.identities.values, by: \.name)
        func lookup(_ reference: String?) -> IdentityID? {
            guard let reference = reference.map(Trimmed.whitespaces), !reference.isEmpty else {
                return nil
            }
            if builder.identities[IdentityID(reference)] != nil { return IdentityID(reference) }
            if let matches = byName[reference], matches.count == 1 { return matches[0].id }
            return nil
        }
        builder.updateChanges { change in
            change.approvedByIdentity = change.approvedByIdentity ?? lookup(change.approvedBy)
            change.executedByIdentity = change.executedByIdentity ?? lookup(change.executedBy)
        }
        builder.updateIncidents { incident in
            let resolved = incident.responders.compactMap(lookup)
            incident.responderIdentities = Array(Set(incident.responderIdentities + resolved)).sorted()
        }
    }
}

import Foundation
import NHIModel

/// Resolves the identity references written in change and incident records (an identity id or a
/// unique identity name) to `IdentityID`s, once every source is known. People who are not
/// identities (`alice@example.com`) stay unresolved: the reference as written is kept beside it.
enum RecordReferences {
    static func resolve(_ builder: InventoryBuilder) {
        let resolve = builder.identityReferences()
        func lookup(_ reference: String?) -> IdentityID? {
            guard let reference = reference.map(Trimmed.whitespaces), !reference.isEmpty else {
                return nil
            }
            return resolve(reference)
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

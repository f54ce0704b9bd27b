import Foundation
import NHIModel

/// AWS-specific steps of identity resolution.
enum AWSIdentityResolution {
    /// Charges activity recorded against a bare access key id (an event without an ARN) to the
    /// IAM user that key belongs to, when another event or an inventory ties the key to a user.
    static func resolveAccessKeys(_ builder: InventoryBuilder) {
        let (owners, mapping) = accessKeyOwners(builder)
        builder.rewriteIdentities(mapping)
        var keysByUser: [IdentityID: Set<String>] = [:]
        for (key, user) in owners { keysByUser[user, default: []].insert(key) }
        for (user, keys) in keysByUser {
            builder.updateIdentity(user) {
                $0.attributes["observedAccessKeyIds"] = keys.sorted().joined(separator: ",")
            }
        }
    }

    /// Which user each access key id belongs to, and the identities of bare keys to charge to
    /// their users. Records are read a field at a time, never copied whole; the table they are in
    /// is let go before the rewrite replaces it.
    private static func accessKeyOwners(_ builder: InventoryBuilder) -> (
        owners: [String: IdentityID], mapping: [IdentityID: IdentityID]
    ) {
        var owners: [String: IdentityID] = [:]
        let records = builder.activityTable.records
        for index in records.indices
        where records[index].platform == .aws && records[index].identity.rawValue.contains(":user/") {
            for key in records[index].credentialIds.counts.keys where key.hasPrefix("AKIA") {
                owners[key] = records[index].identity
            }
        }
        for identity in builder.identities.values where identity.platform == .aws && identity.kind == .user {
            for credential in identity.credentials where credential.id.hasPrefix("AKIA") {
                owners[credential.id] = identity.id
            }
        }
        var mapping: [IdentityID: IdentityID] = [:]
        for index in records.indices where records[index].identity.rawValue.hasPrefix("aws-access-key:") {
            let identity = records[index].identity
            if let owner = owners[String(identity.rawValue.dropFirst("aws-access-key:".count))] {
                mapping[identity] = owner
            }
        }
        return (owners, mapping)
    }

    /// Human or not, for identities whose sources did not declare it: root and console users
    /// with a password are people; so are IAM Identity Center (`AWSReservedSSO_*`) roles. Roles,
    /// key-only users and services are not. AWS service principals are the platform's, not the organisation's.
    static func inferHumans(_ builder: InventoryBuilder) {
        for identity in builder.identities.values where identity.platform == .aws && identity.humanBasis == .inferred {
            builder.updateIdentity(identity.id) { identity in
                switch identity.kind {
                case .root:
                    identity.isHuman = true
                case .user:
                    identity.isHuman = identity.attributes["passwordEnabled"] == "true"
                case .role:
                    identity.isHuman = AWSPrincipals.isSSORole(name: identity.name)
                case .awsService:
                    identity.isHuman = false
                    identity.isPlatformService = true
                default:
                    break
                }
            }
        }
    }
}

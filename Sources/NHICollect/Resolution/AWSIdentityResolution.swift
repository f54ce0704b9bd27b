import Foundation
import NHIModel

/// AWS-specific steps of identity resolution.
enum AWSIdentityResolution {
    /// Which IAM user each access key id belongs to, and the identities of bare access key ids
    /// (events without an ARN) to charge to those users.
    struct AccessKeys {
        var owners: [String: IdentityID] = [:]
        var mapping: [IdentityID: IdentityID] = [:]
    }

    /// The access keys' users, as events and inventories tie keys to users: the users' keys seen
    /// in activity, then those the inventory lists (which win). Records are read a field at a
    /// time, never copied whole.
    static func accessKeys(_ records: [ActivityRecord], inventoryKeys: [(key: String, user: IdentityID)]) -> AccessKeys
    {
        var keys = AccessKeys()
        for index in records.indices
        where records[index].platform == .aws && TextSearch.contains(records[index].identity.rawValue, ":user/") {
            // The counter's values read in place, in no particular order (each names this record's
            // identity): ranking them sorted a copy per record, `counts` would build a dictionary.
            for key in records[index].credentialIds.values where key.hasPrefix("AKIA") {
                keys.owners[key] = records[index].identity
            }
        }
        for (key, user) in inventoryKeys { keys.owners[key] = user }
        for index in records.indices where records[index].identity.rawValue.hasPrefix("aws-access-key:") {
            let identity = records[index].identity
            if let owner = keys.owners[String(identity.rawValue.dropFirst("aws-access-key:".count))] {
                keys.mapping[identity] = owner
            }
        }
        return keys
    }

    /// The access key ids the inventory lists for IAM users, with their users.
    static func inventoryKeys(_ identities: [IdentityID: Identity]) -> [(key: String, user: IdentityID)] {
        var keys: [(key: String, user: IdentityID)] = []
        for identity in identities.values where identity.platform == .aws && identity.kind == .user {
            for credential in identity.credentials where credential.id.hasPrefix("AKIA") {
                keys.append((credential.id, identity.id))
            }
        }
        return keys
    }

    /// Charges the builder's identities, grants and permission boundaries of bare access key ids to
    /// their users (the activity is charged by `ActivityTable.rewriteIdentities`), and names each
    /// user's observed keys.
    static func apply(_ keys: AccessKeys, to builder: InventoryBuilder) {
        builder.rewriteIdentities(keys.mapping)
        var keysByUser: [IdentityID: Set<String>] = [:]
        for (key, user) in keys.owners { keysByUser[user, default: []].insert(key) }
        for (user, keys) in keysByUser {
            builder.updateIdentity(user) {
                $0.attributes["observedAccessKeyIds"] = keys.sorted().joined(separator: ",")
            }
        }
    }

    /// Human or not, for identities whose sources did not declare it: root and console users
    /// with a password are people; so are IAM Identity Center (`AWSReservedSSO_*`) roles. Roles,
    /// key-only users and services are not. AWS service principals are the platform's, not the organisation's.
    static func inferHumans(_ builder: InventoryBuilder) {
        builder.updateIdentities { identity in
            if identity.platform == .aws && identity.humanBasis == .inferred {
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

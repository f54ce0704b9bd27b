import Foundation
import NHIModel

/// AWS-specific steps of identity resolution.
enum AWSIdentityResolution {
    /// Charges activity recorded against a bare access key id (an event without an ARN) to the
    /// IAM user that key belongs to, when another event or an inventory ties the key to a user.
    static func resolveAccessKeys(_ builder: InventoryBuilder) {
        var owners: [String: IdentityID] = [:]
        for record in builder.activity.values
        where record.platform == .aws && record.identity.rawValue.contains(":user/") {
            for key in record.credentialIds.counts.keys where key.hasPrefix("AKIA") { owners[key] = record.identity }
        }
        for identity in builder.identities.values where identity.platform == .aws && identity.kind == .user {
            for credential in identity.credentials where credential.id.hasPrefix("AKIA") {
                owners[credential.id] = identity.id
            }
        }
        var mapping: [IdentityID: IdentityID] = [:]
        for record in builder.activity.values where record.identity.rawValue.hasPrefix("aws-access-key:") {
            let key = String(record.identity.rawValue.dropFirst("aws-access-key:".count))
            if let owner = owners[key] { mapping[record.identity] = owner }
        }
        builder.rewriteIdentities(mapping)
        var keysByUser: [IdentityID: Set<String>] = [:]
        for (key, user) in owners { keysByUser[user, default: []].insert(key) }
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

import Foundation
import NHIModel

/// A service principal or application registration of Microsoft Entra ID as an identity, with its
/// client secrets, certificates, owners, app permissions and directory roles.
///
/// An application's identity is named by the tenant that owns its registration (where its
/// credentials live: `appOwnerOrganizationId`), so that one multi-tenant application signing in
/// to several tenants stays one identity; a managed identity by its directory's tenant.
struct EntraPrincipal {
    var identity: Identity
    var grants: [Grant] = []

    static func id(tenant: String, appId: String) -> IdentityID {
        IdentityID("entra:\(tenant):serviceprincipal:\(appId)")
    }

    /// The tenant naming a service principal's identity, from its type and owner; nil when neither it
    /// nor the directory tenant is known.
    static func homeTenant(type: String?, owner: String?, directory: String?) -> String? {
        type?.lowercased() == "managedidentity" ? directory : owner ?? directory
    }

    /// A `servicePrincipal` object (Graph, `az ad sp list`), or the `principal` of a role assignment.
    static func servicePrincipal(
        _ object: EntraObject, directory: String?, ref: EvidenceRef, file: SourceFile, context: CollectContext
    ) throws(RecordRejection) -> EntraPrincipal {
        guard let appId = object.string("appId") else { throw RecordRejection("service principal without appId") }
        let type = object.string("servicePrincipalType")
        let managed = type?.lowercased() == "managedidentity"
        let owner = object.string("appOwnerOrganizationId")?.lowercased()
        let firstParty = !managed && owner == EntraWellKnown.microsoftTenant
        guard let home = homeTenant(type: type, owner: owner, directory: directory) else {
            throw RecordRejection(EntraRecords.noTenant)
        }
        var attributes: [String: String] = [:]
        attributes["servicePrincipalType"] = type
        attributes["appOwnerOrganizationId"] = owner
        attributes["objectId"] = object.string("id")
        attributes["managedIdentityResource"] = object.strings("alternativeNames").first { $0.hasPrefix("/") }
        var principal = make(
            id(tenant: home, appId: appId), kind: managed ? .serviceAccount : .app,
            name: object.string("displayName", "appDisplayName") ?? appId,
            account: directory ?? (firstParty ? nil : home), object: object, attributes: attributes, ref: ref,
            file: file, context: context)
        principal.identity.isPlatformService = firstParty
        principal.addGrants(object, ref: ref)
        return principal
    }

    /// An `application` object (Graph, `az ad app list`): the registration in the directory's tenant.
    static func application(
        _ object: EntraObject, directory: String?, ref: EvidenceRef, file: SourceFile, context: CollectContext
    ) throws(RecordRejection) -> EntraPrincipal {
        guard let appId = object.string("appId") else { throw RecordRejection("application without appId") }
        guard let directory else { throw RecordRejection(EntraRecords.noTenant) }
        var attributes: [String: String] = ["applicationObjectId": object.string("id") ?? ""]
        attributes["signInAudience"] = object.string("signInAudience")
        return make(
            id(tenant: directory, appId: appId), kind: .app, name: object.string("displayName") ?? appId,
            account: directory, object: object, attributes: attributes.filter { !$0.value.isEmpty }, ref: ref,
            file: file, context: context)
    }

    private static func make(
        _ id: IdentityID, kind: IdentityKind, name: String, account: String?, object: EntraObject,
        attributes: [String: String], ref: EvidenceRef, file: SourceFile, context: CollectContext
    ) -> EntraPrincipal {
        let environment = context.environment(platform: .entra, account: account, override: file.environmentOverride)
        var attributes = attributes
        let enabled = object.flag("accountEnabled")
        if let enabled { attributes["accountEnabled"] = String(enabled) }
        let owners = (object.objects("owners") ?? []).compactMap {
            $0?.string("userPrincipalName", "mail", "displayName", "appDisplayName", "id")
        }
        if !owners.isEmpty { attributes["entraOwners"] = owners.joined(separator: ", ") }
        // A disabled service principal cannot sign in with any of its credentials.
        let credentials =
            credentials(object.objects("passwordCredentials"), kind: .clientSecret, active: enabled != false, ref: ref)
            + credentials(object.objects("keyCredentials"), kind: .certificate, active: enabled != false, ref: ref)
        let identity = Identity(
            id: id, platform: .entra, kind: kind, name: name, account: account, environments: [environment],
            createdAt: object.string("createdDateTime").flatMap(TimestampParser.parse), attributes: attributes,
            owner: owners.first.map { OwnerRecord(identityRef: id.rawValue, owner: $0, evidence: ref) },
            credentials: credentials, evidence: [ref])
        return EntraPrincipal(identity: identity)
    }

    private static func credentials(_ list: [EntraObject?]?, kind: CredentialKind, active: Bool, ref: EvidenceRef)
        -> [Credential]
    {
        (list ?? []).enumerated().compactMap { index, item in
            guard let item else { return nil }
            let name = kind == .clientSecret ? "passwordCredentials" : "keyCredentials"
            var credentialRef = ref
            credentialRef.pointer = (ref.pointer ?? "") + "/\(name)/\(index)"
            return Credential(
                id: item.string("keyId") ?? item.string("displayName") ?? "\(name)[\(index)]", kind: kind,
                active: active, createdAt: item.string("startDateTime").flatMap(TimestampParser.parse),
                expiresAt: item.string("endDateTime").flatMap(TimestampParser.parse), evidence: [credentialRef])
        }
    }

    /// App permissions (`appRoleAssignments`, expanded) and directory roles (`memberOf`, expanded).
    private mutating func addGrants(_ object: EntraObject, ref: EvidenceRef) {
        for assignment in (object.objects("appRoleAssignments") ?? []).compactMap({ $0 }) {
            guard let roleId = assignment.string("appRoleId"), roleId != "00000000-0000-0000-0000-000000000000" else {
                continue
            }
            let resource = assignment.string("resourceDisplayName") ?? assignment.string("resourceId") ?? "unknown API"
            let name =
                assignment.string("appRoleValue")
                ?? EntraWellKnown.appRoleName(id: roleId, resource: assignment.string("resourceDisplayName"))
            grants.append(
                Grant(
                    identity: identity.id, platform: .entra, actions: [name], resources: [resource],
                    via: "\(resource)/\(name)", evidence: [ref]))
        }
        for member in (object.objects("memberOf") ?? []).compactMap({ $0 })
        where member.string("@odata.type") == "#microsoft.graph.directoryRole" {
            let name =
                member.string("displayName")
                ?? EntraWellKnown.directoryRoleName(id: member.string("roleTemplateId") ?? "")
            grants.append(directoryRole(name, scope: "/", ref: ref))
        }
    }

    func directoryRole(_ name: String, scope: String, ref: EvidenceRef) -> Grant {
        Grant(
            identity: identity.id, platform: .entra, actions: [name], resources: [scope],
            via: "directory role \(name)", evidence: [ref])
    }

    /// Whether the object lists its permissions (expanded), so that their absence means none.
    static func listsGrants(_ object: EntraObject) -> Bool {
        object.has("appRoleAssignments") || object.has("memberOf")
    }
}

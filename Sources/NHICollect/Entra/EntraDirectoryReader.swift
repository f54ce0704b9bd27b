import Foundation
import NHIModel

/// Microsoft Entra ID directory exports (docs/formats/entra.md): service principals and
/// applications (Microsoft Graph `servicePrincipals` / `applications`, `az ad sp list`, `az ad app
/// list`) with their client secrets, certificates, owners and expanded app role assignments and
/// directory roles, and directory role assignments (`roleManagement/directory/roleAssignments`
/// with `$expand=principal`). Graph pages, JSON arrays or JSON lines.
public enum EntraDirectoryReader: EvidenceReader {
    public static let format = "entra-directory"
    public static let provides: Set<InputKind> = [.inventory]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        guard HeadSniff.isJSON(text), !HeadSniff.hasKey(text, "servicePrincipalId") else { return false }
        if HeadSniff.hasKey(text, "roleDefinitionId") && HeadSniff.hasKey(text, "principalId") { return true }
        return HeadSniff.hasKey(text, "appId")
            && ["servicePrincipalType", "appOwnerOrganizationId", "signInAudience", "passwordCredentials"].contains {
                HeadSniff.hasKey(text, $0)
            }
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let directory = EntraRecords.declaredTenant(file, context)
        try EntraRecords.forEach(file) { item in
            guard let object = item.object else {
                ledger.reject(reason: "not a JSON object", locator: item.ref.locator)
                return
            }
            do throws(RecordRejection) {
                try take(object, directory: directory, ref: item.ref, file: file, context: context, builder: builder)
                ledger.accept()
            } catch {
                ledger.reject(reason: error.reason, locator: item.ref.locator)
            }
        }
    }

    private static func take(
        _ object: EntraObject, directory: String?, ref: EvidenceRef, file: SourceFile, context: CollectContext,
        builder: InventoryBuilder
    ) throws(RecordRejection) {
        if object.has("roleDefinitionId") {
            try roleAssignment(object, directory: directory, ref: ref, file: file, context: context, builder: builder)
            return
        }
        let type = object.string("@odata.type")
        let principal: EntraPrincipal
        if type == "#microsoft.graph.servicePrincipal" || object.has("servicePrincipalType")
            || object.has("appOwnerOrganizationId")
        {
            principal = try .servicePrincipal(object, directory: directory, ref: ref, file: file, context: context)
            if EntraPrincipal.listsGrants(object) { builder.markFileProvides([.entitlements]) }
        } else if type == "#microsoft.graph.application" || object.has("appId") {
            principal = try .application(object, directory: directory, ref: ref, file: file, context: context)
        } else {
            throw RecordRejection("neither a service principal, an application nor a role assignment (no appId)")
        }
        builder.addIdentity(principal.identity)
        principal.grants.forEach(builder.addGrant)
    }

    /// A directory role assignment: the role (expanded `roleDefinition`, else its well-known id) granted
    /// to the expanded `principal` at `directoryScopeId`.
    private static func roleAssignment(
        _ object: EntraObject, directory: String?, ref: EvidenceRef, file: SourceFile, context: CollectContext,
        builder: InventoryBuilder
    ) throws(RecordRejection) {
        let roleId = object.string("roleDefinitionId") ?? ""
        let role =
            object.object("roleDefinition")?.string("displayName") ?? EntraWellKnown.directoryRoleName(id: roleId)
        let scope = object.string("directoryScopeId") ?? "/"
        guard let principalObject = object.object("principal") else {
            throw RecordRejection("role assignment without its principal: export with $expand=principal")
        }
        builder.markFileProvides([.entitlements])
        if principalObject.has("appId") {
            let principal = try EntraPrincipal.servicePrincipal(
                principalObject, directory: directory, ref: ref, file: file, context: context)
            builder.addIdentity(principal.identity)
            builder.addGrant(principal.directoryRole(role, scope: scope, ref: ref))
            return
        }
        guard let directory else { throw RecordRejection(EntraRecords.noTenant) }
        let odataType = principalObject.string("@odata.type") ?? ""
        let group = odataType == "#microsoft.graph.group"
        guard group || odataType == "#microsoft.graph.user" || principalObject.has("userPrincipalName") else {
            throw RecordRejection("role assignment to a principal that is neither a user, a group nor an application")
        }
        guard let name = principalObject.string("userPrincipalName", "displayName", "id") else {
            throw RecordRejection("role assignment principal without a name or id")
        }
        let environment = context.environment(platform: .entra, account: directory, override: file.environmentOverride)
        let identity = Identity(
            id: IdentityID("entra:\(directory):\(group ? "group" : "user"):\(name)"), platform: .entra,
            kind: group ? .group : .user, name: name, account: directory, isHuman: !group,
            environments: [environment], evidence: [ref])
        builder.addIdentity(identity)
        builder.addGrant(
            Grant(
                identity: identity.id, platform: .entra, actions: [role], resources: [scope],
                via: "directory role \(role)", evidence: [ref]))
    }
}

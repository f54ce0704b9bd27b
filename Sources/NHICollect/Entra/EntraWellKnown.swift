import Foundation

/// Fixed ids of Microsoft Entra ID, from Microsoft's published references: exports often give an
/// app role or a directory role by its id alone, and the rules speak of names.
enum EntraWellKnown {
    /// The tenant that owns Microsoft's first-party applications (`appOwnerOrganizationId`).
    static let microsoftTenant = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"
    /// Microsoft Graph's application id, the same in every tenant.
    static let graphAppId = "00000003-0000-0000-c000-000000000000"

    /// Microsoft Graph application permissions (app roles) by id: the permissions reference
    /// (learn.microsoft.com/graph/permissions-reference), the ones that matter most to an audit.
    static let graphAppRoles: [String: String] = [
        "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9": "Application.ReadWrite.All",
        "18a4783c-866b-4cc7-a460-3d5e5662c884": "Application.ReadWrite.OwnedBy",
        "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30": "Application.Read.All",
        "06b708a9-e830-4db3-a914-8e69da51d44f": "AppRoleAssignment.ReadWrite.All",
        "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8": "RoleManagement.ReadWrite.Directory",
        "19dbc75e-c2e2-444c-a770-ec69d8559fc7": "Directory.ReadWrite.All",
        "7ab1d382-f21e-4acd-a863-ba3e13f7da61": "Directory.Read.All",
        "741f803b-c850-494e-b5df-cde7c675a1ca": "User.ReadWrite.All",
        "df021288-bdef-4463-88db-98f22de89214": "User.Read.All",
        "62a82d76-70ea-41e2-9197-370581804d09": "Group.ReadWrite.All",
        "01c0a623-fc9b-48e9-b794-0756f8e8f067": "Policy.ReadWrite.ConditionalAccess",
        "b0afded3-3588-46d8-8b3d-9842eff778da": "AuditLog.Read.All",
        "810c84a8-4a9e-49e6-bf7d-12d183f40d01": "Mail.Read",
        "9492366f-7969-46a4-8d15-ed1a20078fff": "Sites.ReadWrite.All",
    ]

    /// Built-in directory roles by template id (Microsoft Entra built-in roles reference).
    static let directoryRoles: [String: String] = [
        "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
        "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
        "7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
        "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
        "158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
        "fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
        "c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
        "f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
        "88d8e3e3-8f55-4a1e-953a-9b9898b8876b": "Directory Readers",
    ]

    /// An app role's name: the export's own `appRoleValue` if it has one, else the Graph name of a
    /// Graph role id, else the id as written.
    static func appRoleName(id: String, resource: String?) -> String {
        let graph = resource.map { $0 == "Microsoft Graph" || $0 == graphAppId } ?? true
        return graph ? graphAppRoles[id.lowercased()] ?? id : id
    }

    /// A directory role's name from its template (or definition) id, else the id.
    static func directoryRoleName(id: String) -> String { directoryRoles[id.lowercased()] ?? id }
}

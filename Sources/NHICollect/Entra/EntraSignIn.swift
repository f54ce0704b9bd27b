import Foundation
import NHIModel

/// One sign-in event in any of its published shapes: Microsoft Graph `auditLogs/signIns` (camelCase,
/// `status.errorCode`, beta `signInEventTypes`), a Log Analytics `AADServicePrincipalSignInLogs` /
/// `AADManagedIdentitySignInLogs` row (PascalCase, `ResultType`, `TimeGenerated`), or a diagnostic
/// settings archive line (`category`, `tenantId`, the event under `properties`).
struct EntraSignIn {
    enum Subject { case servicePrincipal, managedIdentity, user }

    var subject: Subject
    var time: Date?
    var appId: String?
    var name: String?
    var tenant: String?
    var appOwnerTenant: String?
    var resource: String?
    var ipAddress: String?
    var userAgent: String?
    var credentialKeyId: String?
    var user: String?
    /// The error code; "0" is success.
    var result: String?

    init(_ record: EntraObject) {
        let event = record.object("properties") ?? record
        func value(_ keys: String...) -> String? {
            for key in keys { if let found = event.string(key) ?? record.string(key) { return found } }
            return nil
        }
        let kind = [value("Type"), value("category")].compactMap { $0?.lowercased() }.joined(separator: " ")
        let types = Set(event.strings("signInEventTypes").map { $0.lowercased() })
        user = value("userPrincipalName")
        if kind.contains("managedidentity") || types.contains("managedidentity") {
            subject = .managedIdentity
        } else if kind.contains("serviceprincipal") || types.contains("serviceprincipal")
            || (user == nil && value("servicePrincipalId") != nil)
        {
            subject = .servicePrincipal
        } else {
            subject = .user
        }
        time = value("createdDateTime", "TimeGenerated", "time").flatMap(TimestampParser.parse)
        appId = value("appId")
        name = value("servicePrincipalName", "appDisplayName")
        tenant = value("TenantId", "AADTenantId", "resourceTenantId", "homeTenantId")?.lowercased()
        appOwnerTenant = value("appOwnerTenantId")?.lowercased()
        resource = value("resourceDisplayName", "ResourceIdentity", "resourceId")
        ipAddress = value("ipAddress", "callerIpAddress")
        userAgent = value("userAgent")
        credentialKeyId = value("servicePrincipalCredentialKeyId")
        result = event.object("status")?.string("errorCode") ?? value("ResultType", "resultType")
    }

    /// A refused sign-in (any error code but 0).
    var refused: Bool {
        guard let result else { return false }
        return result != "0" && result.lowercased() != "success"
    }

    /// `sign-in:<resource>` with the resource's spaces and colons as hyphens, so that an action
    /// pattern's wildcards (which stay within one segment) can match any resource.
    var action: String {
        let resource = (resource ?? "unknown-resource").map { $0 == " " || $0 == ":" ? "-" : String($0) }.joined()
        return "sign-in:\(resource)"
    }
}

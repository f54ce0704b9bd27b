import Foundation
import NHIModel

/// Microsoft Entra sign-in logs (docs/formats/entra.md): service-principal and managed-identity
/// sign-ins from Log Analytics (`AADServicePrincipalSignInLogs`, `AADManagedIdentitySignInLogs`),
/// diagnostic-settings archives and Microsoft Graph `auditLogs/signIns`, read record by record into
/// activity: each sign-in is a token for a resource, `sign-in:<resource>`, refused when its error
/// code is not 0. A person's own sign-ins are recorded as that person's activity.
public enum EntraSignInReader: EvidenceReader {
    public static let format = "entra-sign-ins"
    public static let provides: Set<InputKind> = [.auditLog]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        guard HeadSniff.isJSON(text) else { return false }
        let timed = ["createdDateTime", "TimeGenerated", "time"].contains { HeadSniff.hasKey(text, $0) }
        let signIn =
            HeadSniff.contains(head, "SignInLogs")
            || (["resourceDisplayName", "ResourceDisplayName"].contains { HeadSniff.hasKey(text, $0) }
                && ["appId", "AppId"].contains { HeadSniff.hasKey(text, $0) })
        // A service principal export with expanded app role assignments has the same keys.
        return timed && signIn && !EntraDirectoryReader.sniff(head: head, fileName: fileName)
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let declared = EntraRecords.declaredTenant(file, context)
        var seen = Set<IdentityID>()
        var credentialUse: [IdentityID: [String: Date]] = [:]
        try EntraRecords.forEach(file) { item in
            guard let object = item.object else {
                ledger.reject(reason: "not a JSON object", locator: item.ref.locator)
                return
            }
            let signIn = EntraSignIn(object)
            guard let time = signIn.time else {
                ledger.reject(
                    reason: "sign-in without a parseable createdDateTime or TimeGenerated", locator: item.ref.locator)
                return
            }
            guard let tenant = file.accountOverride ?? signIn.tenant ?? declared else {
                ledger.reject(reason: EntraRecords.noTenant, locator: item.ref.locator)
                return
            }
            guard let identity = identity(of: signIn, tenant: tenant, file: file, context: context) else {
                ledger.reject(
                    reason: signIn.subject == .user
                        ? "user sign-in without userPrincipalName" : "sign-in without appId",
                    locator: item.ref.locator)
                return
            }
            if seen.insert(identity.id).inserted { builder.addIdentity(identity) }
            if let key = signIn.credentialKeyId, !signIn.refused {
                credentialUse[identity.id, default: [:]][key] = max(credentialUse[identity.id]?[key] ?? time, time)
            }
            builder.recordActivity(
                identity: identity.id, platform: .entra, action: signIn.action, environment: identity.environments[0],
                account: tenant, readOnly: true, at: time, denied: signIn.refused, userAgent: signIn.userAgent,
                sourceIP: signIn.ipAddress, credentialId: signIn.credentialKeyId, evidence: item.ref,
                sourceFile: file.relativePath)
            ledger.accept()
            ledger.widenRecordSpan(time)
        }
        // The key id a sign-in names is a credential of the inventory's: its last use, kind unknown here.
        for (identity, keys) in credentialUse {
            for (key, last) in keys {
                builder.addCredential(Credential(id: key, kind: .other, lastUsedAt: last), to: identity)
            }
        }
    }

    private static func identity(of signIn: EntraSignIn, tenant: String, file: SourceFile, context: CollectContext)
        -> Identity?
    {
        let environment = context.environment(platform: .entra, account: tenant, override: file.environmentOverride)
        if signIn.subject == .user {
            guard let user = signIn.user else { return nil }
            return Identity(
                id: IdentityID("entra:\(tenant):user:\(user)"), platform: .entra, kind: .user, name: user,
                account: tenant, isHuman: true, inInventory: false, environments: [environment])
        }
        guard let appId = signIn.appId else { return nil }
        let managed = signIn.subject == .managedIdentity
        let home =
            EntraPrincipal.homeTenant(
                type: managed ? "ManagedIdentity" : nil, owner: signIn.appOwnerTenant, directory: tenant) ?? tenant
        return Identity(
            id: EntraPrincipal.id(tenant: home, appId: appId), platform: .entra, kind: managed ? .serviceAccount : .app,
            name: signIn.name ?? appId, account: tenant, inInventory: false,
            isPlatformService: !managed && signIn.appOwnerTenant == EntraWellKnown.microsoftTenant,
            environments: [environment])
    }
}

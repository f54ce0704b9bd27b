import Foundation
import NHIModel

/// identities.csv / identities.json (docs/formats/records.md): the canonical inventory for
/// platforms without a reader, one row per credential.
public enum CanonicalIdentitiesReader: EvidenceReader {
    public static let format = "canonical-identities"
    public static let provides: Set<InputKind> = [.inventory]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        if HeadSniff.isJSON(text) {
            return HeadSniff.hasKey(text, "id") && HeadSniff.hasKey(text, "platform") && HeadSniff.hasKey(text, "kind")
                && !HeadSniff.hasKey(text, "apiVersion")
        }
        return HeadSniff.csvHeader(text).isSuperset(of: ["id", "platform", "kind"])
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        try RecordRows.forEach(file, requiredColumns: ["id", "platform", "kind"], ledger: &ledger) {
            (row: RecordRow) throws(RecordRejection) in
            let id = try row.required("id")
            let platform = Platform(rawValue: try row.required("platform").lowercased())
            guard let kind = IdentityKind(rawValue: try row.required("kind").lowercased()) else {
                throw RecordRejection(
                    "unknown kind (expected one of \(IdentityKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let isHuman = row.value("is_human")
            guard isHuman == nil || RecordTime.flag(isHuman) != nil else {
                throw RecordRejection("is_human is not true or false")
            }
            let account = row.value("account")
            let environment =
                row.value("environment")
                ?? context.environment(
                    platform: platform, account: account, namespace: row.value("namespace"),
                    override: file.environmentOverride)
            if !RecordScope.knows(environment, context: context) {
                throw RecordRejection("environment is not declared in scope.yaml")
            }
            var identity = Identity(
                id: IdentityID(id), platform: platform, kind: kind, name: row.value("name") ?? id, account: account,
                namespace: row.value("namespace"), isHuman: RecordTime.flag(isHuman) ?? false,
                humanBasis: isHuman == nil ? .inferred : .declared, environments: [environment],
                createdAt: try row.time("created_at"), lastUsedAt: try row.time("last_used_at"), evidence: [row.ref])
            if let credentialID = row.value("credential_id") {
                let kindText = row.value("credential_kind")?.lowercased() ?? CredentialKind.other.rawValue
                guard let credentialKind = CredentialKind(rawValue: kindText) else {
                    throw RecordRejection(
                        "unknown credential_kind (expected one of \(CredentialKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                let active = row.value("credential_active")
                guard active == nil || RecordTime.flag(active) != nil else {
                    throw RecordRejection("credential_active is not true or false")
                }
                identity.credentials = [
                    Credential(
                        id: credentialID, kind: credentialKind, active: RecordTime.flag(active) ?? true,
                        createdAt: try row.time("credential_created_at"),
                        lastUsedAt: try row.time("credential_last_used_at"),
                        expiresAt: try row.time("credential_expires_at"), evidence: [row.ref])
                ]
            }
            builder.addIdentity(identity)
        }
    }
}

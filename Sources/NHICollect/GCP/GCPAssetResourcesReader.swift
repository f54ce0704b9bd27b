import Foundation
import NHIModel

/// `gcloud asset export --content-type=resource`: service accounts and their keys
/// (`iam.googleapis.com/ServiceAccount`, `iam.googleapis.com/ServiceAccountKey`); assets of other
/// types are read and counted, not used (docs/formats/gcp.md).
public enum GCPAssetResourcesReader: EvidenceReader {
    public static let format = "gcp-asset-resources"
    public static let provides: Set<InputKind> = [.inventory]

    public static func sniff(head: Data, fileName: String) -> Bool {
        GCPAssetRecords.sniff(head: head, content: "resource")
            && !GCPAssetRecords.sniff(head: head, content: "iamPolicy")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        var facts = GCPInventoryFacts(file: file, context: context, builder: builder)
        var keys: [(GCPServiceAccountKeyData, EvidenceRef)] = []
        var unused = 0
        let decoder = JSONDecoder()
        try GCPAssetRecords.forEach(file, ledger: &ledger) { type, _, bytes, ref, ledger in
            switch type {
            case GCPAssetRecords.serviceAccountType:
                guard
                    let data = try? decoder.decode(GCPAssetRecords.Resource<GCPServiceAccountData>.self, from: bytes)
                        .resource?.data
                else {
                    return ledger.reject(reason: "ServiceAccount asset without resource.data", locator: ref.locator)
                }
                settle(facts.addServiceAccount(data, ref: ref), ref: ref, ledger: &ledger)
            case GCPAssetRecords.keyType:
                guard
                    let data = try? decoder.decode(GCPAssetRecords.Resource<GCPServiceAccountKeyData>.self, from: bytes)
                        .resource?.data
                else {
                    return ledger.reject(reason: "ServiceAccountKey asset without resource.data", locator: ref.locator)
                }
                // Keys wait for the end of the file: one may name its account by the unique id of a later asset.
                keys.append((data, ref))
            default:
                unused += 1
                ledger.accept()
            }
        }
        for (key, ref) in keys { settle(facts.addKey(key, ref: ref), ref: ref, ledger: &ledger) }
        if unused > 0 { ledger.notes.append("\(unused) asset(s) of other types read but not used") }
    }

    static func settle(_ rejection: String?, ref: EvidenceRef, ledger: inout LedgerEntry) {
        if let rejection { ledger.reject(reason: rejection, locator: ref.locator) } else { ledger.accept() }
    }
}

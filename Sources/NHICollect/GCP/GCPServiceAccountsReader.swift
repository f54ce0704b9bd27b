import Foundation
import NHIModel

/// `gcloud iam service-accounts list --format=json`: one JSON array of service accounts
/// (docs/formats/gcp.md).
public enum GCPServiceAccountsReader: EvidenceReader {
    public static let format = "gcp-service-accounts"
    public static let provides: Set<InputKind> = [.inventory]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        return HeadSniff.isJSON(text) && !HeadSniff.hasKey(text, "assetType") && HeadSniff.hasKey(text, "email")
            && HeadSniff.hasKey(text, "uniqueId") && HeadSniff.hasKey(text, "projectId")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        var facts = GCPInventoryFacts(file: file, context: context, builder: builder)
        try GCPListRecords.forEach(
            file, as: GCPServiceAccountData.self, invalid: "not a service account object", ledger: &ledger
        ) { facts.addServiceAccount($0, ref: $1) }
    }
}

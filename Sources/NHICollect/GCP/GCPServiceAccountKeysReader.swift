import Foundation
import NHIModel

/// `gcloud iam service-accounts keys list --iam-account=EMAIL --format=json`: one JSON array of the
/// keys of a service account, named `projects/P/serviceAccounts/EMAIL/keys/KEY` (docs/formats/gcp.md).
public enum GCPServiceAccountKeysReader: EvidenceReader {
    public static let format = "gcp-service-account-keys"
    public static let provides: Set<InputKind> = [.inventory]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        return HeadSniff.isJSON(text) && !HeadSniff.hasKey(text, "assetType") && HeadSniff.hasKey(text, "keyType")
            && HeadSniff.hasKey(text, "validAfterTime")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let facts = GCPInventoryFacts(file: file, context: context, builder: builder)
        try GCPListRecords.forEach(
            file, as: GCPServiceAccountKeyData.self, invalid: "not a service account key object", ledger: &ledger
        ) { facts.addKey($0, ref: $1) }
    }
}

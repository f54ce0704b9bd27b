import Foundation
import NHIModel

/// The records of a Cloud Asset Inventory export (`gcloud asset export`, JSON lines as written to
/// Cloud Storage, or a JSON array): each asset with its type, name and content, handed over with
/// its position; a record that is not an asset object is rejected here.
enum GCPAssetRecords {
    struct Envelope: Decodable {
        var name: String?
        var assetType: String?
    }
    struct Resource<Content: Decodable>: Decodable {
        struct Body: Decodable { var data: Content? }
        var resource: Body?
    }
    struct Policy: Decodable { var iamPolicy: GCPPolicyData? }

    static let serviceAccountType = "iam.googleapis.com/ServiceAccount"
    static let keyType = "iam.googleapis.com/ServiceAccountKey"

    static func sniff(head: Data, content key: String) -> Bool {
        let text = HeadSniff.text(head)
        return HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "assetType") && HeadSniff.hasKey(text, key)
    }

    /// Calls `body` with each asset's type, name, bytes and reference.
    static func forEach(
        _ file: SourceFile, ledger: inout LedgerEntry,
        _ body: (_ type: String, _ name: String, _ bytes: Data, _ ref: EvidenceRef, _ ledger: inout LedgerEntry) -> Void
    ) throws {
        let data = try file.mappedContents()
        try JSONRecordSplitter.forEach(in: data, file: file.relativePath) { record in
            let ref = file.ref(line: record.index == nil ? record.line : nil, record: record.index)
            guard let envelope = try? JSONDecoder().decode(Envelope.self, from: record.bytes) else {
                ledger.reject(reason: "not a JSON object", locator: ref.locator)
                return
            }
            guard let type = envelope.assetType, let name = envelope.name else {
                ledger.reject(reason: "asset without name or assetType", locator: ref.locator)
                return
            }
            body(type, name, record.bytes, ref, &ledger)
        }
    }
}

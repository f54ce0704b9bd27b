import Foundation
import NHIModel

/// `gcloud asset export --content-type=iam-policy`: the IAM policy set on each project, folder,
/// organisation and resource, its bindings (with conditions) as grants (docs/formats/gcp.md).
public enum GCPAssetPoliciesReader: EvidenceReader {
    public static let format = "gcp-asset-iam-policies"
    public static let provides: Set<InputKind> = [.entitlements]

    public static func sniff(head: Data, fileName: String) -> Bool {
        GCPAssetRecords.sniff(head: head, content: "iamPolicy")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let facts = GCPInventoryFacts(file: file, context: context, builder: builder)
        let decoder = JSONDecoder()
        try GCPAssetRecords.forEach(file, ledger: &ledger) { _, name, bytes, ref, ledger in
            guard let policy = try? decoder.decode(GCPAssetRecords.Policy.self, from: bytes).iamPolicy else {
                return ledger.reject(reason: "asset without iamPolicy", locator: ref.locator)
            }
            let bindings = policy.bindings ?? []
            if let problem = bindings.lazy.compactMap(GCPInventoryFacts.problem).first {
                return ledger.reject(reason: problem, locator: ref.locator)
            }
            for binding in bindings { facts.addBinding(binding, resource: name, ref: ref) }
            ledger.accept()
        }
    }
}

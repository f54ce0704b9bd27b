import Foundation
import NHIModel

/// `gcloud projects get-iam-policy PROJECT --format=json` (and the folder and organisation forms):
/// one policy object whose bindings are the records. The output does not name the project, so the
/// file's scope.yaml `sources` entry gives it as `account` (docs/formats/gcp.md).
public enum GCPIAMPolicyReader: EvidenceReader {
    public static let format = "gcp-iam-policy"
    public static let provides: Set<InputKind> = [.entitlements]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        return HeadSniff.firstCharacter(text) == "{" && !HeadSniff.hasKey(text, "assetType")
            && HeadSniff.hasKey(text, "bindings") && HeadSniff.hasKey(text, "role") && HeadSniff.hasKey(text, "members")
    }

    private struct Document: Decodable {
        var bindings: [Lenient]?
    }
    /// A binding that failed to decode is rejected alone, not the whole policy.
    private struct Lenient: Decodable {
        var binding: GCPPolicyData.Binding?
        init(from decoder: Decoder) throws { binding = try? GCPPolicyData.Binding(from: decoder) }
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let data = try file.contents()
        let document: Document
        do { document = try JSONDecoder().decode(Document.self, from: data) } catch {
            throw JSONSyntaxError.locate(in: data, file: file.relativePath)
                ?? CollectError(file: file.relativePath, message: "not an IAM policy object with a bindings array")
        }
        let facts = GCPInventoryFacts(file: file, context: context, builder: builder)
        let resource = file.accountOverride.map { "projects/\($0)" }
        for (index, item) in (document.bindings ?? []).enumerated() {
            let ref = file.ref(record: index, pointer: "/bindings/\(index)")
            guard let binding = item.binding else {
                ledger.reject(reason: "binding is not an object of role and members", locator: ref.locator)
                continue
            }
            if let problem = GCPInventoryFacts.problem(in: binding) {
                ledger.reject(reason: problem, locator: ref.locator)
                continue
            }
            guard let resource else {
                ledger.reject(
                    reason: "no project (get-iam-policy does not name it): set `account` for this source in scope.yaml",
                    locator: ref.locator)
                continue
            }
            facts.addBinding(binding, resource: resource, ref: ref)
            ledger.accept()
        }
    }
}

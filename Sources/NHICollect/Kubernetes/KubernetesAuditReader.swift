import Foundation
import NHIModel

/// Kubernetes API server audit log: `audit.k8s.io/v1` (or v1beta1) Events as JSON lines, a JSON
/// array, a single object, or an EventList, each optionally gzip-compressed. Scanned with
/// `KubernetesAuditScanner` and aggregated streaming by `KubernetesAuditAggregator`.
///
/// Each request is counted once: at ResponseComplete (or Panic), or at the last stage seen for its
/// auditID when the log has no final stage for it. Earlier stages are accepted and noted.
public enum KubernetesAuditReader: StreamingDigestReader {
    public static let format = "kubernetes-audit"
    public static let provides: Set<InputKind> = [.auditLog]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        return HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "auditID")
            && (HeadSniff.hasKey(text, "verb") || HeadSniff.hasKeyValue(text, "kind", "EventList"))
    }

    /// Hashes the file while reading it when `file.sha256` is empty (as the collector passes it),
    /// and sets the ledger entry's `sha256` and `size`.
    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        var aggregator = KubernetesAuditAggregator(file: file, context: context, builder: builder, ledger: ledger)
        let (sha256, _) = try AuditLogAggregation.read(file, into: &aggregator, progress: context.progress)
        aggregator.countPending()
        aggregator.flush(sha256: sha256)
        var entry = aggregator.ledger
        aggregator.recordTimes.apply(to: &entry)
        if aggregator.superseded > 0 {
            entry.notes.append(
                "\(aggregator.superseded) earlier stage(s) of requests counted at a later stage (same auditID)")
        }
        ledger = entry
    }
}

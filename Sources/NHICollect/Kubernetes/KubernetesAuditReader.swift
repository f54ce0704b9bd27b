import CJSONScan
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
        let digest = file.sha256.isEmpty ? StreamingDigest() : nil
        var sha256 = file.sha256
        let buffer = StreamBuffer(
            source: try ByteSources.open(file, digest: digest),
            displayName: file.relativePath)
        var stream = JSONRecordStream(buffer: buffer, file: file.relativePath)
        var aggregator = KubernetesAuditAggregator(file: file, context: context, builder: builder, ledger: ledger)
        var ticker = ProgressTicker(context.progress)
        let walk = UnsafeMutablePointer<nhi_k8s_event>.allocate(capacity: 1)
        defer { walk.deallocate() }
        // The loop below captures no SourceFile: one captured was copied for every event.
        let url = file.url
        let locate = { (line: Int, index: Int?) in file.ref(line: index == nil ? line : nil, record: index).locator }
        try stream.forEachRecord { bytes, line, index in
            ticker.record(storedBytes: buffer.storedBytesRead)
            aggregator.at(line: line, index: index)
            do throws(JSONScanError) {
                try KubernetesAuditScanner.scan(bytes, into: &aggregator, scratch: walk)
            } catch {
                aggregator.reject(
                    "not a Kubernetes audit event (invalid JSON or wrong field types)",
                    locator: locate(line, index))
            }
            if aggregator.isFull {
                // Rare (over 200,000 distinct values in one file): such a file is hashed in a pass of its own.
                if sha256.isEmpty { sha256 = try FileDigest.sha256(of: url).hex }
                aggregator.flush(sha256: sha256)
            }
        }
        ticker.finish(storedBytes: buffer.storedBytesRead)
        aggregator.countPending()
        var entry = aggregator.ledger
        sha256 = try StreamingDigest.settle(digest, known: sha256, file, into: &entry)
        aggregator.flush(sha256: sha256)
        aggregator.recordTimes.apply(to: &entry)
        if aggregator.superseded > 0 {
            entry.notes.append(
                "\(aggregator.superseded) earlier stage(s) of requests counted at a later stage (same auditID)")
        }
        ledger = entry
    }
}

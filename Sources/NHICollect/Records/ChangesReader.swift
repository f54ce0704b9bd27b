import Foundation
import NHIModel

/// changes.csv / changes.json (docs/formats/records.md): change records with who approved and
/// who executed, and the approved window.
public enum ChangesReader: EvidenceReader {
    public static let format = "changes"
    public static let provides: Set<InputKind> = [.changes]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        let markers = ["window_start", "approved_by", "executed_by"]
        if HeadSniff.isJSON(text) {
            return HeadSniff.hasKey(text, "id") && HeadSniff.hasKey(text, "status")
                && markers.contains { HeadSniff.hasKey(text, $0) }
        }
        let header = HeadSniff.csvHeader(text)
        return header.isSuperset(of: ["id", "status"]) && !header.isDisjoint(with: markers)
    }

    static let columns = [
        "id", "system", "environment", "requested_by", "approved_by", "executed_by",
        "window_start", "window_end", "status",
    ]

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        var span: [Date] = []
        try RecordRows.forEach(file, requiredColumns: ["id", "status"], knownColumns: columns, ledger: &ledger) {
            (row: RecordRow) throws(RecordRejection) in
            let id = try row.required("id")
            let status = try row.required("status").lowercased()
            let start = try row.time("window_start")
            let end = try row.time("window_end", endOfDay: true)
            let change = ChangeRecord(
                id: id, system: row.value("system"), environment: row.value("environment"),
                requestedBy: row.value("requested_by"), approvedBy: row.value("approved_by"),
                executedBy: row.value("executed_by"),
                windowStart: start, windowEnd: end, status: status, evidence: row.ref)
            if change.isApproved && (start == nil || end == nil) {
                throw RecordRejection("approved change without window_start and window_end")
            }
            if let start, let end, end < start { throw RecordRejection("window_end is before window_start") }
            if let environment = change.environment, !RecordScope.knows(environment, context: context) {
                throw RecordRejection("environment is not declared in scope.yaml")
            }
            builder.addChange(change)
            span += [start, end].compactMap { $0 }
        }
        span.forEach { ledger.widenRecordSpan($0) }
    }
}

import Foundation
import NHIModel

/// incidents.csv / incidents.json (docs/formats/records.md): incidents, responders and reviews.
public enum IncidentsReader: EvidenceReader {
    public static let format = "incidents"
    public static let provides: Set<InputKind> = [.incidents]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        if HeadSniff.isJSON(text) { return HeadSniff.hasKey(text, "id") && HeadSniff.hasKey(text, "declared_at") }
        return HeadSniff.csvHeader(text).isSuperset(of: ["id", "declared_at"])
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        var span: [Date] = []
        try RecordRows.forEach(file, requiredColumns: ["id", "declared_at"], ledger: &ledger) {
            (row: RecordRow) throws(RecordRejection) in
            let id = try row.required("id")
            guard let declared = try row.time("declared_at") else { throw RecordRejection("declared_at is empty") }
            let resolved = try row.time("resolved_at")
            if let resolved, resolved < declared { throw RecordRejection("resolved_at is before declared_at") }
            let environments = row.list("environment")
            if environments.contains(where: { !RecordScope.knows($0, context: context) }) {
                throw RecordRejection("environment is not declared in scope.yaml")
            }
            let reviewed = try row.time("review_completed_at")
            builder.addIncident(
                IncidentRecord(
                    id: id, severity: row.value("severity")?.lowercased(), declaredAt: declared, resolvedAt: resolved,
                    environments: environments,
                    responders: row.list("responders"), reviewCompletedAt: reviewed,
                    reviewRef: row.value("review_ref"), reviewedBy: row.value("reviewed_by"), evidence: row.ref))
            span += [declared, resolved, reviewed].compactMap { $0 }
        }
        span.forEach { ledger.widenRecordSpan($0) }
    }
}

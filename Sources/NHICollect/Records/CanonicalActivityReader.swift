import Foundation
import NHIModel

/// activity.csv (docs/formats/records.md): activity already aggregated elsewhere (a data lake
/// query, a platform without a reader), one row per identity × action × environment.
public enum CanonicalActivityReader: EvidenceReader {
    public static let format = "canonical-activity"
    public static let provides: Set<InputKind> = [.auditLog]

    public static func sniff(head: Data, fileName: String) -> Bool {
        HeadSniff.csvHeader(HeadSniff.text(head)).isSuperset(of: ["identity", "platform", "action", "count"])
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let required = ["identity", "platform", "action", "environment", "count", "first_seen", "last_seen"]
        var span: [Date] = []
        try RecordRows.forEach(file, requiredColumns: required, ledger: &ledger) {
            (row: RecordRow) throws(RecordRejection) in
            let identity = IdentityID(try row.required("identity"))
            let platform = Platform(rawValue: try row.required("platform").lowercased())
            let action = try row.required("action")
            let environment = try row.required("environment")
            if !RecordScope.knows(environment, context: context) {
                throw RecordRejection("environment is not declared in scope.yaml")
            }
            guard let count = Int(try row.required("count")), count > 0 else {
                throw RecordRejection("count is not a positive whole number")
            }
            guard let first = try row.time("first_seen"), let last = try row.time("last_seen") else {
                throw RecordRejection("first_seen or last_seen is empty")
            }
            if last < first { throw RecordRejection("last_seen is before first_seen") }
            let readOnlyText = row.value("read_only")
            guard readOnlyText == nil || RecordTime.flag(readOnlyText) != nil else {
                throw RecordRejection("read_only is not true or false")
            }
            let errorClass = row.value("error_class")?.lowercased()
            guard errorClass.map({ ["denied", "failed"].contains($0) }) ?? true else {
                throw RecordRejection("error_class is not denied or failed")
            }
            var record = ActivityRecord(
                identity: identity, platform: platform, action: action,
                requestFields: row.list("request_fields"), environment: environment,
                account: row.value("account") ?? file.accountOverride,
                readOnly: RecordTime.flag(readOnlyText) ?? false, at: first)
            record.record(at: first, userAgent: row.value("user_agent_class"), evidence: row.ref)
            if count > 1 {
                record.record(at: last)
                record.count = count
                if let userAgent = row.value("user_agent_class") { record.userAgents.add(userAgent, count: count - 1) }
            }
            // A refused call is still a call made (it counts), and also a denial the rules look at.
            if errorClass == "denied" { record.deniedCount = count }
            builder.addActivity(record, sourceFile: file.relativePath)
            span += [first, last]
        }
        span.forEach { ledger.widenRecordSpan($0) }
    }
}

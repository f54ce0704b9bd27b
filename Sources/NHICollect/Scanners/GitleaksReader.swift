import Foundation
import NHIModel

/// gitleaks reports: `--report-format json` (v8 and v7 field names) and `--report-format csv`.
/// Each finding becomes a `LeakRecord` holding the SHA-256 of the secret, never the secret.
public enum GitleaksReader: EvidenceReader {
    public static let format = "gitleaks"
    public static let provides: Set<InputKind> = [.scannerReport]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        if ScannerJSON.isNamedEmptyReport(text, fileName: fileName, names: ["gitleaks"]) { return true }
        if HeadSniff.isJSON(text) {
            return HeadSniff.hasKey(text, "RuleID")
                || (HeadSniff.hasKey(text, "rule") && HeadSniff.hasKey(text, "offender"))
        }
        let header = HeadSniff.csvHeader(text)
        return header.contains("ruleid") && !header.isDisjoint(with: ["secret", "match", "fingerprint"])
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let data = try file.contents()
        if ScannerJSON.isEmptyDocument(data) { return builder.noteReportedNoFindings() }
        var undated = 0
        func take(_ finding: GitleaksFinding, ref: EvidenceRef) {
            guard let secret = finding.secretValue else {
                ledger.reject(reason: "finding without Secret or Match to fingerprint", locator: ref.locator)
                return
            }
            guard let rule = finding.rule else {
                ledger.reject(reason: "finding without RuleID", locator: ref.locator)
                return
            }
            let date = finding.date.flatMap(ISO8601.parse)
            if finding.date != nil && date == nil { undated += 1 }
            builder.addLeak(
                LeakRecord(
                    scanner: "gitleaks", detector: rule, file: finding.file, line: finding.line.flatMap { Int($0) },
                    commit: finding.commit, date: date, fingerprint: FileDigest.sha256(of: secret),
                    credentialId: LeakedCredentialID.derive(from: [finding.secret, finding.match]),
                    tokenHash: LeakedCredentialID.githubTokenHash(from: [finding.secret, finding.match]), evidence: ref)
            )
            ledger.accept()
            ledger.widenRecordSpan(date)
        }
        if HeadSniff.isJSON(HeadSniff.text(data.prefix(64))) {
            try JSONRecordSplitter.forEach(in: data, file: file.relativePath) { record in
                let ref = file.ref(line: record.index == nil ? record.line : nil, record: record.index)
                guard let finding = try? JSONDecoder().decode(GitleaksFinding.self, from: record.bytes) else {
                    ledger.reject(reason: "not a gitleaks finding object", locator: ref.locator)
                    return
                }
                take(finding, ref: ref)
            }
        } else {
            let table = try CSVTable(data: data, file: file.relativePath)
            for row in table.rows { take(GitleaksFinding(row: row, table: table), ref: file.ref(line: row.line)) }
        }
        if undated > 0 {
            ledger.notes.append("\(undated) finding(s) with a Date that is not ISO 8601: kept without a date")
        }
    }
}

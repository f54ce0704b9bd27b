import Foundation
import NHIModel

/// GitHub secret-scanning alerts as the REST API lists them (`gh api --paginate
/// /orgs/ORG/secret-scanning/alerts`): `number`, `state`, `resolution`, `secret_type`,
/// `secret` (unless hidden), `repository.full_name`, `created_at`, `validity`,
/// `push_protection_bypassed`. Each alert becomes a `LeakRecord`: fingerprinted by the SHA-256 of
/// `secret` when the export holds it (then dropped), else of the repository and alert number; a
/// resolved alert keeps its resolution for the rules to judge.
public enum GitHubSecretScanningReader: EvidenceReader {
    public static let format = "github-secret-scanning"
    public static let provides: Set<InputKind> = [.scannerReport]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        if ScannerJSON.isNamedEmptyReport(text, fileName: fileName, names: ["secret-scanning", "secret_scanning"]) {
            return true
        }
        return HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "secret_type") && HeadSniff.hasKey(text, "number")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        var bypassed = 0
        try ScannerJSON.forEachObject(in: file, noun: "secret-scanning alert", builder: builder, ledger: &ledger) {
            alert, ref, ledger in
            guard let number = alert["number"].text, let type = alert["secret_type"].text else {
                ledger.reject(reason: "alert without number or secret_type", locator: ref.locator)
                return
            }
            guard let state = alert["state"].text, state == "open" || state == "resolved" else {
                ledger.reject(reason: "alert whose state is neither open nor resolved", locator: ref.locator)
                return
            }
            let repository = alert["repository"]["full_name"].text
            let date = alert["created_at"].text.flatMap(ISO8601.parse)
            let verified: Bool? =
                switch alert["validity"].text {
                case "active": true
                case "inactive": false
                default: nil
                }
            let resolution = state == "resolved" ? (alert["resolution"].text ?? "resolved") : nil
            if let secret = alert["secret"].text {
                builder.addLeak(
                    ScannerJSON.leak(
                        scanner: "github-secret-scanning", detector: type, secret: secret, file: repository, line: nil,
                        commit: nil, date: date, verified: verified, resolution: resolution, evidence: ref))
            } else {
                builder.addLeak(
                    LeakRecord(
                        scanner: "github-secret-scanning", detector: type, file: repository, date: date,
                        fingerprint: FileDigest.sha256(of: "\(repository ?? "")#\(number)"), verified: verified,
                        fingerprintKind: .finding, resolution: resolution, evidence: ref))
            }
            if alert["push_protection_bypassed"].bool == true { bypassed += 1 }
            ledger.accept()
            ledger.widenRecordSpan(date)
        }
        if bypassed > 0 { ledger.notes.append("\(bypassed) alert(s) whose secret was pushed past push protection") }
    }
}

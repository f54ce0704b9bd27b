import Foundation
import NHIModel

/// trufflehog3 3.x `--format json` output: a JSON array of `{rule: {id, message, severity}, path,
/// line, secret, branch, commit, date, …}`. Each becomes a `LeakRecord` holding the SHA-256 of
/// `secret`, never the secret. (trufflehog3 before 3.0 wrote trufflehog 2's objects:
/// `TrufflehogV2Reader`.)
public enum Trufflehog3Reader: EvidenceReader {
    public static let format = "trufflehog3"
    public static let provides: Set<InputKind> = [.scannerReport]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        if ScannerJSON.isNamedEmptyReport(text, fileName: fileName, names: ["trufflehog3"]) { return true }
        return HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "rule") && HeadSniff.hasKey(text, "secret")
            && HeadSniff.hasKey(text, "path") && !HeadSniff.hasKey(text, "offender")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        try ScannerJSON.forEachObject(in: file, noun: "trufflehog3 finding", builder: builder, ledger: &ledger) {
            finding, ref, ledger in
            guard let secret = finding["secret"].text else {
                ledger.reject(reason: "finding without secret to fingerprint", locator: ref.locator)
                return
            }
            guard let rule = finding["rule"]["id"].text ?? finding["rule"]["message"].text ?? finding["rule"].text
            else {
                ledger.reject(reason: "finding without rule id", locator: ref.locator)
                return
            }
            let date = finding["date"].text.flatMap(TrufflehogV2Reader.parseDate)
            builder.addLeak(
                ScannerJSON.leak(
                    scanner: "trufflehog3", detector: rule, secret: secret, file: finding["path"].text,
                    line: finding["line"].text.flatMap { Int($0) }, commit: finding["commit"].text, date: date,
                    evidence: ref))
            ledger.accept()
            ledger.widenRecordSpan(date)
        }
    }
}

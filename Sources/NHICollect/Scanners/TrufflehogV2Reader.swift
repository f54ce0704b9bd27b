import Foundation
import NHIModel

/// trufflehog 2.x `--json` output (and `trufflehog --json-legacy` of 3.x, and trufflehog3 before
/// 3.0, which wrote the same objects as a JSON array): `branch`, `commit` (the message),
/// `commitHash`, `date`, `path`, `reason`, `stringsFound`. Each string found becomes a `LeakRecord`
/// holding its SHA-256, never the string; a record counts once in the ledger however many it holds.
public enum TrufflehogV2Reader: EvidenceReader {
    public static let format = "trufflehog-v2"
    public static let provides: Set<InputKind> = [.scannerReport]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        return HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "stringsFound") && HeadSniff.hasKey(text, "reason")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        try ScannerJSON.forEachObject(in: file, noun: "trufflehog result", builder: builder, ledger: &ledger) {
            finding, ref, ledger in
            guard let reason = finding["reason"].text else {
                ledger.reject(reason: "result without reason", locator: ref.locator)
                return
            }
            let strings = (finding["stringsFound"].array ?? []).compactMap(\.text)
            guard !strings.isEmpty else {
                ledger.reject(reason: "result without stringsFound to fingerprint", locator: ref.locator)
                return
            }
            let date = finding["date"].text.flatMap(Self.parseDate)
            for secret in strings {
                builder.addLeak(
                    ScannerJSON.leak(
                        scanner: "trufflehog", detector: reason, secret: secret, file: finding["path"].text,
                        line: nil, commit: finding["commitHash"].text, date: date, evidence: ref))
            }
            ledger.accept()
            ledger.widenRecordSpan(date)
        }
    }

    /// `2017-12-31 15:19:49` (the commit time as trufflehog 2 prints it, taken as UTC) or ISO 8601.
    static func parseDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        if parts.count == 2, parts[0].count == 10, parts[1].count == 8 {
            return ISO8601.parse("\(parts[0])T\(parts[1])Z")
        }
        return ISO8601.parse(text)
    }
}

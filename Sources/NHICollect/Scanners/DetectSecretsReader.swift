import Foundation
import NHIModel

/// detect-secrets baselines (`detect-secrets scan > .secrets.baseline`): `results` maps each file
/// to its hits `{type, filename, hashed_secret, is_verified, line_number}`. `hashed_secret` is the
/// SHA-1 of the secret that detect-secrets computed: kept as a SHA-1 fingerprint, never re-hashed.
public enum DetectSecretsReader: EvidenceReader {
    public static let format = "detect-secrets"
    public static let provides: Set<InputKind> = [.scannerReport]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        return HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "results")
            && (HeadSniff.hasKey(text, "plugins_used") || HeadSniff.hasKey(text, "hashed_secret"))
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        guard let baseline = ScannerJSONValue.parse(try file.contents()), baseline.object != nil else {
            throw CollectError(file: file.relativePath, message: "not a detect-secrets baseline: not one JSON object")
        }
        guard let results = baseline["results"].object else {
            throw CollectError(file: file.relativePath, message: "not a detect-secrets baseline: no \"results\" object")
        }
        let date = baseline["generated_at"].text.flatMap(ISO8601.parse)
        for path in results.keys.sorted() {
            let step = "/results/" + ScannerJSON.pointerStep(path)
            guard let hits = results[path]?.array else {
                ledger.reject(
                    reason: "results entry that is not a list of hits", locator: file.ref(pointer: step).locator)
                continue
            }
            for (index, hit) in hits.enumerated() {
                let ref = file.ref(pointer: "\(step)/\(index)")
                guard let hash = hit["hashed_secret"].text?.lowercased(), hash.count == 40,
                    hash.allSatisfy(\.isHexDigit)
                else {
                    ledger.reject(reason: "hit without a 40-digit hex hashed_secret", locator: ref.locator)
                    continue
                }
                guard let type = hit["type"].text else {
                    ledger.reject(reason: "hit without type", locator: ref.locator)
                    continue
                }
                builder.addLeak(
                    LeakRecord(
                        scanner: "detect-secrets", detector: type, file: hit["filename"].text ?? path,
                        line: hit["line_number"].text.flatMap { Int($0) }, date: date, fingerprint: hash,
                        verified: hit["is_verified"].bool, fingerprintKind: .sha1, evidence: ref))
                ledger.accept()
            }
        }
        if ledger.read == 0 { builder.noteReportedNoFindings() }
        if ledger.accepted > 0 { ledger.widenRecordSpan(date) }
    }
}

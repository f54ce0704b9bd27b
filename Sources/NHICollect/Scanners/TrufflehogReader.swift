import Foundation
import NHIModel

/// trufflehog v3 `--json` output (one JSON object per line). Each result becomes a `LeakRecord`
/// holding the SHA-256 of the secret, never the secret.
public enum TrufflehogReader: EvidenceReader {
    public static let format = "trufflehog"
    public static let provides: Set<InputKind> = [.scannerReport]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        if ScannerJSON.isNamedEmptyReport(text, fileName: fileName, names: ["trufflehog"]) { return true }
        return HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "SourceMetadata")
            && HeadSniff.hasKey(text, "DetectorName")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let data = try file.contents()
        if ScannerJSON.isEmptyDocument(data) { return builder.noteReportedNoFindings() }
        try JSONRecordSplitter.forEach(in: data, file: file.relativePath) { record in
            let ref = file.ref(line: record.index == nil ? record.line : nil, record: record.index)
            guard let finding = try? JSONDecoder().decode(TrufflehogFinding.self, from: record.bytes) else {
                ledger.reject(reason: "not a trufflehog result object", locator: ref.locator)
                return
            }
            guard let secret = finding.secret else {
                ledger.reject(reason: "result without Raw or RawV2 to fingerprint", locator: ref.locator)
                return
            }
            guard let detector = finding.detectorName.text else {
                ledger.reject(reason: "result without DetectorName", locator: ref.locator)
                return
            }
            let location = finding.location
            let date = location?.timestamp.text.flatMap(TrufflehogFinding.parseTime)
            builder.addLeak(
                LeakRecord(
                    scanner: "trufflehog", detector: detector, file: location?.file.text ?? location?.path.text,
                    line: location?.line.text.flatMap { Int($0) }, commit: location?.commit.text,
                    date: date, fingerprint: FileDigest.sha256(of: secret),
                    credentialId: LeakedCredentialID.derive(from: [secret, finding.redacted, finding.rawV2]),
                    tokenHash: LeakedCredentialID.githubTokenHash(from: [secret, finding.rawV2]),
                    verified: finding.verified, evidence: ref))
            ledger.accept()
            ledger.widenRecordSpan(date)
        }
    }
}

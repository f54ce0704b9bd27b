import Foundation
import NHIModel

/// CloudTrail digest files (`…/CloudTrail-Digest/…_CloudTrail-Digest_….json.gz`, AWS "CloudTrail
/// digest file structure"), gzip-compressed as delivered or inflated. Each entry of `logFiles` is
/// a record; the digest itself is checked against the others once every file is read
/// (`LogIntegrityVerifier`).
public enum CloudTrailDigestReader: EvidenceReader {
    public static let format = "aws-cloudtrail-digest"
    public static let provides: Set<InputKind> = [.logDigests]

    public static func sniff(head: Data, fileName: String) -> Bool {
        HeadSniff.contains(head, "\"digestStartTime\"") && HeadSniff.contains(head, "\"digestS3Object\"")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let content = try InflatedContent.data(file)
        let digest = try CloudTrailDigestFile.parse(
            content, ref: file.ref(), sha256: FileDigest.sha256(of: content), ledger: &ledger)
        builder.integrity.digests.append(digest)
        ledger.widenRecordSpan(digest.startTime)
        ledger.widenRecordSpan(digest.endTime)
    }
}

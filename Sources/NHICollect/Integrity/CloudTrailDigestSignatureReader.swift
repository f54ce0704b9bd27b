import Foundation
import NHIModel

/// The signature of a digest file, which CloudTrail keeps in the S3 object's metadata
/// (`x-amz-meta-signature`, `x-amz-meta-signature-algorithm`), exported beside the digest as
/// `<digest file name>.metadata.json`: the output of `aws s3api head-object` (or its `Metadata`
/// member alone, `--query Metadata`). One record: the signature.
public enum CloudTrailDigestSignatureReader: EvidenceReader {
    public static let format = "aws-cloudtrail-digest-signature"
    public static let provides: Set<InputKind> = []
    static let suffix = ".metadata.json"

    public static func sniff(head: Data, fileName: String) -> Bool {
        fileName.hasSuffix(suffix) && fileName.contains("_CloudTrail-Digest_")
            && HeadSniff.contains(head, "\"signature\"")
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        guard let object = try? JSONSerialization.jsonObject(with: file.contents()) as? [String: Any] else {
            throw CollectError(
                file: file.relativePath, message: "not a digest's S3 metadata (its content is not a JSON object)")
        }
        let metadata = (object["Metadata"] as? [String: Any]) ?? object
        let locator = file.ref(pointer: "/signature").locator
        guard let signature = metadata["signature"] as? String, let bytes = DigestSignature.bytes(hex: signature),
            !bytes.isEmpty
        else {
            ledger.reject(reason: "no hex signature in the metadata", locator: locator)
            return
        }
        if let algorithm = metadata["signature-algorithm"] as? String, algorithm != "SHA256withRSA" {
            ledger.reject(reason: "signature algorithm \(algorithm) is not SHA256withRSA", locator: locator)
            return
        }
        ledger.accept()
        let digestPath = String(file.relativePath.dropLast(suffix.count))
        builder.integrity.signatures[digestPath] = DigestSignatureExport(hex: signature.lowercased(), ref: file.ref())
    }
}

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

    public static func read(_ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry) throws {
        let content = try InflatedContent.data(file.url, displayName: file.relativePath)
        let digest = try CloudTrailDigestFile.parse(content, ref: file.ref(), sha256: FileDigest.sha256(of: content), ledger: &ledger)
        builder.integrity.digests.append(digest)
    }
}

/// The signature of a digest file, which CloudTrail keeps in the S3 object's metadata
/// (`x-amz-meta-signature`, `x-amz-meta-signature-algorithm`), exported beside the digest as
/// `<digest file name>.metadata.json`: the output of `aws s3api head-object` (or its `Metadata`
/// member alone, `--query Metadata`). One record: the signature.
public enum CloudTrailDigestSignatureReader: EvidenceReader {
    public static let format = "aws-cloudtrail-digest-signature"
    public static let provides: Set<InputKind> = []
    static let suffix = ".metadata.json"

    public static func sniff(head: Data, fileName: String) -> Bool {
        fileName.hasSuffix(suffix) && fileName.contains("_CloudTrail-Digest_") && HeadSniff.contains(head, "\"signature\"")
    }

    public static func read(_ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(contentsOf: file.url)) as? [String: Any] else {
            throw CollectError(file: file.relativePath, message: "not a digest's S3 metadata (its content is not a JSON object)")
        }
        let metadata = (object["Metadata"] as? [String: Any]) ?? object
        let locator = file.ref(pointer: "/signature").locator
        guard let signature = metadata["signature"] as? String, let bytes = DigestSignature.bytes(hex: signature), !bytes.isEmpty else {
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

/// The public keys CloudTrail signs digests with, as `aws cloudtrail list-public-keys` prints them
/// (`{"PublicKeyList": [{"Value": base64 DER, "ValidityStartTime", "ValidityEndTime", "Fingerprint"}]}`).
/// Each key is a record.
public enum CloudTrailPublicKeysReader: EvidenceReader {
    public static let format = "aws-cloudtrail-public-keys"
    public static let provides: Set<InputKind> = []

    public static func sniff(head: Data, fileName: String) -> Bool { HeadSniff.contains(head, "\"PublicKeyList\"") }

    public static func read(_ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(contentsOf: file.url)) as? [String: Any],
              let list = object["PublicKeyList"] as? [Any] else {
            throw CollectError(file: file.relativePath, message: "not the output of aws cloudtrail list-public-keys (no PublicKeyList array)")
        }
        builder.integrity.publicKeysFiles.append(file.relativePath)
        for (index, item) in list.enumerated() {
            let locator = file.ref(pointer: "/PublicKeyList/\(index)").locator
            guard let entry = item as? [String: Any], let fingerprint = entry["Fingerprint"] as? String, !fingerprint.isEmpty,
                  let value = entry["Value"] as? String, let der = Data(base64Encoded: value, options: .ignoreUnknownCharacters) else {
                ledger.reject(reason: "key without Fingerprint or base64 Value", locator: locator)
                continue
            }
            guard let key = DigestSignature.publicKey(der: der) else {
                ledger.reject(reason: "Value is not a DER RSA public key of 2048 bits or more", locator: locator)
                continue
            }
            ledger.accept()
            builder.integrity.publicKeys[fingerprint.lowercased()] = key
        }
    }
}

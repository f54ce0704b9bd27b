import Foundation
import NHIModel

/// The public keys CloudTrail signs digests with, as `aws cloudtrail list-public-keys` prints them
/// (`{"PublicKeyList": [{"Value": base64 DER, "ValidityStartTime", "ValidityEndTime", "Fingerprint"}]}`).
/// Each key is a record.
public enum CloudTrailPublicKeysReader: EvidenceReader {
    public static let format = "aws-cloudtrail-public-keys"
    public static let provides: Set<InputKind> = []

    public static func sniff(head: Data, fileName: String) -> Bool { HeadSniff.contains(head, "\"PublicKeyList\"") }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        guard let object = try? JSONSerialization.jsonObject(with: file.contents()) as? [String: Any],
            let list = object["PublicKeyList"] as? [Any]
        else {
            throw CollectError(
                file: file.relativePath,
                message: "not the output of aws cloudtrail list-public-keys (no PublicKeyList array)")
        }
        builder.integrity.publicKeysFiles.append(file.relativePath)
        for (index, item) in list.enumerated() {
            let locator = file.ref(pointer: "/PublicKeyList/\(index)").locator
            guard let entry = item as? [String: Any], let fingerprint = entry["Fingerprint"] as? String,
                !fingerprint.isEmpty,
                let value = entry["Value"] as? String,
                let der = Data(base64Encoded: value, options: .ignoreUnknownCharacters)
            else {
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

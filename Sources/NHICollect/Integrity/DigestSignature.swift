import CryptoExtras
import Crypto
import Foundation
import NHIModel

/// A digest's signature as exported from its S3 metadata.
struct DigestSignatureExport: Sendable {
    var hex: String
    var ref: EvidenceRef
}

/// CloudTrail's digest signature: SHA256withRSA (RSASSA-PKCS1-v1_5 with SHA-256) over the signing
/// string of AWS "Custom implementations of CloudTrail log file integrity validation", which the
/// AWS CLI's `validate-logs` builds the same way.
enum DigestSignature {
    /// `digestEndTime` as written, the digest's S3 path (`bucket/object`), the hex SHA-256 of its
    /// inflated content and the previous digest's hex signature (`null` for the first of a chain),
    /// joined by newlines.
    static func signingString(_ digest: CloudTrailDigestFile) -> String {
        [
            digest.endTimeText, "\(digest.s3Bucket)/\(digest.s3Object)", digest.contentSHA256,
            digest.previousSignature ?? "null",
        ]
        .joined(separator: "\n")
    }

    static func verify(_ digest: CloudTrailDigestFile, signatureHex: String, key: _RSA.Signing.PublicKey) -> Bool {
        guard let bytes = bytes(hex: signatureHex) else { return false }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: bytes)
        return key.isValidSignature(signature, for: Data(signingString(digest).utf8), padding: .insecurePKCS1v1_5)
    }

    /// A key from `list-public-keys`' `Value`: DER, PKCS #1 `RSAPublicKey` or SubjectPublicKeyInfo.
    static func publicKey(der: Data) -> _RSA.Signing.PublicKey? { try? _RSA.Signing.PublicKey(derRepresentation: der) }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

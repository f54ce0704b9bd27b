import CryptoExtras
import Foundation

/// What the integrity readers collect, checked against each other once every file is read.
public struct LogIntegrityFacts: Sendable {
    var digests: [CloudTrailDigestFile] = []
    /// Exported signatures by the digest file's path in the evidence folder.
    var signatures: [String: DigestSignatureExport] = [:]
    /// Public keys by lower-case fingerprint.
    var publicKeys: [String: _RSA.Signing.PublicKey] = [:]
    var publicKeysFiles: [String] = []

    public init() {}

    mutating func merge(_ other: LogIntegrityFacts) {
        digests += other.digests
        signatures.merge(other.signatures) { mine, _ in mine }
        publicKeys.merge(other.publicKeys) { mine, _ in mine }
        publicKeysFiles += other.publicKeysFiles
    }
}

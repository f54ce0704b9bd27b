import Foundation

/// What CloudTrail digest files establish about the log files of the evidence (AWS "CloudTrail
/// digest file structure"): per digest, whether its signature verified and whether it links to
/// the digest before it; per log file, whether a digest lists it with the SHA-256 of its content.
/// Facts only: the `log-integrity` rule judges them.
public struct LogIntegrity: Hashable, Codable, Sendable {
    public var digests: [DigestCheck]
    public var logFiles: [LogFileCheck]
    /// Whether a public-keys file (`aws cloudtrail list-public-keys`) was among the evidence.
    public var publicKeysProvided: Bool

    public init(digests: [DigestCheck] = [], logFiles: [LogFileCheck] = [], publicKeysProvided: Bool = false) {
        self.digests = digests; self.logFiles = logFiles; self.publicKeysProvided = publicKeysProvided
    }
}

/// One digest file and what checking it found.
public struct DigestCheck: Hashable, Codable, Sendable {
    public enum Signature: String, Codable, Sendable {
        /// SHA256withRSA over the signing string verified with the public key of its fingerprint.
        case valid
        /// The signature does not verify: the digest (or its metadata) changed after delivery.
        case invalid
        /// No signature was exported beside the digest (the S3 object's metadata sidecar).
        case noSignature = "no-signature"
        /// The public-keys file has no key with the digest's fingerprint.
        case noPublicKey = "no-public-key"
        /// No public-keys file was given, so no signature was checked.
        case notChecked = "not-checked"
    }

    public enum Link: String, Codable, Sendable {
        /// The digest names no previous digest: the first of a chain (validation turned on or resumed).
        case chainStart = "chain-start"
        /// The previous digest is in the evidence with the SHA-256 and signature this one records.
        case linked
        /// The previous digest it names is not in the evidence.
        case previousMissing = "previous-missing"
        /// The previous digest's content does not hash to `previousDigestHashValue`.
        case previousHashMismatch = "previous-hash-mismatch"
        /// The previous digest's exported signature differs from `previousDigestSignature`.
        case previousSignatureMismatch = "previous-signature-mismatch"
    }

    /// Path of the digest file in the evidence folder.
    public var file: String
    /// The trail's digest chain: `account region trail` from the digest's name.
    public var chain: String
    public var environment: String?
    public var start: Date
    public var end: Date
    public var signature: Signature
    public var link: Link
    public var evidence: EvidenceRef

    public init(
        file: String, chain: String, environment: String?, start: Date, end: Date, signature: Signature,
        link: Link, evidence: EvidenceRef
    ) {
        self.file = file; self.chain = chain; self.environment = environment; self.start = start; self.end = end
        self.signature = signature; self.link = link; self.evidence = evidence
    }
}

/// One CloudTrail log file: in the evidence, listed in a digest, or both.
public struct LogFileCheck: Hashable, Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// Listed with the SHA-256 of its content in a digest whose signature verified.
        case verified
        /// Listed with a matching SHA-256, but in a digest whose signature was not verified.
        case unverifiedDigest = "unverified-digest"
        /// Its content does not hash to what the digest lists: changed after delivery.
        case changed
        /// In the evidence but in no digest of the evidence.
        case unlisted
        /// Listed in a digest of the evidence but not in the evidence: deleted or withheld.
        case absent
    }

    /// Path in the evidence folder, or the S3 object a digest lists when the file is absent.
    public var file: String
    /// `account region` from the log file's name.
    public var stream: String
    public var environment: String?
    public var status: Status
    /// The digest file that lists it, if any.
    public var digest: String?
    public var evidence: EvidenceRef

    public init(
        file: String, stream: String, environment: String?, status: Status, digest: String?, evidence: EvidenceRef
    ) {
        self.file = file; self.stream = stream; self.environment = environment; self.status = status
        self.digest = digest; self.evidence = evidence
    }
}

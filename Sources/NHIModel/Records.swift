import Foundation

/// The purposes owners.csv may declare for an identity.
public enum IdentityPurpose: String, Codable, Sendable, CaseIterable {
    case delivery, operations, runtime
    case breakGlass = "break-glass"
    case integration
    case humanProxy = "human-proxy"
}

/// One row of owners.csv.
public struct OwnerRecord: Hashable, Codable, Sendable {
    /// The identity reference as written (ARN, `k8s:…`, role name); resolved by the collector.
    public var identityRef: String
    public var owner: String
    public var team: String?
    public var purpose: IdentityPurpose?
    public var environment: String?
    public var approvedUntil: Date?
    /// `human` or `nhi` when the row overrides the inferred kind.
    public var kindOverride: String?
    public var evidence: EvidenceRef?

    public init(
        identityRef: String, owner: String, team: String? = nil, purpose: IdentityPurpose? = nil,
        environment: String? = nil, approvedUntil: Date? = nil, kindOverride: String? = nil,
        evidence: EvidenceRef? = nil
    ) {
        self.identityRef = identityRef; self.owner = owner; self.team = team; self.purpose = purpose
        self.environment = environment; self.approvedUntil = approvedUntil
        self.kindOverride = kindOverride; self.evidence = evidence
    }

    /// The owner, or nil when the cell is empty or white space alone, as
    /// `trimmingCharacters(in: .whitespaces)` judges it, read a scalar at a time and only up to the
    /// first that is not white space: trimming made an NSString of every owner (the set's
    /// characters are all in the BMP, so scalars and UTF-16 units agree).
    public var namedOwner: String? {
        let whitespaces = CharacterSet.whitespaces
        return owner.unicodeScalars.allSatisfy { whitespaces.contains($0) } ? nil : owner
    }
}

/// One change record (changes.csv / .json).
public struct ChangeRecord: Hashable, Codable, Sendable {
    public var id: String
    public var system: String?
    public var environment: String?
    public var requestedBy: String?
    public var approvedBy: String?
    public var executedBy: String?
    /// Identities the references resolved to (empty when unresolvable).
    public var approvedByIdentity: IdentityID?
    public var executedByIdentity: IdentityID?
    public var windowStart: Date?
    public var windowEnd: Date?
    /// approved, rejected, emergency, completed, … lower-cased as written.
    public var status: String
    public var evidence: EvidenceRef?

    public init(
        id: String, system: String? = nil, environment: String? = nil, requestedBy: String? = nil,
        approvedBy: String? = nil, executedBy: String? = nil, approvedByIdentity: IdentityID? = nil,
        executedByIdentity: IdentityID? = nil, windowStart: Date? = nil, windowEnd: Date? = nil,
        status: String, evidence: EvidenceRef? = nil
    ) {
        self.id = id; self.system = system; self.environment = environment; self.requestedBy = requestedBy
        self.approvedBy = approvedBy; self.executedBy = executedBy
        self.approvedByIdentity = approvedByIdentity; self.executedByIdentity = executedByIdentity
        self.windowStart = windowStart; self.windowEnd = windowEnd; self.status = status; self.evidence = evidence
    }

    /// Approved changes (including emergency changes that were approved) authorise work in their window;
    /// a change nobody is recorded as approving is unapproved whatever its status says.
    public var isApproved: Bool {
        let approver = approvedBy?.trimmingCharacters(in: .whitespaces) ?? ""
        return !approver.isEmpty && ["approved", "completed", "emergency", "implemented", "closed"].contains(status)
    }
}

/// One incident record (incidents.csv / .json).
public struct IncidentRecord: Hashable, Codable, Sendable {
    public var id: String
    public var severity: String?
    public var declaredAt: Date
    public var resolvedAt: Date?
    /// Environments the incident concerns; empty when the record names none (then it is not limited by environment).
    public var environments: [String]
    public var responders: [String]
    public var responderIdentities: [IdentityID]
    public var reviewCompletedAt: Date?
    public var reviewRef: String?
    /// The person who reviewed the incident's break-glass use, as written.
    public var reviewedBy: String?
    public var evidence: EvidenceRef?

    public init(
        id: String, severity: String? = nil, declaredAt: Date, resolvedAt: Date? = nil, environments: [String] = [],
        responders: [String] = [], responderIdentities: [IdentityID] = [],
        reviewCompletedAt: Date? = nil, reviewRef: String? = nil, reviewedBy: String? = nil,
        evidence: EvidenceRef? = nil
    ) {
        self.id = id; self.severity = severity; self.declaredAt = declaredAt; self.resolvedAt = resolvedAt
        self.environments = environments; self.responders = responders; self.responderIdentities = responderIdentities
        self.reviewCompletedAt = reviewCompletedAt; self.reviewRef = reviewRef; self.reviewedBy = reviewedBy;
        self.evidence = evidence
    }
}

/// A secret-scanner hit. Holds a fingerprint of the secret, never the secret.
public struct LeakRecord: Hashable, Codable, Sendable {
    public var scanner: String
    public var detector: String
    public var file: String?
    public var line: Int?
    public var commit: String?
    public var date: Date?
    /// Hex digest identifying the secret without holding it; `fingerprintKind` says of what.
    public var fingerprint: String
    public var fingerprintKind: LeakFingerprintKind
    /// A credential id derivable from the hit (AWS access key id, GitHub token prefix), if any.
    public var credentialId: String?
    /// For a GitHub token: base64 of its SHA-256, the form GitHub's audit log gives as `hashed_token`.
    public var tokenHash: String?
    /// Whether the scanner itself verified the secret as live.
    public var verified: Bool?
    /// How the scanner's alert was closed (GitHub secret scanning: `revoked`, `false_positive`,
    /// `used_in_tests`, `wont_fix`, …); nil while it is open or when the scanner keeps no state.
    public var resolution: String?
    public var evidence: EvidenceRef

    public init(
        scanner: String, detector: String, file: String? = nil, line: Int? = nil, commit: String? = nil,
        date: Date? = nil, fingerprint: String, credentialId: String? = nil, tokenHash: String? = nil,
        verified: Bool? = nil, fingerprintKind: LeakFingerprintKind = .sha256, resolution: String? = nil,
        evidence: EvidenceRef
    ) {
        self.scanner = scanner; self.detector = detector; self.file = file; self.line = line
        self.commit = commit; self.date = date; self.fingerprint = fingerprint
        self.credentialId = credentialId; self.tokenHash = tokenHash; self.verified = verified; self.evidence = evidence
        self.fingerprintKind = fingerprintKind; self.resolution = resolution
    }
}

/// What a leak's `fingerprint` is the digest of.
public enum LeakFingerprintKind: String, Hashable, Codable, Sendable {
    /// SHA-256 of the secret, computed while reading (the secret itself is dropped).
    case sha256
    /// SHA-1 of the secret as the scanner wrote it (detect-secrets' `hashed_secret`).
    case sha1
    /// SHA-256 of the scanner's own identification of the finding (a SARIF result's
    /// `partialFingerprints`, a GitHub alert's repository and number) when no secret text is given.
    case finding
}

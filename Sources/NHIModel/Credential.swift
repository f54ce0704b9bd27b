import Foundation

public enum CredentialKind: String, Codable, Sendable, CaseIterable {
    case accessKey = "access-key"
    case password
    case serviceAccountToken = "service-account-token"
    case personalAccessToken = "personal-access-token"
    case fineGrainedToken = "fine-grained-token"
    case oauthToken = "oauth-token"
    case deployKey = "deploy-key"
    case appPrivateKey = "app-private-key"
    /// A GCP service account key the organisation created and holds (user-managed).
    case serviceAccountKey = "service-account-key"
    /// An Entra application's client secret (`passwordCredentials`).
    case clientSecret = "client-secret"
    /// An Entra application's certificate (`keyCredentials`).
    case certificate
    case other
}

/// A credential an identity holds. Never carries secret material: only ids and dates.
public struct Credential: Hashable, Codable, Sendable {
    /// Access key id, token id, Secret name — whatever the platform uses to name it.
    public var id: String
    public var kind: CredentialKind
    public var active: Bool
    public var createdAt: Date?
    public var lastRotatedAt: Date?
    public var lastUsedAt: Date?
    public var expiresAt: Date?
    public var lastUsedService: String?
    public var lastUsedRegion: String?
    /// GitHub's `hashed_token` for a token seen in the audit log: base64 of the token's SHA-256.
    /// A scanner hit is tied to the token through it; the token itself is never known.
    public var hashedToken: String?
    public var evidence: [EvidenceRef]

    public init(
        id: String, kind: CredentialKind, active: Bool = true, createdAt: Date? = nil,
        lastRotatedAt: Date? = nil, lastUsedAt: Date? = nil, expiresAt: Date? = nil,
        lastUsedService: String? = nil, lastUsedRegion: String? = nil, hashedToken: String? = nil,
        evidence: [EvidenceRef] = []
    ) {
        self.id = id; self.kind = kind; self.active = active; self.createdAt = createdAt
        self.lastRotatedAt = lastRotatedAt; self.lastUsedAt = lastUsedAt; self.expiresAt = expiresAt
        self.lastUsedService = lastUsedService; self.lastUsedRegion = lastUsedRegion; self.hashedToken = hashedToken
        self.evidence = evidence
    }

    /// When the secret was last set: rotation if known, else creation.
    public var issuedAt: Date? { lastRotatedAt ?? createdAt }
}

import Foundation

/// One identity as the pack's inventory appendix and each finding's owner and last use show it:
/// the inventory's facts without grants or activity.
public struct IdentitySummary: Hashable, Codable, Sendable {
    public var id: IdentityID
    public var name: String
    public var platform: Platform
    public var kind: IdentityKind
    public var isHuman: Bool
    /// False when the identity was only seen acting in audit logs (no inventory lists it).
    public var inInventory: Bool
    public var environments: [String]
    /// From owners.csv; nil when no row names the identity.
    public var owner: String?
    public var team: String?
    public var purpose: IdentityPurpose?
    public var createdAt: Date?
    /// The latest use any source reports: the inventory's own last-used dates and the audit logs.
    public var lastUsedAt: Date?
    public var credentials: [CredentialSummary]

    public init(
        id: IdentityID, name: String, platform: Platform, kind: IdentityKind, isHuman: Bool = false,
        inInventory: Bool = true, environments: [String] = [], owner: String? = nil, team: String? = nil,
        purpose: IdentityPurpose? = nil, createdAt: Date? = nil, lastUsedAt: Date? = nil,
        credentials: [CredentialSummary] = []
    ) {
        self.id = id; self.name = name; self.platform = platform; self.kind = kind; self.isHuman = isHuman
        self.inInventory = inInventory; self.environments = environments; self.owner = owner; self.team = team
        self.purpose = purpose; self.createdAt = createdAt; self.lastUsedAt = lastUsedAt; self.credentials = credentials
    }

    /// `identity`'s summary; `lastActivity` is its latest call in the audit logs, if any.
    public init(_ identity: Identity, lastActivity: Date?) {
        let uses = [identity.lastUsedAt, lastActivity] + identity.credentials.map(\.lastUsedAt)
        self.init(
            id: identity.id, name: identity.name, platform: identity.platform, kind: identity.kind,
            isHuman: identity.isHuman, inInventory: identity.inInventory, environments: identity.environments,
            owner: identity.owner?.namedOwner,
            team: identity.owner?.team, purpose: identity.owner?.purpose,
            createdAt: identity.createdAt, lastUsedAt: uses.compactMap { $0 }.max(),
            credentials: identity.credentials.map(CredentialSummary.init))
    }

    /// The organisation's identities (platform services left out), each with its latest audit-log call.
    public static func of(_ inventory: Inventory) -> [IdentitySummary] {
        var lastSeen: [IdentityID: Date] = [:]
        // Two fields read in place: `for record in` copies each record, retaining its every field.
        // An inventory's activity is in identity order, so an identity's records come together:
        // its latest call is looked up once per run of them, not hashed in once per record.
        inventory.activity.withUnsafeBufferPointer { records in
            var index = 0
            while index < records.count {
                let identity = records[index].identity
                var seen = records[index].lastSeen
                index += 1
                while index < records.count && records[index].identity == identity {
                    seen = max(seen, records[index].lastSeen)
                    index += 1
                }
                if lastSeen[identity].map({ $0 < seen }) ?? true { lastSeen[identity] = seen }
            }
        }
        return inventory.identities.compactMap {
            $0.isPlatformService ? nil : IdentitySummary($0, lastActivity: lastSeen[$0.id])
        }
    }
}

/// A credential's identity and dates (never secret material).
public struct CredentialSummary: Hashable, Codable, Sendable {
    public var id: String
    public var kind: CredentialKind
    public var active: Bool
    /// When the secret was last set: rotation if known, else creation.
    public var issuedAt: Date?
    public var lastUsedAt: Date?
    public var expiresAt: Date?

    public init(id: String, kind: CredentialKind, active: Bool, issuedAt: Date?, lastUsedAt: Date?, expiresAt: Date?) {
        self.id = id; self.kind = kind; self.active = active; self.issuedAt = issuedAt
        self.lastUsedAt = lastUsedAt; self.expiresAt = expiresAt
    }

    public init(_ credential: Credential) {
        self.init(
            id: credential.id, kind: credential.kind, active: credential.active, issuedAt: credential.issuedAt,
            lastUsedAt: credential.lastUsedAt, expiresAt: credential.expiresAt)
    }
}

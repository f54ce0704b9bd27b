import Foundation
import NHIModel

/// What `inventory` prints: identities with their credentials, grant counts and activity span,
/// then the ingest ledger. Ages are counted at the end of the scope's period, or now without one.
struct InventoryReport: Encodable {
    struct CredentialView: Encodable {
        var id: String
        var kind: String
        var active: Bool
        var issuedAt: Date?
        var ageDays: Int?
        var lastUsedAt: Date?
        var lastUsedService: String?
        var lastUsedRegion: String?
        var expiresAt: Date?
    }

    struct IdentityView: Encodable {
        var id: String
        var platform: String
        var kind: String
        var name: String
        var account: String?
        var isHuman: Bool
        var humanBasis: String
        var inInventory: Bool
        var isPlatformService: Bool
        var owner: String?
        var team: String?
        var purpose: String?
        var environments: [String]
        var credentials: [CredentialView]
        var grants: Int
        var firstActivity: Date?
        var lastActivity: Date?
        var lastUsedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, platform, kind, name, account, isHuman, humanBasis, inInventory, isPlatformService, owner, team,
                purpose
            case environments, credentials, grants, firstActivity, lastActivity, lastUsedAt
        }

        /// `owner` and the activity times are written as null when unknown, so every object has the same keys.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(platform, forKey: .platform)
            try container.encode(kind, forKey: .kind)
            try container.encode(name, forKey: .name)
            try container.encode(account, forKey: .account)
            try container.encode(isHuman, forKey: .isHuman)
            try container.encode(humanBasis, forKey: .humanBasis)
            try container.encode(inInventory, forKey: .inInventory)
            try container.encode(isPlatformService, forKey: .isPlatformService)
            try container.encode(owner, forKey: .owner)
            try container.encodeIfPresent(team, forKey: .team)
            try container.encodeIfPresent(purpose, forKey: .purpose)
            try container.encode(environments, forKey: .environments)
            try container.encode(credentials, forKey: .credentials)
            try container.encode(grants, forKey: .grants)
            try container.encode(firstActivity, forKey: .firstActivity)
            try container.encode(lastActivity, forKey: .lastActivity)
            try container.encode(lastUsedAt, forKey: .lastUsedAt)
        }
    }

    var asOf: Date
    var identities: [IdentityView]
    var ledger: [LedgerEntry]
    var skipped: [SkippedFile]

    init(_ inventory: Inventory, now: Date = Date()) {
        let asOf = inventory.scope.periodEnd ?? now
        self.asOf = asOf
        let grants = Dictionary(grouping: inventory.grants, by: \.identity).mapValues(\.count)
        let activity = Dictionary(grouping: inventory.activity, by: \.identity)
        identities = inventory.identities.map { identity in
            let acts = activity[identity.id] ?? []
            return IdentityView(
                id: identity.id.rawValue, platform: identity.platform.rawValue, kind: identity.kind.rawValue,
                name: identity.name,
                account: identity.account, isHuman: identity.isHuman, humanBasis: identity.humanBasis.rawValue,
                inInventory: identity.inInventory, isPlatformService: identity.isPlatformService,
                owner: identity.owner?.owner, team: identity.owner?.team, purpose: identity.owner?.purpose?.rawValue,
                environments: identity.environments,
                credentials: identity.credentials.map { credential in
                    CredentialView(
                        id: credential.id, kind: credential.kind.rawValue, active: credential.active,
                        issuedAt: credential.issuedAt,
                        ageDays: credential.issuedAt.map { Int(asOf.timeIntervalSince($0) / 86_400) },
                        lastUsedAt: credential.lastUsedAt, lastUsedService: credential.lastUsedService,
                        lastUsedRegion: credential.lastUsedRegion, expiresAt: credential.expiresAt)
                },
                grants: grants[identity.id] ?? 0,
                firstActivity: acts.map(\.firstSeen).min(), lastActivity: acts.map(\.lastSeen).max(),
                lastUsedAt: identity.lastUsedAt)
        }
        ledger = inventory.ledger.entries
        skipped = inventory.ledger.skipped
    }

    func json() throws -> String {
        String(decoding: try NHIJSON.encoder().encode(self), as: UTF8.self)
    }
}

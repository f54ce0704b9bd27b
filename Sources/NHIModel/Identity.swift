import Foundation

/// A stable, platform-qualified identity reference.
///
/// Canonical forms (collectors must produce exactly these so that sources join):
/// - AWS: the IAM ARN without path for sessions resolved to roles, e.g.
///   `arn:aws:iam::123456789012:role/deploy`, `arn:aws:iam::123456789012:user/ci`,
///   `arn:aws:iam::123456789012:root`; AWS services as `aws-service:<principal>`.
/// - Kubernetes: `k8s:<cluster>:serviceaccount:<namespace>:<name>`, `k8s:<cluster>:user:<name>`,
///   `k8s:<cluster>:group:<name>`.
/// - GitHub: `github:<org>:app:<slug>`, `github:<org>:oauth-app:<id>`, `github:<org>:bot:<login>`,
///   `github:<org>:user:<login>`, `github:<org>:token:<id>`, `github:<org>:deploy-key:<id>`.
/// - GCP: `gcp:<project>:serviceaccount:<email>` (the project id or number the email names), `gcp:user:<email>`,
///   `gcp:group:<email>`, `gcp:federated:<subject>` (workload identity federation).
/// - Microsoft Entra ID: `entra:<tenant>:serviceprincipal:<appId>` (managed identities included),
///   `entra:<tenant>:user:<userPrincipalName or id>`.
/// - Anything else (canonical inventory): `<platform>:<name>`.
public struct IdentityID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: IdentityID, rhs: IdentityID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The platform an identity, grant or activity belongs to. Open-ended so the canonical
/// inventory format can carry platforms without a dedicated reader.
public struct Platform: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Platform, rhs: Platform) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let aws = Platform(rawValue: "aws")
    public static let kubernetes = Platform(rawValue: "kubernetes")
    public static let github = Platform(rawValue: "github")
    public static let gcp = Platform(rawValue: "gcp")
    public static let entra = Platform(rawValue: "entra")

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public enum IdentityKind: String, Codable, Sendable, CaseIterable {
    case user, role, root, group
    case serviceAccount = "service-account"
    case app
    case oauthApp = "oauth-app"
    case bot
    case deployKey = "deploy-key"
    case token
    case awsService = "aws-service"
    case federated
    case unknown
}

/// Why an identity was judged human or non-human; surfaced in reports so the call can be checked.
public enum HumanBasis: String, Codable, Sendable {
    /// Console password and no access keys, SSO reserved role, a Kubernetes user, a GitHub user.
    case inferred
    /// owners.csv said so (`kind` column).
    case ownerOverride = "owner-override"
    /// The canonical inventory said so.
    case declared
}

/// One identity after normalisation and resolution across sources.
///
/// The fields live in one shared object (`SharedFields`): rules, summaries and grant expansion
/// pass identities around by value, and a copy retains that object instead of every field in it.
public struct Identity: Hashable, Codable, Sendable {
    /// The stored fields; coding, equality and hashing are theirs (synthesized, in this order).
    @usableFromInline
    struct Fields: Hashable, Codable, Sendable {
        @usableFromInline var id: IdentityID
        @usableFromInline var platform: Platform
        @usableFromInline var kind: IdentityKind
        @usableFromInline var name: String
        @usableFromInline var account: String?
        @usableFromInline var namespace: String?
        @usableFromInline var isHuman: Bool
        @usableFromInline var humanBasis: HumanBasis
        @usableFromInline var inInventory: Bool
        @usableFromInline var isPlatformService: Bool
        @usableFromInline var environments: [String]
        @usableFromInline var createdAt: Date?
        @usableFromInline var lastUsedAt: Date?
        @usableFromInline var tags: [String: String]
        @usableFromInline var attributes: [String: String]
        @usableFromInline var owner: OwnerRecord?
        @usableFromInline var credentials: [Credential]
        @usableFromInline var evidence: [EvidenceRef]
    }

    @usableFromInline
    var storage: SharedFields<Fields>

    @inlinable
    public var id: IdentityID {
        _read { yield storage.fields.id }
        _modify { yield &storage.fields.id }
    }
    @inlinable
    public var platform: Platform {
        _read { yield storage.fields.platform }
        _modify { yield &storage.fields.platform }
    }
    @inlinable
    public var kind: IdentityKind {
        _read { yield storage.fields.kind }
        _modify { yield &storage.fields.kind }
    }
    /// Short display name (role or user name, `ns/name` for service accounts).
    @inlinable
    public var name: String {
        _read { yield storage.fields.name }
        _modify { yield &storage.fields.name }
    }
    /// AWS account id, Kubernetes cluster, or GitHub organisation.
    @inlinable
    public var account: String? {
        _read { yield storage.fields.account }
        _modify { yield &storage.fields.account }
    }
    @inlinable
    public var namespace: String? {
        _read { yield storage.fields.namespace }
        _modify { yield &storage.fields.namespace }
    }
    @inlinable
    public var isHuman: Bool {
        _read { yield storage.fields.isHuman }
        _modify { yield &storage.fields.isHuman }
    }
    @inlinable
    public var humanBasis: HumanBasis {
        _read { yield storage.fields.humanBasis }
        _modify { yield &storage.fields.humanBasis }
    }
    /// False when the identity was only seen acting in audit logs (no inventory lists it).
    @inlinable
    public var inInventory: Bool {
        _read { yield storage.fields.inInventory }
        _modify { yield &storage.fields.inInventory }
    }
    /// AWS service principals and platform-internal identities: recorded, not counted as the organisation's NHIs.
    @inlinable
    public var isPlatformService: Bool {
        _read { yield storage.fields.isPlatformService }
        _modify { yield &storage.fields.isPlatformService }
    }
    /// Environments the identity belongs to or acted in, sorted.
    @inlinable
    public var environments: [String] {
        _read { yield storage.fields.environments }
        _modify { yield &storage.fields.environments }
    }
    @inlinable
    public var createdAt: Date? {
        _read { yield storage.fields.createdAt }
        _modify { yield &storage.fields.createdAt }
    }
    /// Last use as reported by the inventory itself (RoleLastUsed, password last used, …).
    @inlinable
    public var lastUsedAt: Date? {
        _read { yield storage.fields.lastUsedAt }
        _modify { yield &storage.fields.lastUsedAt }
    }
    @inlinable
    public var tags: [String: String] {
        _read { yield storage.fields.tags }
        _modify { yield &storage.fields.tags }
    }
    /// Platform facts the rules may read, e.g. `passwordEnabled`, `mfaActive`,
    /// `automountServiceAccountToken`, `workloads`, `maxSessionDuration`, `permissionsBoundary`.
    @inlinable
    public var attributes: [String: String] {
        _read { yield storage.fields.attributes }
        _modify { yield &storage.fields.attributes }
    }
    @inlinable
    public var owner: OwnerRecord? {
        _read { yield storage.fields.owner }
        _modify { yield &storage.fields.owner }
    }
    @inlinable
    public var credentials: [Credential] {
        _read { yield storage.fields.credentials }
        _modify { yield &storage.fields.credentials }
    }
    @inlinable
    public var evidence: [EvidenceRef] {
        _read { yield storage.fields.evidence }
        _modify { yield &storage.fields.evidence }
    }

    public init(
        id: IdentityID, platform: Platform, kind: IdentityKind, name: String,
        account: String? = nil, namespace: String? = nil,
        isHuman: Bool = false, humanBasis: HumanBasis = .inferred,
        inInventory: Bool = true, isPlatformService: Bool = false,
        environments: [String] = [], createdAt: Date? = nil, lastUsedAt: Date? = nil,
        tags: [String: String] = [:], attributes: [String: String] = [:],
        owner: OwnerRecord? = nil, credentials: [Credential] = [], evidence: [EvidenceRef] = []
    ) {
        storage = SharedFields(
            Fields(
                id: id, platform: platform, kind: kind, name: name, account: account, namespace: namespace,
                isHuman: isHuman, humanBasis: humanBasis, inInventory: inInventory,
                isPlatformService: isPlatformService, environments: environments, createdAt: createdAt,
                lastUsedAt: lastUsedAt, tags: tags, attributes: attributes, owner: owner,
                credentials: credentials, evidence: evidence
            )
        )
    }

    public init(from decoder: Decoder) throws { storage = try SharedFields(from: decoder) }
    public func encode(to encoder: Encoder) throws { try storage.encode(to: encoder) }

    /// A non-human identity the organisation is answerable for.
    public var isOrganisationNHI: Bool { !isHuman && !isPlatformService }
}

/// Reflected as its fields, as a plain struct would be (printed and dumped identities read the same).
extension Identity: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: storage.fields).children, displayStyle: .struct)
    }
}

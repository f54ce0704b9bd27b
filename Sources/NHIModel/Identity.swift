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
public struct Identity: Hashable, Codable, Sendable {
    public var id: IdentityID
    public var platform: Platform
    public var kind: IdentityKind
    /// Short display name (role or user name, `ns/name` for service accounts).
    public var name: String
    /// AWS account id, Kubernetes cluster, or GitHub organisation.
    public var account: String?
    public var namespace: String?
    public var isHuman: Bool
    public var humanBasis: HumanBasis
    /// False when the identity was only seen acting in audit logs (no inventory lists it).
    public var inInventory: Bool
    /// AWS service principals and platform-internal identities: recorded, not counted as the organisation's NHIs.
    public var isPlatformService: Bool
    /// Environments the identity belongs to or acted in, sorted.
    public var environments: [String]
    public var createdAt: Date?
    /// Last use as reported by the inventory itself (RoleLastUsed, password last used, …).
    public var lastUsedAt: Date?
    public var tags: [String: String]
    /// Platform facts the rules may read, e.g. `passwordEnabled`, `mfaActive`,
    /// `automountServiceAccountToken`, `workloads`, `maxSessionDuration`, `permissionsBoundary`.
    public var attributes: [String: String]
    public var owner: OwnerRecord?
    public var credentials: [Credential]
    public var evidence: [EvidenceRef]

    public init(
        id: IdentityID, platform: Platform, kind: IdentityKind, name: String,
        account: String? = nil, namespace: String? = nil,
        isHuman: Bool = false, humanBasis: HumanBasis = .inferred,
        inInventory: Bool = true, isPlatformService: Bool = false,
        environments: [String] = [], createdAt: Date? = nil, lastUsedAt: Date? = nil,
        tags: [String: String] = [:], attributes: [String: String] = [:],
        owner: OwnerRecord? = nil, credentials: [Credential] = [], evidence: [EvidenceRef] = []
    ) {
        self.id = id; self.platform = platform; self.kind = kind; self.name = name
        self.account = account; self.namespace = namespace
        self.isHuman = isHuman; self.humanBasis = humanBasis
        self.inInventory = inInventory; self.isPlatformService = isPlatformService
        self.environments = environments; self.createdAt = createdAt; self.lastUsedAt = lastUsedAt
        self.tags = tags; self.attributes = attributes
        self.owner = owner; self.credentials = credentials; self.evidence = evidence
    }

    /// A non-human identity the organisation is answerable for.
    public var isOrganisationNHI: Bool { !isHuman && !isPlatformService }
}

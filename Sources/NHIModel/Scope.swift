import Foundation

/// One environment declared in scope.yaml.
public struct EnvironmentScope: Hashable, Codable, Sendable {
    public var name: String
    public var production: Bool
    public var awsAccounts: [String]
    /// Kubernetes clusters, optionally narrowed to namespaces (`cluster` or `cluster/namespace`).
    public var kubernetes: [String]
    /// GitHub `org`, `org/repo` or `org/repo:environment`.
    public var github: [String]
    /// GCP project ids (and the project numbers Cloud Asset iam-policy exports name projects by).
    public var gcpProjects: [String]
    /// Microsoft Entra tenant ids.
    public var entraTenants: [String]

    public init(
        name: String, production: Bool, awsAccounts: [String] = [], kubernetes: [String] = [], github: [String] = [],
        gcpProjects: [String] = [], entraTenants: [String] = []
    ) {
        self.name = name; self.production = production; self.awsAccounts = awsAccounts
        self.kubernetes = kubernetes; self.github = github
        self.gcpProjects = gcpProjects; self.entraTenants = entraTenants
    }
}

extension EnvironmentScope {
    private enum CodingKeys: String, CodingKey {
        case name, production, awsAccounts, kubernetes, github, gcpProjects, entraTenants
    }

    /// Platforms an environment does not use are left out, so results written before they were read still decode.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        production = try container.decode(Bool.self, forKey: .production)
        awsAccounts = try container.decode([String].self, forKey: .awsAccounts)
        kubernetes = try container.decode([String].self, forKey: .kubernetes)
        github = try container.decode([String].self, forKey: .github)
        gcpProjects = try container.decodeIfPresent([String].self, forKey: .gcpProjects) ?? []
        entraTenants = try container.decodeIfPresent([String].self, forKey: .entraTenants) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(production, forKey: .production)
        try container.encode(awsAccounts, forKey: .awsAccounts)
        try container.encode(kubernetes, forKey: .kubernetes)
        try container.encode(github, forKey: .github)
        if !gcpProjects.isEmpty { try container.encode(gcpProjects, forKey: .gcpProjects) }
        if !entraTenants.isEmpty { try container.encode(entraTenants, forKey: .entraTenants) }
    }
}

/// The audit scope: who, when, which environments. Without scope.yaml environments are "unknown".
public struct Scope: Hashable, Codable, Sendable {
    public static let unknownEnvironment = "unknown"

    public var organisation: String
    public var periodStart: Date?
    public var periodEnd: Date?
    public var environments: [EnvironmentScope]
    /// True when scope.yaml was present (environments are declared, not guessed).
    public var declared: Bool

    public init(
        organisation: String, periodStart: Date? = nil, periodEnd: Date? = nil, environments: [EnvironmentScope] = [],
        declared: Bool = false
    ) {
        self.organisation = organisation; self.periodStart = periodStart; self.periodEnd = periodEnd
        self.environments = environments; self.declared = declared
    }

    public var period: DateInterval? {
        guard let periodStart, let periodEnd, periodStart <= periodEnd else { return nil }
        return DateInterval(start: periodStart, end: periodEnd)
    }

    public func isProduction(_ environment: String) -> Bool {
        environments.first { $0.name == environment }?.production ?? false
    }
}

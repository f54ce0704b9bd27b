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

    public init(
        name: String, production: Bool, awsAccounts: [String] = [], kubernetes: [String] = [], github: [String] = []
    ) {
        self.name = name; self.production = production; self.awsAccounts = awsAccounts
        self.kubernetes = kubernetes; self.github = github
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

import Foundation

/// One account of a platform (AWS account id, Kubernetes cluster, GitHub organisation) and the
/// kinds of input whose records were about it. A rule judges a platform's identities only where
/// the inputs it needs cover that platform's account.
public struct AccountCoverage: Hashable, Codable, Sendable, Comparable {
    public var platform: Platform
    /// Empty when the records named no account.
    public var account: String
    /// Sorted.
    public var inputs: [InputKind]
    /// The files that contributed, sorted.
    public var files: [String]

    public init(platform: Platform, account: String, inputs: [InputKind] = [], files: [String] = []) {
        self.platform = platform; self.account = account; self.inputs = inputs; self.files = files
    }

    public static func < (lhs: AccountCoverage, rhs: AccountCoverage) -> Bool {
        (lhs.platform, lhs.account) < (rhs.platform, rhs.account)
    }
}

/// What one read file gave the audit: the kinds of input it provides, and whether it contributed
/// any record (a file whose every record was rejected, or a CSV with a header only, does not).
public struct FileContribution: Hashable, Codable, Sendable {
    public var file: String
    public var inputs: [InputKind]
    public var contributed: Bool
    /// Why a file contributed nothing.
    public var reason: String?

    public init(file: String, inputs: [InputKind], contributed: Bool, reason: String? = nil) {
        self.file = file; self.inputs = inputs; self.contributed = contributed; self.reason = reason
    }

    /// The ledger's words for a file that contributed nothing, from its record counts.
    public static func emptyReason(read: Int, rejected: Int) -> String {
        read == 0
            ? "contributed nothing: the file holds no records"
            : "contributed nothing: every record (\(rejected)) was rejected"
    }
}

/// Which evidence contributed, per file and per platform account.
public struct EvidenceCoverage: Hashable, Codable, Sendable {
    public var accounts: [AccountCoverage]
    public var files: [FileContribution]

    public init(accounts: [AccountCoverage] = [], files: [FileContribution] = []) {
        self.accounts = accounts; self.files = files
    }

    /// Input kinds whose records were about `account` of `platform`.
    public func inputs(platform: Platform, account: String) -> Set<InputKind> {
        Set(accounts.filter { $0.platform == platform && $0.account == account }.flatMap(\.inputs))
    }

    /// Files that contributed records of `kind`, sorted.
    public func contributingFiles(_ kind: InputKind) -> [String] {
        files.filter { $0.contributed && $0.inputs.contains(kind) }.map(\.file).sorted()
    }

    /// Why `kind` is absent: the files that would have provided it and why each gave nothing, or
    /// that no file provides it.
    public func absenceReason(_ kind: InputKind) -> String {
        let empty = files.filter { !$0.contributed && $0.inputs.contains(kind) }
        guard !empty.isEmpty else {
            return kind == .scope
                ? "scope: no scope.yaml declaring environments" : "\(kind.rawValue): no file provides it"
        }
        return "\(kind.rawValue): "
            + empty.map { "\($0.file) \($0.reason ?? "contributed nothing")" }.joined(separator: "; ")
    }

    /// Full coverage of every target `scope` declares by `inputs`: for in-memory inventories
    /// (rule examples, tests) that stand for complete evidence.
    public static func complete(_ scope: Scope, inputs: Set<InputKind>) -> EvidenceCoverage {
        let kinds = inputs.intersection(InputKind.platformBound).sorted()
        let accounts = Set(
            scope.declaredTargets.map { AccountCoverage(platform: $0.platform, account: $0.account, inputs: kinds) })
        return EvidenceCoverage(accounts: accounts.sorted())
    }
}

extension InputKind {
    /// Kinds whose records belong to one platform account; the others (owners, changes,
    /// incidents, scanner reports, scope) are organisation-wide.
    public static let platformBound: Set<InputKind> = [.inventory, .entitlements, .auditLog]
}

/// One account, cluster or repository that scope.yaml declares, keyed by the account its
/// evidence is filed under: a Kubernetes `cluster/namespace` by its cluster, a GitHub
/// `org/repo:environment` by its organisation (the organisation's audit log and inventory cover
/// its repositories).
public struct ScopeTarget: Hashable, Codable, Sendable {
    public var environment: String
    public var platform: Platform
    /// As written in scope.yaml.
    public var declared: String
    public var account: String

    public init(environment: String, platform: Platform, declared: String, account: String) {
        self.environment = environment; self.platform = platform; self.declared = declared; self.account = account
    }

    /// "AWS account 1234", "Kubernetes cluster prod", "GitHub organisation org": the account evidence is filed under.
    public static func accountLabel(_ platform: Platform, _ account: String) -> String {
        switch platform {
        case .aws: return "AWS account \(account)"
        case .kubernetes: return "Kubernetes cluster \(account)"
        case .github: return "GitHub organisation \(account)"
        case .gcp: return "GCP project \(account)"
        case .entra: return "Entra tenant \(account)"
        default: return "\(platform.rawValue) account \(account)"
        }
    }

    /// "AWS account 1234", "Kubernetes cluster prod", "GitHub repository org/repo".
    public var label: String {
        switch platform {
        case .aws: return "AWS account \(declared)"
        case .kubernetes:
            return declared.contains("/") ? "Kubernetes namespace \(declared)" : "Kubernetes cluster \(declared)"
        case .github:
            return declared.contains("/") ? "GitHub repository \(declared)" : "GitHub organisation \(declared)"
        case .gcp: return "GCP project \(declared)"
        case .entra: return "Entra tenant \(declared)"
        default: return "\(platform.rawValue) \(declared)"
        }
    }
}

/// A declared target and which kinds of evidence covered it: the report's cover and `findings`
/// show one line each.
public struct TargetCoverage: Hashable, Codable, Sendable {
    public var environment: String
    public var platform: Platform
    public var target: String
    /// Platform-bound kinds present for the target's account, sorted.
    public var inputs: [InputKind]
    /// Platform-bound kinds absent for it, sorted.
    public var missing: [InputKind]

    public init(environment: String, platform: Platform, target: String, inputs: [InputKind], missing: [InputKind]) {
        self.environment = environment; self.platform = platform; self.target = target; self.inputs = inputs;
        self.missing = missing
    }

    public static func of(_ scope: Scope, _ coverage: EvidenceCoverage) -> [TargetCoverage] {
        scope.declaredTargets.map { target in
            let present = coverage.inputs(platform: target.platform, account: target.account).intersection(
                InputKind.platformBound)
            return TargetCoverage(
                environment: target.environment, platform: target.platform, target: target.declared,
                inputs: present.sorted(), missing: InputKind.platformBound.subtracting(present).sorted())
        }
    }
}

extension Scope {
    /// Every account, cluster and repository the environments declare, in declaration order.
    public var declaredTargets: [ScopeTarget] {
        environments.flatMap { environment -> [ScopeTarget] in
            environment.awsAccounts.map {
                ScopeTarget(environment: environment.name, platform: .aws, declared: $0, account: $0)
            }
                + environment.kubernetes.map {
                    ScopeTarget(
                        environment: environment.name, platform: .kubernetes, declared: $0,
                        account: String($0.split(separator: "/", maxSplits: 1).first ?? Substring($0)))
                }
                + environment.github.map {
                    ScopeTarget(
                        environment: environment.name, platform: .github, declared: $0,
                        account: String(
                            $0.split(separator: ":", maxSplits: 1).first.flatMap {
                                $0.split(separator: "/", maxSplits: 1).first
                            } ?? Substring($0)))
                }
                + environment.gcpProjects.map {
                    ScopeTarget(environment: environment.name, platform: .gcp, declared: $0, account: $0)
                }
                + environment.entraTenants.map {
                    ScopeTarget(environment: environment.name, platform: .entra, declared: $0, account: $0)
                }
        }
    }
}

import Foundation
import NHIModel

/// Services (AWS) and resources (Kubernetes) an identity may act on but never did in the period.
public struct UnusedPermissionsRule: Rule {
    public let id = "unused-permissions"
    public let title = "Granted services never used in the period"
    public let severity = Severity.low
    public let rationale =
        "Permissions nobody uses only add blast radius; the audit period shows what the workload really needs."
    public let remediation =
        "Remove the unused services from the identity's policies or role bindings (keep a copy to restore if an unusual quarterly job needs them)."
    public let inputs: [InputKind] = [.entitlements, .auditLog]
    /// Granted services are told apart only for AWS actions and Kubernetes resources (`serviceKey`).
    public let platforms: [Platform]? = [.aws, .kubernetes]

    public init() {}

    /// The service (AWS prefix) or resource (Kubernetes) a granted action pattern is about; nil for cross-service wildcards.
    static func serviceKey(_ action: String, platform: Platform) -> String? {
        let key: Substring?
        switch platform {
        case .aws: key = action.split(separator: ":", maxSplits: 1).first.flatMap { action.contains(":") ? $0 : nil }
        case .kubernetes: key = action.split(separator: " ", maxSplits: 1).dropFirst().first
        default: return nil
        }
        guard let key, !key.contains("*") else { return nil }
        return key.lowercased()
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var usedByIdentity: [IdentityID: UsedActions] = [:]
        // Aggregates repeat the same few hundred actions: each AWS action is lower-cased and split once.
        var awsService = Memo(UsedActions.awsService)
        for group in context.usedByIdentity {
            var used = UsedActions()
            for item in group.used {
                if item.record.platform == .aws {
                    used.add(awsService: awsService(item.record.action))
                } else {
                    used.add(item.record.platform, item.record.action)
                }
            }
            usedByIdentity[group.identity] = used
        }
        let coveredEnvironments = Set(context.inventory.auditCoverage.filter { $0.events > 0 }.map(\.environment))
        // Grants by position in the inventory's list: a copy of a grant retains each of its fields.
        var granted: [IdentityID: [String: GrantedService]] = [:]
        // Large managed policies repeat the same patterns on thousands of identities: each is judged once.
        var judged = Memo { (pattern: PlatformPattern) -> String? in
            guard let key = Self.serviceKey(pattern.action, platform: pattern.platform) else { return nil }
            // Reads are often not logged (S3 data events, Kubernetes get/list under common audit
            // policies): their absence proves nothing, so only permissions that change things count.
            let classes = context.grantClasses(platform: pattern.platform, actions: [pattern.action])
            return !classes.isEmpty && classes.isSubset(of: [.read]) ? nil : key
        }
        // A policy statement's actions by service key, worked out once per distinct action list.
        var byKey = ActionListMemo<[(key: String, patterns: [String])]>()
        let grants = context.inventory.grants
        for position in grants.indices
        where grants[position].effect == .allow && !grants[position].actionsInverted
            && context.isNHI(grants[position].identity)
        {
            let platform = grants[position].platform
            let keyed = byKey.value(platform, grants[position].actions, inverted: grants[position].actionsInverted) {
                var keys: [String] = []
                var patterns: [String: [String]] = [:]
                for action in grants[position].actions {
                    guard let key = judged(PlatformPattern(platform: platform, action: action)) else { continue }
                    if patterns[key] == nil { keys.append(key) }
                    patterns[key, default: []].append(action)
                }
                return keys.map { ($0, patterns[$0]!) }
            }
            guard !keyed.isEmpty else { continue }
            // Changed in place, the identity looked up once per grant: copying its services out and
            // back per grant costs the square of an identity's grants.
            Self.add(keyed, of: position, platform: platform, to: &granted[grants[position].identity, default: [:]])
        }
        var findings: [Finding] = []
        for (identity, services) in granted {
            let used = usedByIdentity[identity] ?? UsedActions()
            let environments =
                context.position(of: identity).map { context.inventory.identities[$0].environments } ?? []
            // Without an audit source for the identity's environments, absence of use proves nothing.
            guard !used.isEmpty || environments.contains(where: coveredEnvironments.contains) else { continue }
            let unused = services.filter { key, entry in
                !used.uses(key, platform: entry.platform, patterns: entry.patterns)
            }
            guard !unused.isEmpty else { continue }
            findings.append(
                finding(
                    context, subject: identity.rawValue,
                    summary:
                        "\(context.displayName(identity)) never used \(unused.count) of \(services.count) granted service(s) in the period: \(Detail.list(unused.keys.sorted().prefix(8)))\(unused.count > 8 ? ", …" : "")",
                    details: [
                        "unused": Detail.list(unused.keys),
                        "used": Detail.list(services.keys.filter { unused[$0] == nil }),
                    ],
                    evidence: unused.values.flatMap(\.grants).flatMap { grants[$0].evidence }))
        }
        return findings
    }

    /// A granted service of one identity: its platform, the granted patterns about it and the
    /// grants (positions in the inventory's list) that hold them.
    struct GrantedService {
        var platform: Platform
        var patterns: [String] = []
        var grants: [Int] = []

        mutating func add(_ patterns: [String], of grant: Int) {
            self.patterns += patterns
            grants.append(grant)
        }
    }

    private static func add(
        _ keyed: [(key: String, patterns: [String])], of grant: Int, platform: Platform,
        to services: inout [String: GrantedService]
    ) {
        for (key, patterns) in keyed {
            services[key, default: GrantedService(platform: platform)].add(patterns, of: grant)
        }
    }

    public var triggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "granted s3 and ecs, used only ecs",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    grants: [ExampleKit.grant(deploy, ["ecs:UpdateService", "s3:PutObject"])],
                    activity: [ExampleKit.activity(deploy, "ecs:UpdateService", fields: ["taskDefinition"])]))
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "every granted service used",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    grants: [ExampleKit.grant(deploy, ["ecs:*"])],
                    activity: [ExampleKit.activity(deploy, "ecs:UpdateService", fields: ["taskDefinition"])])),
            RuleExample(
                "unused read permissions (reads are often not logged)",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    grants: [
                        ExampleKit.grant(
                            deploy, ["ecs:UpdateService", "ec2:DescribeInstances", "rds:DescribeDBClusters"])
                    ],
                    activity: [ExampleKit.activity(deploy, "ecs:UpdateService", fields: ["taskDefinition"])])),
            RuleExample(
                "no audit source for the identity's environment",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")], grants: [ExampleKit.grant(deploy, ["s3:PutObject"])])),
        ]
    }
}

/// A granted action pattern of one platform.
struct PlatformPattern: Hashable {
    var platform: Platform
    var action: String
}

/// The actions one identity used in the period, arranged to answer "did it use this service?" per
/// granted service without a scan of all its activity.
struct UsedActions {
    /// AWS: the lower-cased service of each action (the part before its first colon).
    private var awsServices: Set<String> = []
    /// Other platforms' actions, each once.
    private var actions: [Platform: Set<String>] = [:]
    private(set) var isEmpty = true

    /// An action of a record: its platform and action only, not the record (a copy of a record
    /// retains each of its fields).
    mutating func add(_ platform: Platform, _ action: String) {
        guard platform == .aws else {
            isEmpty = false
            actions[platform, default: []].insert(action)
            return
        }
        add(awsService: Self.awsService(action))
    }

    /// An AWS action's service, as `awsService(_:)` gives it.
    mutating func add(awsService service: String?) {
        isEmpty = false
        if let service { awsServices.insert(service) }
    }

    /// What `UsedActions` keeps of an AWS action: the part before its first colon, lower-cased
    /// (nil without a colon).
    static func awsService(_ action: String) -> String? {
        let lowered = action.lowercased()
        return lowered.firstIndex(of: ":").map { String(lowered[..<$0]) }
    }

    /// AWS by service prefix; Kubernetes by the granted patterns themselves.
    func uses(_ key: String, platform: Platform, patterns: [String]) -> Bool {
        if platform == .aws {
            // `serviceKey` keeps the text of an AWS pattern before its first colon (leading colons
            // dropped), so a key holds no colon: "an action starts with key:" is "its service is key".
            assert(!key.contains(":"), "AWS service key with a colon: \(key)")
            return awsServices.contains(key)
        }
        let compiled = patterns.map(WildcardPattern.action)
        return actions[platform]?.contains { action in compiled.contains { $0.matches(action) } } ?? false
    }
}

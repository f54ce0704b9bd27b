import Foundation
import NHIModel

/// One identity or long-term credential serving several consumers: a ServiceAccount mounted by the
/// pods of several workloads, a GitHub token used in several repositories, or a static key or token
/// called from several CI systems.
public struct NHIReuseRule: Rule {
    public let id = "nhi-reuse"
    public let title = "One identity or credential used by several workloads"
    public let severity = Severity.medium
    public let rationale =
        "An identity or key shared by several workloads ties them together: compromise of any one exposes all, its permissions are the union of their needs, and its activity cannot be attributed to one of them."
    public let remediation =
        "Give each workload its own ServiceAccount, role or token, scoped to what that workload needs; retire the shared credential."
    public let inputs: [InputKind] = [.inventory, .auditLog]
    public let thresholds: [PolicyField] = [\.ciUserAgents, \.staticCredentialPrefixes]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        sharedServiceAccounts(context) + sharedTokens(context) + sharedCredentials(context)
    }

    /// GitHub personal access tokens (classic or fine-grained) acting in more than one repository.
    private func sharedTokens(_ context: RuleContext) -> [Finding] {
        var repositories: [IdentityID: (names: Set<String>, evidence: [EvidenceRef])] = [:]
        for group in context.usedByIdentity
        where group.isNHI
            && context.position(of: group.identity).map({ context.inventory.identities[$0].kind }) == .token
        {
            for item in group.used where item.record.platform == .github && !item.record.repositories.isEmpty {
                repositories[group.identity, default: ([], [])].names.formUnion(item.record.repositories.values)
                repositories[group.identity]?.evidence += item.record.examples
            }
        }
        return repositories.compactMap { identity, entry -> Finding? in
            guard entry.names.count > 1 else { return nil }
            return finding(
                context, subject: identity.rawValue, scope: "repositories",
                summary: "GitHub token \(context.displayName(identity)) is used in \(entry.names.count) repositories",
                details: ["repositories": Detail.list(entry.names)], evidence: entry.evidence)
        }
    }

    /// ServiceAccounts whose token the pods of more than one workload (Deployment, CronJob, …) mount.
    private func sharedServiceAccounts(_ context: RuleContext) -> [Finding] {
        // Identities read in place, by position, until one is a ServiceAccount the rule judges: a copy
        // of an identity retains each of its fields.
        let identities = context.inventory.identities
        return identities.indices.compactMap { position -> Finding? in
            guard identities[position].platform == .kubernetes, identities[position].kind == .serviceAccount,
                context.judges(at: position), identities[position].attributes["automountServiceAccountToken"] != "false"
            else { return nil }
            let identity = identities[position]
            let workloads = Set((identity.attributes["workloads"] ?? "").split(separator: ",").map(String.init))
            guard workloads.count > 1 else { return nil }
            return finding(
                context, subject: identity.id.rawValue, scope: "workloads",
                summary: "ServiceAccount \(identity.name) is mounted by the pods of \(workloads.count) workloads",
                details: ["workloads": Detail.list(workloads), "pods": identity.attributes["pods"] ?? "unknown"],
                evidence: identity.evidence)
        }
    }

    /// Long-term credentials called from more than one CI system: one key serving several
    /// pipelines. Other user agents are left out: a pipeline's own tools (aws-cli, docker,
    /// terraform) rarely name the CI system they run in, so they cannot tell a second consumer from
    /// the first. Temporary credentials (role sessions) are issued per session and are left out. An
    /// aggregate naming several credentials cannot say which one each user agent used, so it is not
    /// counted.
    private func sharedCredentials(_ context: RuleContext) -> [Finding] {
        var uses: [String: (identity: IdentityID, systems: Set<String>, evidence: [EvidenceRef])] = [:]
        let agents = context.userAgents
        var system = AgentVerdicts(agents) { Self.ciSystem(of: $0, patterns: context.policy.ciUserAgents) }
        for item in context.activity where item.effectiveCount > 0 && context.isNHI(item.record.identity) {
            // The CI systems first: looked up by agent number, they rule out most aggregates without
            // reading their credentials (reading the counter's values retains them).
            let systems = agents.numbers(of: item).compactMap { system($0) }
            guard !systems.isEmpty else { continue }
            // The counters' values read in place (each value is kept once): no dictionary per aggregate.
            let credentials = item.record.credentialIds.values
            guard credentials.count == 1, let credential = credentials.first,
                isLongTerm(credential, of: item.record.identity, context)
            else { continue }
            // Updated in place: an entry copied out and back copies its set and evidence.
            uses[credential, default: (item.record.identity, [], [])].systems.formUnion(systems)
            uses[credential]!.evidence += item.record.examples
        }
        return uses.compactMap { credential, entry -> Finding? in
            guard entry.systems.count > 1 else { return nil }
            return finding(
                context, subject: entry.identity.rawValue, scope: credential,
                summary:
                    "Credential \(credential) of \(context.displayName(entry.identity)) is used from \(entry.systems.count) CI systems (\(Detail.list(entry.systems)))",
                details: ["credential": credential, "ci_systems": Detail.list(entry.systems)], evidence: entry.evidence)
        }
    }

    private func isLongTerm(_ credential: String, of identity: IdentityID, _ context: RuleContext) -> Bool {
        if context.policy.staticCredentialPrefixes.contains(where: { credential.hasPrefix($0) }) { return true }
        let kind = context.identity(identity)?.credentials.first { $0.id == credential }?.kind
        return kind.map(StaticCICredentialsRule.staticKinds.contains) ?? false
    }

    /// The CI system a user agent names: the first `ci_user_agents` pattern it matches, without
    /// wildcards and case folded (`*GitHub-Actions*` and `*github-actions*` are one system).
    static func ciSystem(of agent: String, patterns: [String]) -> String? {
        patterns.first { WildcardPattern($0).matches(agent) }
            .map { $0.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "?", with: "").lowercased() }
    }

    private static func serviceAccount(_ name: String, workloads: String, automount: String = "true") -> Identity {
        ExampleKit.identity(
            IdentityID("k8s:prod-eu-1:serviceaccount:apps:\(name)"), platform: .kubernetes, kind: .serviceAccount,
            name: "apps/\(name)", account: "prod-eu-1",
            attributes: ["workloads": workloads, "pods": "4", "automountServiceAccountToken": automount])
    }

    private static let token = IdentityID("github:example:token:4711")

    private static func tokenUse(_ action: String, repository: String) -> ActivityRecord {
        var record = ExampleKit.activity(token, action, platform: .github, readOnly: true, credentialId: "4711")
        record.repositories.add(repository)
        return record
    }

    private static var tokenIdentity: Identity {
        ExampleKit.identity(
            token, platform: .github, kind: .token, name: "4711", account: "example",
            credentials: [Credential(id: "4711", kind: .personalAccessToken)])
    }

    public var triggeringExamples: [RuleExample] {
        let ci = ExampleKit.userID("ci-deployer")
        return [
            RuleExample(
                "one GitHub token cloning two repositories",
                ExampleKit.inventory(
                    identities: [Self.tokenIdentity],
                    activity: [
                        Self.tokenUse("git.clone", repository: "example/payments"),
                        Self.tokenUse("git.clone", repository: "example/tracking"),
                    ])),
            RuleExample(
                "one ServiceAccount mounted by two deployments' pods",
                ExampleKit.inventory(
                    identities: [Self.serviceAccount("default", workloads: "Deployment/api,Deployment/worker")])),
            RuleExample(
                "one access key called from GitHub Actions and from Jenkins",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci-deployer",
                            credentials: [ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01")])
                    ],
                    activity: [
                        ExampleKit.activity(
                            ci, "s3:PutObject", userAgent: "aws-cli/2.15 exec-env/GitHub-Actions",
                            credentialId: "AKIAIOSFODNN7EXAMPLE"),
                        ExampleKit.activity(
                            ci, "cloudformation:UpdateStack", userAgent: "aws-sdk-java/1.12 Jenkins/2.440",
                            credentialId: "AKIAIOSFODNN7EXAMPLE"),
                    ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let ci = ExampleKit.userID("ci-deployer")
        let role = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "one GitHub token in one repository",
                ExampleKit.inventory(
                    identities: [Self.tokenIdentity],
                    activity: [
                        Self.tokenUse("git.clone", repository: "example/payments"),
                        Self.tokenUse("git.fetch", repository: "example/payments"),
                    ])),
            RuleExample(
                "a ServiceAccount per workload",
                ExampleKit.inventory(
                    identities: [
                        Self.serviceAccount("api", workloads: "Deployment/api"),
                        Self.serviceAccount("worker", workloads: "Deployment/worker"),
                    ])),
            RuleExample(
                "shared ServiceAccount whose token no pod mounts",
                ExampleKit.inventory(
                    identities: [
                        Self.serviceAccount(
                            "default", workloads: "Deployment/api,Deployment/worker", automount: "false")
                    ])),
            RuleExample(
                "one key from one pipeline, through tools that do not name it",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci-deployer",
                            credentials: [ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01")])
                    ],
                    activity: [
                        ExampleKit.activity(
                            ci, "s3:PutObject", userAgent: "aws-cli/2.15 exec-env/GitHub-Actions",
                            credentialId: "AKIAIOSFODNN7EXAMPLE"),
                        ExampleKit.activity(
                            ci, "ecr:PutImage", userAgent: "docker/27.1 go/go1.22 os/linux",
                            credentialId: "AKIAIOSFODNN7EXAMPLE"),
                        ExampleKit.activity(
                            ci, "cloudformation:UpdateStack", userAgent: "Boto3/1.34 Python/3.12",
                            credentialId: "AKIAIOSFODNN7EXAMPLE"),
                    ])),
            RuleExample(
                "one key from one pipeline, through two tools",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci-deployer",
                            credentials: [ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01")])
                    ],
                    activity: [
                        ExampleKit.activity(
                            ci, "s3:PutObject", userAgent: "aws-cli/2.15 exec-env/GitHub-Actions",
                            credentialId: "AKIAIOSFODNN7EXAMPLE"),
                        ExampleKit.activity(
                            ci, "cloudformation:UpdateStack", userAgent: "Terraform/1.9 GitHub-Actions",
                            credentialId: "AKIAIOSFODNN7EXAMPLE"),
                    ])),
            RuleExample(
                "role sessions (temporary keys) from several systems",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(
                            role, "s3:PutObject", userAgent: "aws-cli/2.15 exec-env/GitHub-Actions",
                            credentialId: "ASIAEXAMPLE0000001"),
                        ExampleKit.activity(
                            role, "cloudformation:UpdateStack", userAgent: "aws-sdk-java/1.12 Jenkins/2.440",
                            credentialId: "ASIAEXAMPLE0000001"),
                    ])),
        ]
    }
}

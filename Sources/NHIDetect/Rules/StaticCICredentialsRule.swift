import Foundation
import NHIModel

/// CI/CD jobs authenticating with long-term static keys instead of federation.
public struct StaticCICredentialsRule: Rule {
    public let id = "static-ci-credentials"
    public let title = "CI/CD identity using static keys where federation is possible"
    public let severity = Severity.medium
    public let rationale =
        "CI systems can federate (OIDC) into AWS and GitHub; a static key stored as a CI secret is long-lived, copyable and leaks with the CI system."
    public let remediation =
        "Replace the access key or PAT with OIDC federation (GitHub Actions → AWS IAM role, GitHub App installation tokens), then deactivate the key."
    public let inputs: [InputKind] = [.inventory, .auditLog]
    public let thresholds: [PolicyField] = [\.ciUserAgents, \.staticCredentialPrefixes]

    static let staticKinds: Set<CredentialKind> = [.accessKey, .personalAccessToken, .fineGrainedToken, .deployKey]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var hits: [IdentityID: (agents: Set<String>, keys: Set<String>, evidence: [EvidenceRef])] = [:]
        let policy = context.policy
        let agentNames = context.userAgents
        var ci = AgentVerdicts(agentNames) { context.matchesAny(policy.ciUserAgents, $0) }
        for group in context.usedByIdentity where group.isNHI {
            for item in group.used {
                let agents = agentNames.numbers(of: item).filter { ci($0) }.map { agentNames.agents[Int($0)] }
                guard !agents.isEmpty else { continue }
                var keys = Set(
                    item.record.credentialIds.values.filter { key in
                        policy.staticCredentialPrefixes.contains { key.hasPrefix($0) }
                    })
                if keys.isEmpty && item.record.credentialIds.isEmpty,
                    let identity = context.identity(item.record.identity)
                {
                    // No key id in the log: fall back to the inventory's active static credentials.
                    keys = Set(
                        identity.credentials.filter { $0.active && Self.staticKinds.contains($0.kind) }.map(\.id))
                }
                guard !keys.isEmpty else { continue }
                // Updated in place: copying the entry out and back per record costs the square of an identity's records.
                hits[item.record.identity, default: ([], [], [])].agents.formUnion(agents)
                hits[item.record.identity]?.keys.formUnion(keys)
                hits[item.record.identity]?.evidence += item.record.examples
            }
        }
        return hits.map { identity, entry in
            finding(
                context, subject: identity.rawValue,
                summary:
                    "\(context.displayName(identity)) is used from CI with static credential(s) \(Detail.list(entry.keys))",
                details: ["ci_user_agents": Detail.list(entry.agents), "static_credentials": Detail.list(entry.keys)],
                evidence: entry.evidence)
        }
    }

    public var triggeringExamples: [RuleExample] {
        let ci = ExampleKit.userID("ci-deployer")
        return [
            RuleExample(
                "GitHub Actions calling with an AKIA key",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci-deployer",
                            credentials: [ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01")])
                    ],
                    activity: [
                        ExampleKit.activity(
                            ci, "cloudformation:UpdateStack", userAgent: "aws-cli/2.15 GitHub-Actions/run-42",
                            credentialId: "AKIAIOSFODNN7EXAMPLE")
                    ]))
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let role = ExampleKit.roleID("gha-deploy")
        let ci = ExampleKit.userID("ci-deployer")
        return [
            RuleExample(
                "GitHub Actions with OIDC session credentials (ASIA)",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("gha-deploy")],
                    activity: [
                        ExampleKit.activity(
                            role, "cloudformation:UpdateStack", userAgent: "aws-cli/2.15 GitHub-Actions/run-42",
                            credentialId: "ASIAEXAMPLETEMPORARY")
                    ])),
            RuleExample(
                "static key used from a laptop SDK, not CI",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci-deployer",
                            credentials: [ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01")])
                    ],
                    activity: [
                        ExampleKit.activity(
                            ci, "cloudformation:UpdateStack", userAgent: "aws-sdk-go-v2/1.30",
                            credentialId: "AKIAIOSFODNN7EXAMPLE")
                    ])),
        ]
    }
}

import Foundation
import NHIModel

/// People signing in as, or driving tools with, a non-human identity.
public struct HumanUseOfNHIRule: Rule {
    public let id = "human-use-of-nhi"
    public let title = "Interactive human use of a non-human identity"
    public let severity = Severity.high
    public let rationale =
        "When people use a workload's identity, actions lose attribution and the NHI's credentials end up on laptops and in browsers."
    public let remediation =
        "Give people their own (federated, MFA) identities; block console access and interactive sessions for NHIs (no password, session policies, bound tokens)."
    public let inputs: [InputKind] = [.auditLog]
    public let thresholds: [PolicyField] = [\.consoleLoginActions, \.interactiveUserAgents, \.kubectlUserAgents]

    public init() {}

    static func isEmail(_ text: String) -> Bool {
        text.range(of: #"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"#, options: .regularExpression) != nil
    }

    static func isServiceAccount(_ id: IdentityID, _ context: RuleContext) -> Bool {
        context.position(of: id).map { context.inventory.identities[$0].kind } == .serviceAccount
            || id.rawValue.contains(":serviceaccount:")
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var signals: [IdentityID: Set<String>] = [:]
        var evidence: [IdentityID: [EvidenceRef]] = [:]
        let policy = context.policy
        var signIn = Memo { context.matchesAny(policy.consoleLoginActions, $0) }
        let agents = context.userAgents
        // Both questions about a user agent answered at once, per agent.
        var agentKind = AgentVerdicts(agents) { agent in
            (
                interactive: context.matchesAny(policy.interactiveUserAgents, agent),
                kubectl: context.matchesAny(policy.kubectlUserAgents, agent)
            )
        }
        var email = Memo(Self.isEmail)
        for group in context.usedByIdentity where group.isNHI {
            let serviceAccount = Self.isServiceAccount(group.identity, context)
            var identitySignals: Set<String> = []
            var identityEvidence: [EvidenceRef] = []
            for item in group.used {
                var found: [String] = []
                if signIn(item.record.action) { found.append("sign-in \(item.record.action)") }
                for number in agents.numbers(of: item) {
                    let kind = agentKind(number)
                    if kind.interactive { found.append("interactive user agent \(agents.agents[Int(number)])") }
                    if serviceAccount && kind.kubectl {
                        found.append("kubectl from the service-account token (\(agents.agents[Int(number)]))")
                    }
                }
                // An address has an "@": most session names (one per CI job) are let go on that
                // byte, without hashing them to look up the memo.
                for session in item.record.sessionNames.values
                where session.utf8.contains(UInt8(ascii: "@")) && email(session) {
                    found.append("session named \(session)")
                }
                guard !found.isEmpty else { continue }
                identitySignals.formUnion(found)
                identityEvidence += item.record.examples
            }
            guard !identitySignals.isEmpty else { continue }
            signals[group.identity] = identitySignals
            evidence[group.identity] = identityEvidence
        }
        return signals.map { identity, found in
            finding(
                context, subject: identity.rawValue,
                summary: "\(context.displayName(identity)) was used interactively by a person",
                details: ["signals": Detail.list(found)], evidence: evidence[identity] ?? [])
        }
    }

    public var triggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        let sa = IdentityID("k8s:prod-eu-1:serviceaccount:ci:deployer")
        return [
            RuleExample(
                "console sign-in",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "signin:ConsoleLogin")])),
            RuleExample(
                "browser user agent",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(
                            deploy, "ec2:DescribeInstances", readOnly: true,
                            userAgent: "Mozilla/5.0 (Macintosh) AppleWebKit/537.36 Chrome/120.0")
                    ])),
            RuleExample(
                "kubectl with a service-account token",
                ExampleKit.inventory(
                    activity: [
                        ExampleKit.activity(
                            sa, "get pods", platform: .kubernetes, readOnly: true,
                            userAgent: "kubectl/v1.30.2 (darwin/arm64) kubernetes/3c9f1d4")
                    ])),
            RuleExample(
                "role session named after a person",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack", sessionName: "dana@example.com")
                    ])),
            RuleExample(
                "GCP service account impersonated by a person",
                ExampleKit.inventory(
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.gcpServiceAccountID("deployer"),
                            "run:google.cloud.run.v1.Services.ReplaceService",
                            platform: .gcp, sessionName: "dana@example.com")
                    ])),
            RuleExample(
                "Entra service principal signing in from a browser",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.servicePrincipal("33333333-cccc-4ddd-8eee-000000000003", name: "automation")
                    ],
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.servicePrincipalID("33333333-cccc-4ddd-8eee-000000000003"),
                            "sign-in:Microsoft-Graph", platform: .entra,
                            readOnly: true, userAgent: "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0")
                    ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "SDK user agent and pipeline session name",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(
                            deploy, "cloudformation:UpdateStack", userAgent: "aws-sdk-go-v2/1.30.0",
                            sessionName: "GitHubActions-1234")
                    ])),
            RuleExample(
                "a person's own user signs in",
                ExampleKit.inventory(
                    identities: [ExampleKit.user("alice", isHuman: true)],
                    activity: [ExampleKit.activity(ExampleKit.userID("alice"), "signin:ConsoleLogin")])),
            RuleExample(
                "kubectl as a Kubernetes user (not a service account)",
                ExampleKit.inventory(
                    activity: [
                        ExampleKit.activity(
                            IdentityID("k8s:prod-eu-1:user:ops-bot"), "get pods", platform: .kubernetes,
                            readOnly: true, userAgent: "kubectl/v1.30.2")
                    ])),
            RuleExample(
                "GCP service account called from a pipeline's SDK",
                ExampleKit.inventory(
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.gcpServiceAccountID("deployer"),
                            "run:google.cloud.run.v1.Services.ReplaceService",
                            platform: .gcp, userAgent: "google-api-go-client/0.5 GitHub-Actions")
                    ])),
            RuleExample(
                "Entra service principal signing in with its client credentials, no user agent",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.servicePrincipal("33333333-cccc-4ddd-8eee-000000000003", name: "automation")
                    ],
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.servicePrincipalID("33333333-cccc-4ddd-8eee-000000000003"),
                            "sign-in:Microsoft-Graph", platform: .entra,
                            readOnly: true)
                    ])),
        ]
    }
}

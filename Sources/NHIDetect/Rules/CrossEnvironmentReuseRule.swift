import Foundation
import NHIModel

/// One identity acting in several environments, above all in production and non-production.
public struct CrossEnvironmentReuseRule: Rule {
    public let id = "cross-environment-reuse"
    public let title = "One identity acting in several environments"
    public let severity = Severity.medium
    public let rationale =
        "An identity shared between environments lets a weaker environment (staging, CI) reach a stronger one (production)."
    public let remediation =
        "Give each environment its own identity and credential; scope trust policies and bindings to one environment."
    public let inputs: [InputKind] = [.auditLog, .scope]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        var environments: [IdentityID: [String: Int]] = [:]
        var evidence: [IdentityID: [EvidenceRef]] = [:]
        for group in context.usedByIdentity where group.isNHI {
            var counts: [String: Int] = [:]
            for item in group.used where item.record.environment != Scope.unknownEnvironment {
                counts[item.record.environment, default: 0].addSaturated(item.effectiveCount)
            }
            // Evidence only for the identities found: most act in one environment.
            guard counts.count > 1 else { continue }
            environments[group.identity] = counts
            evidence[group.identity] = group.used.filter { $0.record.environment != Scope.unknownEnvironment }
                .flatMap(\.record.examples)
        }
        return environments.map { identity, counts -> Finding in
            let production = counts.keys.filter(context.isProduction)
            let mixed = !production.isEmpty && production.count < counts.count
            return finding(
                context, subject: identity.rawValue, severity: mixed ? .high : severity,
                summary:
                    "\(context.displayName(identity)) acted in \(counts.count) environments\(mixed ? ", production and non-production" : "")",
                details: ["environments": Detail.counts(counts)], evidence: evidence[identity] ?? [])
        }
    }

    public var triggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "same role deploys to staging and production",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy", environments: ["production", "staging"])],
                    activity: [
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack", environment: "staging"),
                    ])),
            RuleExample(
                "one Entra application signing in to the production and the staging tenant",
                ExampleKit.inventory(
                    identities: [ExampleKit.servicePrincipal("11111111-aaaa-4bbb-8ccc-000000000001", name: "deployer")],
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.servicePrincipalID("11111111-aaaa-4bbb-8ccc-000000000001"),
                            "sign-in:Microsoft-Graph", platform: .entra, readOnly: true),
                        ExampleKit.activity(
                            ExampleKit.servicePrincipalID("11111111-aaaa-4bbb-8ccc-000000000001"),
                            "sign-in:Microsoft-Graph", platform: .entra, environment: "staging",
                            readOnly: true),
                    ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "production only",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(deploy, "cloudformation:UpdateStack")])),
            RuleExample(
                "second environment unknown (unmapped account)",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                        ExampleKit.activity(
                            deploy, "cloudformation:UpdateStack", environment: Scope.unknownEnvironment),
                    ])),
            RuleExample(
                "an Entra application signing in to its own tenant only",
                ExampleKit.entraSignInsOnly()),
        ]
    }
}

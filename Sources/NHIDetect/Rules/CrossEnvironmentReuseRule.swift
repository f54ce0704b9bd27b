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
        for item in context.activity
        where item.effectiveCount > 0 && context.isNHI(item.record.identity)
            && item.record.environment != Scope.unknownEnvironment
        {
            environments[item.record.identity, default: [:]][item.record.environment, default: 0].addSaturated(
                item.effectiveCount)
            evidence[item.record.identity, default: []] += item.record.examples
        }
        return environments.compactMap { identity, counts -> Finding? in
            guard counts.count > 1 else { return nil }
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
                    ]))
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
        ]
    }
}

import Foundation
import NHIModel

/// Dual use waiting to happen: the grants allow both delivery and operations, even if unused so far.
public struct LatentDualUseRule: Rule {
    public let id = "latent-dual-use"
    public let title = "Identity is granted both delivery and operations authority"
    public let severity = Severity.medium
    public let rationale =
        "Unused authority is still authority: whoever obtains the credential can both change and repair production. Wildcards such as ecs:* or * grant both."
    public let remediation =
        "Remove the side the identity does not need (delivery or operations); replace wildcards with the specific actions used."
    public let inputs: [InputKind] = [.entitlements]

    public init() {}

    /// Per identity, the classes its allow grants cover and the grants behind each class (their
    /// positions in the inventory).
    /// Derived once per context: the rule and the authority view read it.
    static func grantedClasses(_ context: RuleContext) -> [IdentityID: [AuthorityClass: [Int]]] {
        context.derived("granted classes") {
            // Grants by position in the inventory's list: a copy of a grant retains each of its fields.
            var result: [IdentityID: [AuthorityClass: [Int]]] = [:]
            let grants = context.inventory.grants
            for position in grants.indices where grants[position].effect == .allow {
                let classes = context.grantClasses(
                    platform: grants[position].platform, actions: grants[position].actions,
                    inverted: grants[position].actionsInverted)
                for authorityClass in classes {
                    result[grants[position].identity, default: [:]][authorityClass, default: []].append(position)
                }
            }
            return result
        }
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let used = DualUseAuthorityRule.dualUseIdentities(context)
        let grants = context.inventory.grants
        var findings: [Finding] = []
        for (identity, classes) in Self.grantedClasses(context)
        where context.isNHI(identity) && !used.contains(identity) {
            guard let delivery = classes[.delivery], let operations = classes[.operations] else { continue }
            let details = [
                "delivery_via": Detail.list(delivery.map { "\(grants[$0].via) (\(grants[$0].actionSummary))" }),
                "operations_via": Detail.list(operations.map { "\(grants[$0].via) (\(grants[$0].actionSummary))" }),
            ]
            findings.append(
                finding(
                    context, subject: identity.rawValue, scope: "grants",
                    summary: "\(context.displayName(identity)) is granted both delivery and operations actions",
                    details: details, evidence: (delivery + operations).flatMap { grants[$0].evidence }))
        }
        return findings
    }

    public var triggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "explicit delivery and operations actions",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    grants: [
                        ExampleKit.grant(deploy, ["cloudformation:UpdateStack", "autoscaling:SetDesiredCapacity"])
                    ])),
            RuleExample(
                "service wildcard ecs:* covers both",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")], grants: [ExampleKit.grant(deploy, ["ecs:*"])])),
            RuleExample(
                "star on star",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")], grants: [ExampleKit.grant(deploy, ["*"])])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "delivery only",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    grants: [ExampleKit.grant(deploy, ["cloudformation:UpdateStack", "lambda:UpdateFunctionCode"])])),
            RuleExample(
                "operations only, and read",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    grants: [ExampleKit.grant(deploy, ["autoscaling:SetDesiredCapacity", "ec2:DescribeInstances"])])),
            RuleExample(
                "both granted and both used: dual-use-authority reports it instead",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")], grants: [ExampleKit.grant(deploy, ["*"])],
                    activity: [
                        ExampleKit.activity(deploy, "cloudformation:UpdateStack"),
                        ExampleKit.activity(deploy, "autoscaling:SetDesiredCapacity"),
                    ])),
        ]
    }
}

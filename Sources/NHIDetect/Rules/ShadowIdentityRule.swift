import Foundation
import NHIModel

/// Identities that act in audit logs but that no inventory lists.
public struct ShadowIdentityRule: Rule {
    public let id = "shadow-identity"
    public let title = "Identity acting that no inventory knows"
    public let severity = Severity.high
    public let rationale =
        "An identity outside the inventory escapes ownership, rotation and review; it may belong to a forgotten account or an attacker."
    public let remediation =
        "Find where the identity is defined (another account, cluster or organisation), bring that source into the inventory, assign an owner or remove it."
    public let inputs: [InputKind] = [.auditLog, .inventory]

    public init() {}

    /// Identities seen acting that are organisation NHIs outside the inventory. Only platforms with an
    /// inventory are judged (without one, every identity would look unknown), and an identity listed
    /// in owners.csv is known to the organisation.
    /// Derived once per context: the rule and the metrics read it.
    static func shadowIdentities(_ context: RuleContext) -> [IdentityID: [ActivityRecord]] {
        context.derived("shadow identities") {
            let identities = context.inventory.identities
            let inventoried = Set(
                identities.indices.filter { identities[$0].inInventory }.map { identities[$0].platform })
            var result: [IdentityID: [ActivityRecord]] = [:]
            for group in context.usedByIdentity where group.isNHI {
                let id = group.identity
                guard context.position(of: id).map({ identities[$0].inInventory }) != true,
                    !context.isListedInOwners(id)
                else { continue }
                let records = group.used.filter { inventoried.contains($0.record.platform) }.map(\.record)
                if !records.isEmpty { result[id] = records }
            }
            return result
        }
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        Self.shadowIdentities(context).map { identity, records in
            var counts: [String: Int] = [:]
            for record in records { counts[record.action, default: 0].addSaturated(record.count - record.deniedCount) }
            return finding(
                context, subject: identity.rawValue,
                summary:
                    "\(context.displayName(identity)) acted \(counts.values.saturatedSum()) time(s) but is in no inventory",
                details: [
                    "actions": Detail.counts(counts), "environments": Detail.list(records.map(\.environment)),
                    "first": Detail.time(records.map(\.firstSeen).min()),
                    "last": Detail.time(records.map(\.lastSeen).max()),
                ],
                evidence: records.flatMap(\.examples))
        }
    }

    public var triggeringExamples: [RuleExample] {
        let ghost = ExampleKit.roleID("old-migration")
        var seen = ExampleKit.role("old-migration", inInventory: false)
        seen.evidence = []
        return [
            RuleExample(
                "role seen only in CloudTrail",
                ExampleKit.inventory(
                    identities: [seen, ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(ghost, "cloudformation:UpdateStack")])),
            RuleExample(
                "activity of an identity with no record at all",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(ghost, "ec2:DescribeInstances", readOnly: true)])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let ghost = ExampleKit.roleID("old-migration")
        return [
            RuleExample(
                "inventoried role",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(ExampleKit.roleID("deploy"), "cloudformation:UpdateStack")])),
            RuleExample(
                "AWS service acting",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.role("deploy"),
                        Identity(
                            id: IdentityID("aws-service:autoscaling.amazonaws.com"), platform: .aws, kind: .awsService,
                            name: "autoscaling.amazonaws.com", inInventory: false, isPlatformService: true),
                    ],
                    activity: [
                        ExampleKit.activity(
                            IdentityID("aws-service:autoscaling.amazonaws.com"), "autoscaling:SetDesiredCapacity")
                    ])),
            RuleExample(
                "no inventory of the platform at all (GitHub audit log only)",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [
                        ExampleKit.activity(
                            IdentityID("github:example:bot:release-bot"), "git.push", platform: .github,
                            environment: "production")
                    ])),
            RuleExample(
                "not inventoried, but listed in owners.csv",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    activity: [ExampleKit.activity(ghost, "cloudformation:UpdateStack")],
                    owners: [OwnerRecord(identityRef: ghost.rawValue, owner: "dana@example.com")])),
            RuleExample(
                "unknown human",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")]
                        + [ExampleKit.user("alice", isHuman: true)].map {
                            var user = $0; user.inInventory = false; return user
                        },
                    activity: [ExampleKit.activity(ExampleKit.userID("alice"), "ec2:DescribeInstances", readOnly: true)]
                )),
        ]
    }
}

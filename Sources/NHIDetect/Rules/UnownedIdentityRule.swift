import Foundation
import NHIModel

/// Every NHI needs an accountable person.
public struct UnownedIdentityRule: Rule {
    public let id = "unowned-identity"
    public let title = "NHI without an owner"
    public let severity = Severity.medium
    public let rationale =
        "Without an owner nobody reviews, rotates or retires the identity, and nobody answers for its use."
    public let remediation =
        "Record an accountable owner, team and purpose for the identity in owners.csv, or retire it."
    public let inputs: [InputKind] = [.inventory, .owners]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        // Identities read in place, by position, until one has no owner: a copy of an identity
        // retains each of its fields.
        let identities = context.inventory.identities
        return identities.indices.compactMap { position -> Finding? in
            guard identities[position].inInventory, context.judges(at: position),
                context.owner(of: identities[position].id)?.namedOwner == nil
            else { return nil }
            let identity = identities[position]
            return finding(
                context, subject: identity.id.rawValue, summary: "\(identity.name) has no owner in owners.csv",
                details: ["kind": identity.kind.rawValue, "account": identity.account ?? ""],
                evidence: identity.evidence)
        }
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample("role missing from owners.csv", ExampleKit.inventory(identities: [ExampleKit.role("deploy")])),
            RuleExample(
                "owners.csv row with an empty owner",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    owners: [OwnerRecord(identityRef: "deploy", owner: "")])),
            RuleExample(
                "Entra app registration without owners and missing from owners.csv",
                ExampleKit.inventory(identities: [
                    ExampleKit.servicePrincipal("44444444-dddd-4eee-8fff-000000000004", name: "reporting-sync")
                ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "owned by name in owners.csv",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy")],
                    owners: [OwnerRecord(identityRef: "deploy", owner: "dana@example.com")])),
            RuleExample(
                "owner attached by the collector",
                ExampleKit.inventory(identities: [ExampleKit.role("deploy", owner: "dana@example.com")])),
            RuleExample(
                "AWS service-linked role",
                ExampleKit.inventory(identities: [
                    ExampleKit.role(
                        "AWSServiceRoleForConfig", attributes: ["path": "/aws-service-role/config.amazonaws.com/"])
                ])),
            RuleExample(
                "Kubernetes group (its members authenticate, not the group)",
                ExampleKit.inventory(identities: [
                    ExampleKit.identity(
                        IdentityID("k8s:prod-eu-1:group:oidc:platform-engineers"), platform: .kubernetes, kind: .group,
                        name: "oidc:platform-engineers", account: "prod-eu-1")
                ])),
            RuleExample(
                "AWS service principal",
                ExampleKit.inventory(identities: [
                    Identity(
                        id: IdentityID("aws-service:ecs-tasks.amazonaws.com"), platform: .aws, kind: .awsService,
                        name: "ecs-tasks.amazonaws.com", isPlatformService: true)
                ])),
            RuleExample(
                "Entra app whose directory owner the reader attached",
                ExampleKit.inventory(identities: [
                    ExampleKit.servicePrincipal(
                        "11111111-aaaa-4bbb-8ccc-000000000001", name: "payments-deployer", owner: "dana@example.com")
                ])),
            RuleExample(
                "Microsoft first-party service principal (Microsoft Graph)",
                ExampleKit.inventory(identities: [
                    ExampleKit.servicePrincipal(
                        "00000003-0000-0000-c000-000000000000", name: "Microsoft Graph", platformService: true)
                ])),
        ]
    }
}

import Foundation
import NHIModel

/// Administrator policies, `*` on `*`, cluster-admin, GCP basic and impersonation roles on a project.
public struct OverprivilegedIdentityRule: Rule {
    public let id = "overprivileged-identity"
    public let title = "NHI with administrative or wildcard permissions"
    public let severity = Severity.high
    public let rationale =
        "An NHI with administrative reach turns any leak of its credential into a full compromise; least privilege bounds the blast radius."
    public let remediation =
        "Replace administrator policies and wildcard statements with the specific actions and resources the workload uses (see unused-permissions and the access history)."
    public let inputs: [InputKind] = [.entitlements]
    public let thresholds: [PolicyField] = [\.adminPolicyNames]

    public init() {}

    static let wildcardActions: Set<String> = ["*", "*:*", "* *", "* */*"]

    /// Why a grant is administrative, or nil.
    /// `namesAdmin` says whether a policy name is one of the policy's administrator policies (the
    /// caller remembers it per name: thousands of grants come through the same few policies).
    /// Inlined into the loop over the inventory's grants, which then reads each grant's fields in
    /// place rather than copying the grant to pass it (a copy retains each of its fields).
    @inline(__always)
    static func reason(_ grant: Grant, namesAdmin: (String) -> Bool) -> String? {
        guard grant.effect == .allow else { return nil }
        if grant.isAdministrative { return "administrative grant \(grant.via)" }
        if namesAdmin(grant.via) {
            // A GCP role reaches everything below the node it is bound on; on one resource it is that resource's.
            guard grant.platform == .gcp else { return "administrator policy \(grant.via)" }
            if let node = grant.resources.first(where: isHierarchyNode) { return "\(grant.via) on \(node)" }
        }
        let allResources = grant.resources.isEmpty || grant.resources.contains("*")
        // The length test first: managed policies list thousands of actions, none of them this short.
        if allResources && !grant.actionsInverted
            && grant.actions.contains(where: { $0.utf8.count <= 5 && wildcardActions.contains($0) })
        {
            return "\(grant.actions.joined(separator: " ")) on * via \(grant.via)"
        }
        if allResources && grant.actionsInverted { return "\(grant.actionSummary) on * via \(grant.via)" }
        return nil
    }

    /// `projects/P`, `folders/F`, `organizations/O`: a GCP project or a node above projects.
    static func isHierarchyNode(_ resource: String) -> Bool {
        let parts = resource.split(separator: "/")
        return parts.count == 2 && ["projects", "folders", "organizations"].contains(parts[0])
    }

    /// Derived once per context: the rule and the metrics read it.
    /// Grants by position in the inventory's list: a copy of a grant retains each of its fields.
    static func overprivileged(_ context: RuleContext) -> [IdentityID: [(reason: String, grant: Int)]] {
        context.derived("overprivileged") {
            var result: [IdentityID: [(reason: String, grant: Int)]] = [:]
            let policy = context.policy
            // Kubernetes bindings' names (with an arrow) are not plain ASCII, and each names one
            // binding: the patterns are folded for the Character matcher once, not per name.
            let adminPatterns = WildcardPatterns(policy.adminPolicyNames.map { WildcardPattern($0) })
            var namesAdmin = Memo { via in adminPatterns.anyMatches(via) }
            let grants = context.inventory.grants
            for position in grants.indices where context.isNHI(grants[position].identity) {
                if let reason = reason(grants[position], namesAdmin: { namesAdmin($0) }) {
                    result[grants[position].identity, default: []].append((reason, position))
                }
            }
            return result
        }
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let grants = context.inventory.grants
        return Self.overprivileged(context).map { identity, hits in
            finding(
                context, subject: identity.rawValue,
                summary:
                    "\(context.displayName(identity)) has administrative permissions: \(Detail.list(hits.map { $0.reason }))",
                details: ["grants": Detail.list(hits.map { $0.reason })],
                evidence: hits.flatMap { grants[$0.grant].evidence })
        }
    }

    static let gcpDeployer = IdentityID(
        "gcp:northwind-prod:serviceaccount:deployer@northwind-prod.iam.gserviceaccount.com")

    public var triggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        let sa = IdentityID("k8s:prod-eu-1:serviceaccount:ci:deployer")
        return [
            RuleExample(
                "AdministratorAccess attached",
                ExampleKit.inventory(
                    grants: [
                        ExampleKit.grant(
                            deploy, ["*"], via: "arn:aws:iam::aws:policy/AdministratorAccess", administrative: true)
                    ])),
            RuleExample(
                "inline * on *",
                ExampleKit.inventory(grants: [ExampleKit.grant(deploy, ["*"], via: "inline:deploy-all")])),
            RuleExample(
                "cluster-admin binding",
                ExampleKit.inventory(
                    grants: [ExampleKit.grant(sa, ["* *"], platform: .kubernetes, via: "cluster-admin")])),
            RuleExample(
                "roles/editor on a GCP project",
                ExampleKit.inventory(
                    grants: [
                        ExampleKit.grant(
                            Self.gcpDeployer, ["roles/editor"], platform: .gcp, resources: ["projects/northwind-prod"],
                            via: "roles/editor")
                    ])),
            RuleExample(
                "roles/iam.serviceAccountTokenCreator on a GCP folder",
                ExampleKit.inventory(
                    grants: [
                        ExampleKit.grant(
                            Self.gcpDeployer, ["roles/iam.serviceAccountTokenCreator"], platform: .gcp,
                            resources: ["folders/4711"], via: "roles/iam.serviceAccountTokenCreator")
                    ])),
            RuleExample(
                "Entra app holding Microsoft Graph Application.ReadWrite.All",
                ExampleKit.inventory(
                    identities: [ExampleKit.servicePrincipal("11111111-aaaa-4bbb-8ccc-000000000001", name: "deployer")],
                    grants: [
                        ExampleKit.grant(
                            ExampleKit.servicePrincipalID("11111111-aaaa-4bbb-8ccc-000000000001"),
                            ["Application.ReadWrite.All"], platform: .entra, resources: ["Microsoft Graph"],
                            via: "Microsoft Graph/Application.ReadWrite.All")
                    ])),
            RuleExample(
                "Entra app in the Privileged Role Administrator directory role",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.servicePrincipal("33333333-cccc-4ddd-8eee-000000000003", name: "automation")
                    ],
                    grants: [
                        ExampleKit.grant(
                            ExampleKit.servicePrincipalID("33333333-cccc-4ddd-8eee-000000000003"),
                            ["Privileged Role Administrator"], platform: .entra, resources: ["/"],
                            via: "directory role Privileged Role Administrator")
                    ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        let deploy = ExampleKit.roleID("deploy")
        return [
            RuleExample(
                "service wildcard on one resource",
                ExampleKit.inventory(
                    grants: [
                        ExampleKit.grant(
                            deploy, ["ecs:*"], resources: ["arn:aws:ecs:eu-west-1:111122223333:service/web/api"],
                            via: "ecs-deploy")
                    ])),
            RuleExample(
                "Entra app reading users (User.Read.All) and in Directory Readers",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.servicePrincipal("22222222-bbbb-4ccc-8ddd-000000000002", name: "reporting")
                    ],
                    grants: [
                        ExampleKit.grant(
                            ExampleKit.servicePrincipalID("22222222-bbbb-4ccc-8ddd-000000000002"), ["User.Read.All"],
                            platform: .entra, resources: ["Microsoft Graph"], via: "Microsoft Graph/User.Read.All"),
                        ExampleKit.grant(
                            ExampleKit.servicePrincipalID("22222222-bbbb-4ccc-8ddd-000000000002"),
                            ["Directory Readers"], platform: .entra, resources: ["/"],
                            via: "directory role Directory Readers"),
                    ])),
            RuleExample(
                "* denied",
                ExampleKit.inventory(grants: [
                    Grant(identity: deploy, platform: .aws, effect: .deny, actions: ["*"], via: "guardrail")
                ])),
            RuleExample(
                "human administrator",
                ExampleKit.inventory(
                    identities: [ExampleKit.user("alice", isHuman: true)],
                    grants: [
                        ExampleKit.grant(
                            ExampleKit.userID("alice"), ["*"], via: "AdministratorAccess", administrative: true)
                    ])),
            RuleExample(
                "roles/iam.serviceAccountTokenCreator on one GCP service account",
                ExampleKit.inventory(
                    grants: [
                        ExampleKit.grant(
                            Self.gcpDeployer, ["roles/iam.serviceAccountTokenCreator"], platform: .gcp,
                            resources: [
                                "projects/northwind-prod/serviceAccounts/api@northwind-prod.iam.gserviceaccount.com"
                            ], via: "roles/iam.serviceAccountTokenCreator")
                    ])),
            RuleExample(
                "roles/run.developer on a GCP project",
                ExampleKit.inventory(
                    grants: [
                        ExampleKit.grant(
                            Self.gcpDeployer, ["roles/run.developer"], platform: .gcp,
                            resources: ["projects/northwind-prod"], via: "roles/run.developer")
                    ])),
        ]
    }
}

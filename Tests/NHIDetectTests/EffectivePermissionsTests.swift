import Foundation
@testable import NHIDetect
import NHIModel
import Testing

/// The effective AWS permission model under the privilege-escalation rule.
@Suite struct EffectivePermissionsTests {
    static let account = ExampleKit.productionAccount
    static let ci = ExampleKit.roleID("ci")

    static func grant(
        _ actions: [String], effect: Effect = .allow, inverted: Bool = false, resources: [String] = ["*"],
        conditions: [PolicyCondition] = [], identity: IdentityID = ci, via: String = "policy"
    ) -> Grant {
        Grant(
            identity: identity, platform: .aws, effect: effect, actions: actions, actionsInverted: inverted,
            resources: resources, conditions: conditions, via: via)
    }

    static func permissions(
        _ grants: [Grant], boundaries: [Grant] = [], identities: [Identity] = [ExampleKit.role("ci")]
    ) -> EffectivePermissions {
        let inventory = Inventory(
            scope: ExampleKit.scope, identities: identities, grants: grants, permissionBoundaries: boundaries)
        let context = RuleContext(
            inventory: inventory, policy: .defaults, classifier: ExampleKit.classifier, asOf: ExampleKit.periodEnd)
        return EffectivePermissions(context, actions: EscalationPath.actions)
    }

    static let role = "arn:aws:iam::\(account):role/ci"
    static let other = "arn:aws:iam::\(account):role/other"

    @Test func notActionCoversEverythingButItsList() {
        let permissions = Self.permissions([Self.grant(["iam:*", "organizations:*"], inverted: true)])
        #expect(permissions.allowing(Self.ci, "iam:PutRolePolicy", on: Self.role) == nil)
        #expect(permissions.allowing(Self.ci, "ssm:SendCommand", on: "*") != nil)
    }

    @Test func notResourceCoversEverythingButItsList() {
        let permissions = Self.permissions([Self.grant(["iam:PutRolePolicy"], resources: ["!" + Self.role])])
        #expect(permissions.allowing(Self.ci, "iam:PutRolePolicy", on: Self.role) == nil)
        #expect(permissions.allowing(Self.ci, "iam:PutRolePolicy", on: Self.other) != nil)
    }

    @Test func aDenyInAnotherPolicySuppresses() {
        let allow = Self.grant(["iam:PutRolePolicy"], via: "allow")
        #expect(Self.permissions([allow]).allowing(Self.ci, "iam:PutRolePolicy", on: Self.role) != nil)
        #expect(
            Self.permissions([allow, Self.grant(["iam:*"], effect: .deny, via: "deny")]).allowing(
                Self.ci, "iam:PutRolePolicy", on: Self.role) == nil)
        // A Deny on other resources leaves this one allowed.
        #expect(
            Self.permissions([allow, Self.grant(["iam:*"], effect: .deny, resources: [Self.other])])
                .allowing(Self.ci, "iam:PutRolePolicy", on: Self.role) != nil)
        // A Deny conditioned on missing MFA always applies to a workload; one on a source address may not.
        let noMFA = PolicyCondition(op: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"])
        #expect(
            Self.permissions([allow, Self.grant(["iam:*"], effect: .deny, conditions: [noMFA])]).allowing(
                Self.ci, "iam:PutRolePolicy", on: Self.role) == nil)
        let address = PolicyCondition(op: "NotIpAddress", key: "aws:SourceIp", values: ["10.0.0.0/8"])
        #expect(
            Self.permissions([allow, Self.grant(["iam:*"], effect: .deny, conditions: [address])]).allowing(
                Self.ci, "iam:PutRolePolicy", on: Self.role) != nil)
    }

    @Test func conditionsThatConstrainTheRequestCloseTheGrant() {
        let policyARN = PolicyCondition(
            op: "ArnEquals", key: "iam:PolicyARN", values: ["arn:aws:iam::aws:policy/ReadOnlyAccess"])
        #expect(
            Self.permissions([Self.grant(["iam:AttachRolePolicy"], conditions: [policyARN])]).allowing(
                Self.ci, "iam:AttachRolePolicy", on: Self.role) == nil)
        let address = PolicyCondition(op: "IpAddress", key: "aws:SourceIp", values: ["10.0.0.0/8"])
        #expect(
            Self.permissions([Self.grant(["iam:AttachRolePolicy"], conditions: [address])]).allowing(
                Self.ci, "iam:AttachRolePolicy", on: Self.role) != nil)
        let passed = PolicyCondition(op: "StringEquals", key: "iam:PassedToService", values: ["lambda.amazonaws.com"])
        let permissions = Self.permissions([Self.grant(["iam:PassRole"], conditions: [passed])])
        #expect(permissions.allowing(Self.ci, "iam:PassRole", on: Self.other, passedTo: "lambda.amazonaws.com") != nil)
        #expect(permissions.allowing(Self.ci, "iam:PassRole", on: Self.other, passedTo: "ec2.amazonaws.com") == nil)
    }

    @Test func aPermissionBoundaryLimitsTheGrants() {
        let grants = [Self.grant(["iam:*", "s3:*"])]
        #expect(Self.permissions(grants).allowing(Self.ci, "iam:PutRolePolicy", on: Self.role) != nil)
        let bounded = Self.permissions(grants, boundaries: [Self.grant(["s3:*", "lambda:*"], via: "boundary")])
        #expect(bounded.allowing(Self.ci, "iam:PutRolePolicy", on: Self.role) == nil)
        #expect(
            bounded.allowing(Self.ci, "lambda:CreateFunction", on: "*") == nil, "the boundary grants nothing itself")
    }

    @Test func aDenyInThePermissionBoundarySuppresses() {
        let boundary = [
            Self.grant(["*"], via: "boundary"), Self.grant(["iam:PutRolePolicy"], effect: .deny, via: "boundary"),
        ]
        let permissions = Self.permissions([Self.grant(["iam:*"])], boundaries: boundary)
        #expect(permissions.denied(Self.ci, "iam:PutRolePolicy", on: Self.role))
        #expect(permissions.allowing(Self.ci, "iam:PutRolePolicy", on: Self.role) == nil)
        #expect(permissions.allowing(Self.ci, "iam:AttachRolePolicy", on: Self.role) != nil)
    }

    @Test func usernameVariableIsTheCallersOwnName() {
        let bot = ExampleKit.userID("bot")
        let permissions = Self.permissions(
            [
                Self.grant(
                    ["iam:CreateAccessKey"], resources: ["arn:aws:iam::\(Self.account):user/${aws:username}"],
                    identity: bot)
            ],
            identities: [ExampleKit.user("bot")])
        #expect(permissions.allowing(bot, "iam:CreateAccessKey", on: "arn:aws:iam::\(Self.account):user/bot") != nil)
        #expect(permissions.allowing(bot, "iam:CreateAccessKey", on: "arn:aws:iam::\(Self.account):user/admin") == nil)
    }

    @Test func notActionIsShownAsAllButItsList() {
        let powerUser = Self.grant(["iam:*", "organizations:*", "account:*"], inverted: true)
        #expect(powerUser.actionSummary == "all actions except iam:*, organizations:*, account:*")
        #expect(Self.grant(["s3:GetObject", "s3:PutObject"]).actionSummary == "s3:GetObject s3:PutObject")
        #expect(
            Self.grant(["s3:*"], resources: ["!arn:aws:s3:::audit", "!arn:aws:s3:::audit/*"]).resourceSummary
                == "all resources except arn:aws:s3:::audit, arn:aws:s3:::audit/*")
        // As the rules show it: PowerUserAccess grants delivery and operations, and reads as what it is.
        let context = RuleContext(
            inventory: ExampleKit.inventory(identities: [ExampleKit.role("ci")], grants: [powerUser]),
            policy: .defaults, classifier: ExampleKit.classifier, asOf: ExampleKit.periodEnd)
        let details = LatentDualUseRule().evaluate(context).first?.details ?? [:]
        #expect(
            details["delivery_via"] == "policy (all actions except iam:*, organizations:*, account:*)", "\(details)")
        let overprivileged = OverprivilegedIdentityRule().evaluate(context).first?.details["grants"]
        #expect(overprivileged == "all actions except iam:*, organizations:*, account:* on * via policy")
    }

    @Test func chainsFollowTrustAndPermission() {
        let reader = ExampleKit.roleID("reader"), helper = ExampleKit.roleID("helper")
        let identities = [ExampleKit.role("reader"), ExampleKit.role("helper")]
        let grants = [Self.grant(["iam:PutRolePolicy"], resources: [helper.rawValue], identity: helper)]
        func inventory(trust principal: String, readerGrants: [Grant]) -> RuleContext {
            let trust = TrustRelationship(
                target: helper, principalType: .aws, principal: principal, actions: ["sts:AssumeRole"])
            return RuleContext(
                inventory: Inventory(
                    scope: ExampleKit.scope, identities: identities, grants: grants + readerGrants, trusts: [trust]),
                policy: .defaults, classifier: ExampleKit.classifier, asOf: ExampleKit.periodEnd)
        }
        let assume = Self.grant(["sts:AssumeRole"], resources: [helper.rawValue], identity: reader)
        let root = "arn:aws:iam::\(Self.account):root"
        // The account root in the trust admits only those whose own policy allows sts:AssumeRole.
        #expect(EscalationFinder(inventory(trust: root, readerGrants: [assume])).result(for: reader).chains.count == 1)
        #expect(EscalationFinder(inventory(trust: root, readerGrants: [])).result(for: reader).isEmpty)
        // A trust naming the role itself admits it in the same account without an identity policy.
        #expect(
            EscalationFinder(inventory(trust: reader.rawValue, readerGrants: [])).result(for: reader).chains.count == 1)
        // An explicit Deny of sts:AssumeRole ends the chain.
        let deny = Self.grant(["sts:AssumeRole"], effect: .deny, identity: reader)
        #expect(EscalationFinder(inventory(trust: reader.rawValue, readerGrants: [deny])).result(for: reader).isEmpty)
        // Another account's root admits no one here.
        #expect(
            EscalationFinder(inventory(trust: "arn:aws:iam::999988887777:root", readerGrants: [assume])).result(
                for: reader
            ).isEmpty)
    }

    /// Action lists alike in length, first and last action, and NotAction or not, are told apart.
    @Test func coverageTellsApartListsWithOneFingerprint() {
        let coverage = ActionCoverage(actions: ["s3:GetObject", "s3:PutObject", "iam:PassRole"])
        let reads = ["ec2:RunInstances", "s3:GetObject", "sts:AssumeRole"]
        let writes = ["ec2:RunInstances", "s3:PutObject", "sts:AssumeRole"]
        #expect(coverage.covered(Self.grant(reads)) == ["s3:GetObject"])
        #expect(coverage.covered(Self.grant(writes)) == ["s3:PutObject"])
        #expect(coverage.covered(Self.grant(reads, inverted: true)) == ["s3:PutObject", "iam:PassRole"])
        #expect(coverage.covered(Self.grant(writes, inverted: true)) == ["s3:GetObject", "iam:PassRole"])
        #expect(coverage.covered(Self.grant(reads)) == ["s3:GetObject"])
    }
}

extension ActionCoverage {
    /// The coverage of a whole grant's action element.
    fileprivate func covered(_ grant: Grant) -> Set<String> {
        covered(grant.platform, grant.actions, inverted: grant.actionsInverted)
    }
}

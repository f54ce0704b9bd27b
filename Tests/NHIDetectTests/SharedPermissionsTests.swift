import Foundation
@testable import NHIDetect
import NHIModel
import TestSupport
import Testing

/// The AWS permission model the rules share (built for every escalation action) answers about
/// `sts:AssumeRole` as a model built for that action alone does, on random inventories (wildcards,
/// NotAction, Deny, boundaries, conditions, trusts by name, account and anyone).
@Suite struct SharedPermissionsTests {
    static let account = ExampleKit.productionAccount
    static let names = ["ci", "ops", "admin", "batch"]

    static func context(seed: UInt64) -> RuleContext {
        var random = SeededRandom(state: seed)
        let roles = names.map { ExampleKit.role($0) }
        let actions = ["sts:AssumeRole", "sts:*", "*", "iam:PassRole", "s3:*", "sts:Get*", "st?:AssumeRole"]
        let resources = ["*", ExampleKit.roleID("admin").rawValue, "arn:aws:iam::\(account):role/o*", "!*"]
        let conditions = [
            PolicyCondition(op: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"]),
            PolicyCondition(op: "StringEquals", key: "aws:PrincipalTag/team", values: ["a"]),
            PolicyCondition(op: "StringEquals", key: "sts:ExternalId", values: ["x"]),
        ]
        func grant() -> Grant {
            Grant(
                identity: ExampleKit.roleID(random.pick(names)), platform: .aws,
                effect: random.next(4) == 0 ? .deny : .allow,
                actions: (0...random.next(2)).map { _ in random.pick(actions) }, actionsInverted: random.next(6) == 0,
                resources: [random.pick(resources)], conditions: random.next(3) == 0 ? [random.pick(conditions)] : [],
                via: "policy-\(random.next(3))")
        }
        let principals = ["arn:aws:iam::\(account):root", account, "*", ExampleKit.roleID("ci").rawValue]
        let trusts = names.filter { _ in random.next(3) != 0 }.map { role in
            TrustRelationship(
                target: ExampleKit.roleID(role), principalType: random.pick([.aws, .any]),
                principal: random.pick(principals), actions: [random.pick(["sts:AssumeRole", "sts:*"])])
        }
        let inventory = Inventory(
            scope: ExampleKit.scope, identities: roles, grants: (0..<random.next(12)).map { _ in grant() },
            permissionBoundaries: (0..<random.next(3)).map { _ in grant() }, trusts: trusts)
        return RuleContext(
            inventory: inventory, policy: .defaults, classifier: ExampleKit.classifier, asOf: ExampleKit.periodEnd)
    }

    @Test(arguments: 0..<300) func sharedModelAnswersAsOneForAssumeRoleAlone(seed: Int) {
        let context = Self.context(seed: UInt64(seed))
        let shared = EffectivePermissions.shared(context)
        let alone = EffectivePermissions(context, actions: ["sts:AssumeRole"])
        let sharedRoles = RoleAssumption.shared(context)
        let aloneRoles = RoleAssumption(alone, context: context)
        let ids = Self.names.map { ExampleKit.roleID($0) }
        for caller in ids {
            #expect(shared.mentions(caller, "sts:AssumeRole") == alone.mentions(caller, "sts:AssumeRole"))
            for role in ids.map(\.rawValue) {
                #expect(
                    shared.denied(caller, "sts:AssumeRole", on: role)
                        == alone.denied(caller, "sts:AssumeRole", on: role))
                #expect(
                    shared.allowing(caller, "sts:AssumeRole", on: role)
                        == alone.allowing(caller, "sts:AssumeRole", on: role))
            }
            let edges = { (edges: [RoleAssumption.Edge]) in
                edges.map { [$0.role.rawValue, $0.trust.principal, $0.grant?.via] }
            }
            #expect(edges(sharedRoles.edges(from: caller)) == edges(aloneRoles.edges(from: caller)))
        }
    }

    @Test func eachContextBuildsTheModelOnce() {
        let context = Self.context(seed: 7)
        #expect(EffectivePermissions.shared(context) === EffectivePermissions.shared(context))
        #expect(EffectivePermissions.shared(context) !== EffectivePermissions.shared(Self.context(seed: 7)))
    }
}

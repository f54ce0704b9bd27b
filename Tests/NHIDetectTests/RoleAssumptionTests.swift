import Foundation
@testable import NHIDetect
import NHIModel
import Testing

/// Which roles a caller can assume: the trust must name it or admit its account, and from its
/// account alone only when its own policies allow `sts:AssumeRole`.
@Suite struct RoleAssumptionTests {
    static let account = ExampleKit.productionAccount

    static func trust(_ role: String, _ type: TrustRelationship.PrincipalType, _ principal: String)
        -> TrustRelationship
    {
        TrustRelationship(
            target: ExampleKit.roleID(role), principalType: type, principal: principal, actions: ["sts:AssumeRole"])
    }

    static func edges(from caller: Identity, grants: [Grant], trusts: [TrustRelationship]) -> [String] {
        let roles = ["by-root", "by-id", "by-anyone", "by-name", "other-root", "service", "odd-root"].map {
            ExampleKit.role($0)
        }
        let inventory = Inventory(
            scope: ExampleKit.scope, identities: roles + [caller], grants: grants, trusts: trusts)
        let context = RuleContext(
            inventory: inventory, policy: .defaults, classifier: ExampleKit.classifier, asOf: ExampleKit.periodEnd)
        let permissions = EffectivePermissions(context, actions: ["sts:AssumeRole"])
        return RoleAssumption(permissions, context: context).edges(from: caller.id).map {
            context.displayName($0.role)
        }
    }

    static let trusts = [
        trust("by-root", .aws, "arn:aws:iam::\(account):root"), trust("by-id", .aws, account),
        trust("by-anyone", .any, "*"), trust("by-name", .aws, ExampleKit.roleID("ci").rawValue),
        trust("other-root", .aws, "arn:aws:iam::\(ExampleKit.stagingAccount):root"),
        trust("service", .service, "lambda.amazonaws.com"), trust("odd-root", .aws, "arn:aws:iam::a:b:root"),
    ]

    static func assumeAnything(_ caller: IdentityID) -> Grant {
        Grant(identity: caller, platform: .aws, actions: ["sts:AssumeRole"], via: "assume")
    }

    @Test func aCallerAllowedToAssumeRolesReachesThoseTrustingItsAccount() {
        let ci = ExampleKit.role("ci")
        #expect(
            Self.edges(from: ci, grants: [Self.assumeAnything(ci.id)], trusts: Self.trusts) == [
                "by-anyone", "by-id", "by-name", "by-root",
            ])
        // Without sts:AssumeRole in its policies, only a trust naming it in its own account admits it.
        #expect(Self.edges(from: ci, grants: [], trusts: Self.trusts) == ["by-name"])
    }

    @Test func anAccountFieldWithAColonIsMatchedWhole() {
        let odd = ExampleKit.identity(
            IdentityID("arn:aws:iam::a:b:role/odd"), kind: .role, name: "odd", account: "a:b")
        #expect(
            Self.edges(from: odd, grants: [Self.assumeAnything(odd.id)], trusts: Self.trusts) == [
                "by-anyone", "odd-root",
            ])
    }
}

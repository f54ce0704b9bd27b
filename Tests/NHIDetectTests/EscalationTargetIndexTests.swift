import Foundation
@testable import NHIDetect
import NHIModel
import TestSupport
import Testing

/// The escalation steps aimed at any user or role of an account look only where a caller's
/// statements can match (`SortedResources`): on generated accounts they must find what trying every
/// ARN in order finds.
@Suite struct EscalationTargetIndexTests {
    static let actions = ["iam:CreateAccessKey", "iam:UpdateAssumeRolePolicy", "iam:PassRole"]

    /// An account of users and roles with names sharing prefixes, some with paths, and statements
    /// mixing `*`, exact ARNs, prefixes, `?`, `${aws:username}`, NotResource, other services'
    /// resources, conditions, Denies and permission boundaries.
    static func account(_ account: String, size: Int, names extra: [String], seed: UInt64) -> Inventory {
        var random = SeedMutator(seed: seed)
        let teams = ["team-a", "team-ab", "team-b", "ci", "ci-deploy", "batch"]
        var identities: [Identity] = []
        for index in 0..<size {
            let name = index < extra.count ? extra[index] : "\(teams.randomElement(using: &random)!)-\(index)"
            let attributes = Bool.random(using: &random) ? ["path": "/\(teams.randomElement(using: &random)!)/"] : [:]
            var identity =
                index % 2 == 0
                ? ExampleKit.user(name, account: account)
                : ExampleKit.role(name, account: account, attributes: attributes)
            identity.attributes.merge(attributes) { _, new in new }
            identities.append(identity)
        }
        let iam = "arn:aws:iam::\(account):"
        func resource() -> String {
            let team = teams.randomElement(using: &random)!
            let named = identities.randomElement(using: &random)!
            return [
                "*", iam + "user/*", iam + "role/*", iam + "user/\(team)*", iam + "role/\(team)-?*",
                iam + "role/\(team)/*", iam + "user/${aws:username}", AWSResourceNames.arn(of: named),
                "!" + iam + "user/\(team)*", "arn:aws:s3:::\(team)/*", iam + "*", "arn:aws:iam::*:role/ci*",
            ].randomElement(using: &random)!
        }
        func statements(for identity: Identity, effect: Effect) -> [Grant] {
            (0..<Int.random(in: 0...3, using: &random)).map { _ in
                var resources = (0..<Int.random(in: 1...3, using: &random)).map { _ in resource() }
                if resources.contains(where: { $0.hasPrefix("!") }) {
                    resources = resources.filter { $0.hasPrefix("!") }
                }
                let conditions =
                    Int.random(in: 0..<8, using: &random) == 0
                    ? [
                        PolicyCondition(
                            op: "StringEquals", key: "iam:PassedToService", values: ["lambda.amazonaws.com"])
                    ]
                    : []
                return Grant(
                    identity: identity.id, platform: .aws, effect: effect,
                    actions: [(actions + ["iam:*", "s3:*"]).randomElement(using: &random)!],
                    resources: Int.random(in: 0..<20, using: &random) == 0 ? [] : resources, conditions: conditions,
                    via: "policy-\(Int.random(in: 0..<5, using: &random))")
            }
        }
        var grants: [Grant] = []
        var boundaries: [Grant] = []
        for identity in identities {
            grants += statements(for: identity, effect: .allow)
            if Int.random(in: 0..<4, using: &random) == 0 { grants += statements(for: identity, effect: .deny) }
            if Int.random(in: 0..<6, using: &random) == 0 { boundaries += statements(for: identity, effect: .allow) }
        }
        return Inventory(
            scope: ExampleKit.scope, identities: identities, grants: grants, permissionBoundaries: boundaries)
    }

    static func permissions(_ inventory: Inventory) -> EffectivePermissions {
        let context = RuleContext(
            inventory: inventory, policy: .defaults, classifier: ExampleKit.classifier, asOf: ExampleKit.periodEnd)
        return EffectivePermissions(context, actions: EscalationPath.actions)
    }

    /// Every caller, action and kind of target: the indexed search against trying every ARN.
    static func compare(_ inventory: Inventory) -> (found: Int, pastFirst: Int) {
        let permissions = permissions(inventory)
        let kinds = [IdentityKind.user, .role].map { kind in
            SortedResources(inventory.identities.filter { $0.kind == kind })
        }
        var found = 0, pastFirst = 0
        for caller in inventory.identities {
            for action in actions {
                for arns in kinds {
                    for service in action == "iam:PassRole" ? [nil, "lambda.amazonaws.com"] : [nil] {
                        let indexed = permissions.firstAllowed(
                            caller.id, action, among: arns, excluding: caller.id, passedTo: service)
                        let everyARN = arns.arns.indices.lazy.filter { arns.ids[$0] != caller.id }.compactMap {
                            position in
                            permissions.allowing(caller.id, action, on: arns.arns[position], passedTo: service).map {
                                (arns.arns[position], $0)
                            }
                        }.first
                        #expect(indexed?.resource == everyARN?.0, "\(caller.id) \(action) \(service ?? "")")
                        #expect(indexed?.grant == everyARN?.1, "\(caller.id) \(action) \(service ?? "")")
                        if let indexed {
                            found += 1
                            if indexed.resource != arns.arns.first(where: { $0 != AWSResourceNames.arn(of: caller) }) {
                                pastFirst += 1
                            }
                        }
                    }
                }
            }
        }
        return (found, pastFirst)
    }

    @Test func findsWhatTryingEveryARNFinds() {
        let (found, pastFirst) = Self.compare(
            Self.account(ExampleKit.productionAccount, size: 300, names: [], seed: 21))
        // The sample must exercise the index: allowed steps, and many beyond the account's first ARN.
        #expect(found > 250)
        #expect(pastFirst > 50)
    }

    @Test func accountWithNonASCIINamesIsSearchedWhole() {
        let inventory = Self.account(ExampleKit.stagingAccount, size: 200, names: ["büro-ci", "ci\r\nx"], seed: 7)
        let (found, _) = Self.compare(inventory)
        #expect(found > 100)
        let arns = SortedResources(inventory.identities.filter { $0.kind == .user })
        #expect(
            arns.positions(startingWith: ["arn:aws:iam::\(ExampleKit.stagingAccount):user/ci"]) == [arns.arns.indices])
    }

    @Test func prefixesSelectTheARNsStartingWithThem() {
        let users = ["ci-1", "ci-10", "ci-2", "batch-1", "team-a-1", "team-ab-1"].map { ExampleKit.user($0) }
        let arns = SortedResources(users)
        let user = "arn:aws:iam::\(ExampleKit.productionAccount):user/"
        let selected = { (prefixes: [Substring]) in
            arns.positions(startingWith: prefixes).flatMap { $0.map { arns.arns[$0] } }
        }
        #expect(selected([Substring(user + "ci-1")]) == [user + "ci-1", user + "ci-10"])
        #expect(
            selected([Substring(user + "team-a"), Substring(user + "team-a-")]) == [
                user + "team-a-1", user + "team-ab-1",
            ])
        #expect(selected([Substring(user + "zz"), Substring(user + "a")]) == [])
        #expect(selected([""]) == arns.arns)
        #expect(arns.positions(startingWith: nil) == [arns.arns.indices])
    }
}

import Foundation
@testable import NHIDetect
import NHIModel
import TestSupport
import Testing

/// What the context works out once for every rule answers as the scans it replaces do, on random
/// inventories (records in any order, refused calls, unknown and non-NHI identities).
@Suite struct RuleContextGroupingTests {
    static let names = ["deploy", "ops", "batch", "break-glass-admin", "AWSServiceRoleForECS", "Firecall-DB"]

    static func context(seed: UInt64) -> RuleContext {
        var random = SeededRandom(state: seed)
        let identities = names.filter { _ in random.next(4) != 0 }.map { name -> Identity in
            var identity = ExampleKit.role(name)
            if random.next(5) == 0 { identity.isHuman = true }
            return identity
        }
        let activity = (0..<random.next(40)).map { _ -> ActivityRecord in
            ExampleKit.activity(
                ExampleKit.roleID(random.pick(names + ["ghost"])),
                random.pick(["cloudformation:UpdateStack", "ecs:UpdateService", "ec2:DescribeInstances"]),
                environment: random.pick(["production", "staging"]),
                at: (0...random.next(3)).map { "2026-11-1\($0)T10:00:00Z" }, denied: random.next(4) == 0)
        }
        let owners = random.next(2) == 0 ? [OwnerRecord(identityRef: "batch", owner: "ops", purpose: .breakGlass)] : []
        return RuleExample("random", ExampleKit.inventory(identities: identities, activity: activity, owners: owners))
            .context
    }

    /// The used aggregates of each identity in inventory order, identities as they first appear.
    @Test(arguments: 0..<200) func groupsAreTheScanOfUsedActivity(seed: Int) {
        let context = Self.context(seed: UInt64(seed))
        var expected: [(IdentityID, [ClassifiedActivity])] = []
        for item in context.activity where item.effectiveCount > 0 {
            if let index = expected.firstIndex(where: { $0.0 == item.record.identity }) {
                expected[index].1.append(item)
            } else {
                expected.append((item.record.identity, [item]))
            }
        }
        #expect(context.usedByIdentity.map(\.identity) == expected.map { $0.0 })
        for (group, (identity, items)) in zip(context.usedByIdentity, expected) {
            #expect(group.used.map { ObjectIdentifier($0) } == items.map { ObjectIdentifier($0) })
            #expect(group.isNHI == context.isNHI(identity))
        }
    }

    /// Production as the policy and scope judge it, remembered per environment the activity names
    /// (names differing in case too) and asked of the policy for any other.
    @Test(arguments: 0..<100) func productionIsThePolicysJudgement(seed: Int) {
        var random = SeededRandom(state: UInt64(seed))
        let names = ["production", "Production", "PRODUCTION ", "staging", "prod", "live"]
        let activity = (0..<random.next(30)).map { _ -> ActivityRecord in
            ExampleKit.activity(
                ExampleKit.roleID("deploy"), "ecs:UpdateService", environment: random.pick(names),
                at: ["2026-11-1\(random.next(9))T10:00:00Z"])
        }
        var policy = Policy.defaults
        if random.next(2) == 0 { policy.productionEnvironments = ["live", "Prod"] }
        let context = RuleExample("random", ExampleKit.inventory(activity: activity), policy: policy).context
        for item in context.activity {
            #expect(item.inProduction == policy.isProduction(item.record.environment, scope: context.inventory.scope))
        }
        for name in names + ["canary", ""] {
            #expect(context.isProduction(name) == policy.isProduction(name, scope: context.inventory.scope))
        }
    }

    /// Each aggregate reads its own inventory record, classified as the classifier classifies it
    /// alone (shapes differing only in how request fields split must not share a class).
    @Test(arguments: 0..<200) func aggregatesAreTheirRecordsClassified(seed: Int) {
        var random = SeededRandom(state: UInt64(seed))
        let shapes: [(Platform, String, [String])] = [
            (.aws, "ecs:UpdateService", ["desiredCount"]), (.aws, "ecs:UpdateService", ["taskDefinition"]),
            (.aws, "ecs:UpdateService", ["desiredCount,taskDefinition"]), (.aws, "ec2:DescribeInstances", []),
            (.kubernetes, "patch apps/deployments", ["patch:restartedAt-only"]),
            (.kubernetes, "patch apps/deployments", ["patch:pod-template"]), (.aws, "s3:Unknown", []),
        ]
        let activity = (0..<random.next(40)).map { _ -> ActivityRecord in
            let (platform, action, fields) = random.pick(shapes)
            return ExampleKit.activity(
                ExampleKit.roleID(random.pick(Self.names)), action, platform: platform, fields: fields,
                readOnly: random.next(2) == 0, at: ["2026-11-1\(random.next(9))T10:00:00Z"])
        }
        let context = RuleExample("random", ExampleKit.inventory(activity: activity)).context
        #expect(context.activity.count == context.inventory.activity.count)
        for (item, record) in zip(context.activity, context.inventory.activity) {
            #expect(item.record == record)
            let classified = context.classifier.classify(
                platform: record.platform, action: record.action, requestFields: record.requestFields)
            #expect(item.authorityClass == classified ?? (record.readOnly ? .read : nil))
            #expect(item.effectiveCount == record.count - record.deniedCount)
        }
    }

    @Test(arguments: 0..<200) func breakGlassIsTheNameAndPurposeTest(seed: Int) {
        let context = Self.context(seed: UInt64(seed))
        for name in Self.names + ["ghost"] {
            let id = ExampleKit.roleID(name)
            let expected =
                context.owner(of: id)?.purpose == .breakGlass
                || context.policy.breakGlassNamePatterns.contains { pattern in
                    [id.rawValue, context.displayName(id)].contains { WildcardPattern(pattern).matches($0) }
                }
            #expect(context.isBreakGlass(id) == expected, "\(name)")
        }
    }

    /// A derived value is computed once per context, and each context computes its own.
    @Test func derivedValuesAreComputedOncePerContext() {
        var calls = 0
        let first = Self.context(seed: 1), second = Self.context(seed: 1)
        #expect(
            first.derived("count") {
                calls += 1; return calls
            } == 1)
        #expect(
            first.derived("count") {
                calls += 1; return calls
            } == 1)
        #expect(
            second.derived("count") {
                calls += 1; return calls
            } == 2)
        #expect(calls == 2)
    }
}

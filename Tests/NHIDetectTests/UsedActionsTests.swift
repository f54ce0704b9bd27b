import Foundation
@testable import NHIDetect
import NHIModel
import Testing

/// `unused-permissions` asks per granted service whether the identity used it; the index of used
/// actions answers as the scan of every activity record does (the rule's definition).
@Suite struct UsedActionsTests {
    static let awsActions = [
        "s3:GetObject", "S3:PutObject", "ecs:UpdateService", "ECS:*", ":a:b", "a:b:c", "noservice",
        "İam:CreateRole", "iam:CreateRole", "lambda:Invoke", "s3", "s3::x", "A:B:C:d", "::", "::a:b", "a::",
    ]
    static let k8sActions = ["get pods", "patch deployments", "create jobs", "delete pods/log", "list"]

    static func scan(_ records: [ActivityRecord], _ key: String, _ platform: Platform, _ patterns: [String]) -> Bool {
        records.contains { record in
            guard record.platform == platform else { return false }
            if platform == .aws { return record.action.lowercased().hasPrefix(key + ":") }
            return patterns.contains { WildcardPattern.action($0).matches(record.action) }
        }
    }

    @Test func servicesUsedAnswerAsTheScanOfEveryRecord() {
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let identity = ExampleKit.roleID("deploy")
        for _ in 0..<300 {
            let records = (0..<next(6)).map { _ -> ActivityRecord in
                next(3) == 0
                    ? ExampleKit.activity(identity, Self.k8sActions[next(Self.k8sActions.count)], platform: .kubernetes)
                    : ExampleKit.activity(identity, Self.awsActions[next(Self.awsActions.count)])
            }
            var used = UsedActions()
            records.forEach { used.add($0.platform, $0.action) }
            #expect(used.isEmpty == records.isEmpty)
            for action in Self.awsActions {
                guard let key = UnusedPermissionsRule.serviceKey(action, platform: .aws) else { continue }
                #expect(
                    used.uses(key, platform: .aws, patterns: [action]) == Self.scan(records, key, .aws, [action]),
                    "\(action)")
            }
            for pattern in ["get pods", "* pods", "patch deployments", "create *", "list"] {
                guard let key = UnusedPermissionsRule.serviceKey(pattern, platform: .kubernetes) else { continue }
                #expect(
                    used.uses(key, platform: .kubernetes, patterns: [pattern])
                        == Self.scan(records, key, .kubernetes, [pattern]))
            }
        }
    }
}

import Foundation
import NHIDetect
import NHIModel
import Testing

/// A change naming neither environment nor executor approves nothing, and the finding says which
/// change it was, so that the record can be completed.
@Suite struct ApprovalWindowsTests {
    static let deploy = ExampleKit.roleID("deploy")

    static func change(_ id: String, environment: String?, executedBy: String?) -> ChangeRecord {
        ChangeRecord(
            id: id, environment: environment, approvedBy: "lee@example.com", executedBy: executedBy,
            windowStart: ExampleKit.date("2026-11-10T09:00:00Z"), windowEnd: ExampleKit.date("2026-11-10T11:00:00Z"),
            status: "approved")
    }

    func findings(_ changes: [ChangeRecord]) -> [Finding] {
        let inventory = ExampleKit.inventory(
            identities: [ExampleKit.role("deploy")],
            activity: [ExampleKit.activity(Self.deploy, "cloudformation:UpdateStack")], changes: changes)
        return UnapprovedProductionChangeRule().evaluate(RuleExample("changes", inventory).context)
    }

    @Test func aChangeNamingNeitherIsReportedAsIncomplete() throws {
        let hit = try #require(findings([Self.change("CHG-1", environment: nil, executedBy: nil)]).first)
        #expect(hit.details["incomplete_changes"] == "CHG-1")
        #expect(hit.summary.contains("CHG-1 name neither environment nor executor"))
    }

    @Test func aChangeOutsideTheCallsIsNotListed() throws {
        var late = Self.change("CHG-2", environment: nil, executedBy: nil)
        late.windowStart = ExampleKit.date("2026-12-01T09:00:00Z");
        late.windowEnd = ExampleKit.date("2026-12-01T11:00:00Z")
        let hit = try #require(findings([late]).first)
        #expect(hit.details["incomplete_changes"] == nil)
    }

    @Test func aChangeNamingBothCoversOnlyThatPair() {
        #expect(findings([Self.change("CHG-3", environment: "production", executedBy: "deploy")]).isEmpty)
        #expect(!findings([Self.change("CHG-4", environment: "staging", executedBy: "deploy")]).isEmpty)
    }
}

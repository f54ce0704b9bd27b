import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// The columns `lake sql` adds to activity.csv are read back: request fields split a call the way
/// the CloudTrail reader splits it, and refused calls count as denials.
@Suite struct CanonicalActivityColumnsTests {
    private func collect(_ rows: [String]) throws -> Inventory {
        let folder = try Fixtures.temporaryFolder("nhi-canonical-columns")
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = "identity,platform,action,environment,count,first_seen,last_seen,request_fields,error_class"
        try Data(([header] + rows).joined(separator: "\n").utf8).write(
            to: folder.appendingPathComponent("activity.csv"))
        try Data("organisation: x\nenvironments:\n  - name: production\n    production: true\n".utf8)
            .write(to: folder.appendingPathComponent("scope.yaml"))
        return try Collector().collect(folder: folder)
    }

    @Test func requestFieldsAndDeniedCallsAreReadBack() throws {
        let inventory = try collect([
            "aws:role/deployer,aws,ecs:UpdateService,production,3,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,cluster;service;taskDefinition,",
            "aws:role/deployer,aws,ecs:UpdateService,production,2,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,cluster;desiredCount;service,denied",
        ])
        let calls = inventory.activity.filter { $0.action == "ecs:UpdateService" }
        #expect(calls.count == 2)
        let deploy = try #require(calls.first { $0.requestFields.contains("taskDefinition") })
        #expect(
            deploy.requestFields == ["cluster", "service", "taskDefinition"] && deploy.deniedCount == 0
                && deploy.count == 3)
        let scale = try #require(calls.first { $0.requestFields.contains("desiredCount") })
        #expect(scale.deniedCount == 2 && scale.count == 2)
    }

    @Test func anUnknownErrorClassIsRejectedAndCounted() throws {
        let inventory = try collect([
            "aws:role/deployer,aws,s3:PutObject,production,1,2026-10-01T00:00:00Z,2026-10-01T00:00:00Z,,throttled"
        ])
        let entry = try #require(inventory.ledger.entries.first { $0.file == "activity.csv" })
        #expect(entry.read == 1 && entry.rejected == 1)
        #expect(entry.rejections.first?.reason == "error_class is not denied or failed")
    }
}

import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// Counts an input states itself (activity.csv) are added without trapping: totals saturate.
@Suite struct CounterOverflowTests {
    @Test func activityRowsOfIntMaxSaturateWhenMerged() throws {
        let folder = try Fixtures.temporaryFolder("nhi-overflow")
        let row =
            "gcp:sa,gcp,run.services.update,production,9223372036854775807,2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,sdk,false"
        let csv =
            "identity,platform,action,environment,count,first_seen,last_seen,user_agent_class,read_only\n\(row)\n\(row)\n"
        try Data(csv.utf8).write(to: folder.appendingPathComponent("activity.csv"))
        try Data("organisation: x\nenvironments:\n  - name: production\n    production: true\n".utf8).write(
            to: folder.appendingPathComponent("scope.yaml"))
        let inventory = try Collector().collect(folder: folder)
        let entry = try #require(inventory.ledger.entries.first { $0.file == "activity.csv" })
        #expect(entry.read == 2 && entry.accepted == 2)
        let record = try #require(inventory.activity.first { $0.action == "run.services.update" })
        #expect(record.count == Int.max)
        #expect(record.userAgents.counts["sdk"] == Int.max)
    }

    @Test func boundedCounterOverflowSaturates() {
        var counter = BoundedCounter(limit: 1)
        counter.add("a", count: .max)
        counter.add("b", count: .max)
        counter.add("b", count: 1)
        #expect(counter.counts == ["a": .max] && counter.overflow == .max)
        #expect(
            [Int.max, 1].saturatedSum() == .max && (Int.min).addingSaturated(-1) == .min && 2.addingSaturated(3) == 5)
    }
}

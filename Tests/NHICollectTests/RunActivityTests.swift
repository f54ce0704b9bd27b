import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// A run of small CloudTrail files (as S3 delivers a trail) adds to one set of activity records,
/// handed over once at the end of the run: its files count as the same events in one file do, and
/// a file that fails part way leaves the activity of the others whole.
@Suite struct RunActivityTests {
    /// `count` events of five roles, each naming one of `agents` user agents drawn at random.
    private static func events(_ count: Int, agents: UInt64, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            #"{"eventTime":"2026-10-01T\#(String(format: "%02d", index / 60 % 24)):\#(String(format: "%02d", index % 60)):00Z","#
                + #""eventSource":"ecs.amazonaws.com","eventName":"\#(index % 3 == 0 ? "DescribeServices" : "UpdateService")","#
                + #""userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r\#(random.next() % 5)/s","#
                + #""accountId":"1"},"userAgent":"agent-\#(random.next() % agents)","recipientAccountId":"1"}"#
        }
    }

    /// `events` as `{"Records":[…]}` files of `perFile` events, in order, under AWSLogs/…
    private static func records(_ events: [String], perFile: Int, in folder: URL) throws -> [URL] {
        let day = folder.appendingPathComponent("AWSLogs/1/CloudTrail/eu-west-1/2026/10/01")
        try FileManager.default.createDirectory(at: day, withIntermediateDirectories: true)
        return try stride(from: 0, to: events.count, by: perFile).map { start in
            let url = day.appendingPathComponent(String(format: "1_CloudTrail_eu-west-1_%05d.json", start / perFile))
            let records = events[start..<min(start + perFile, events.count)]
            let text = #"{"Records":["# + records.joined(separator: ",") + "]}"
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url
        }
    }

    /// Activity without its example events, which name the file and line they were read from.
    private static func withoutExamples(_ inventory: Inventory) -> [ActivityRecord] {
        inventory.activity.map { record in
            var record = record
            record.examples = []
            return record
        }
    }

    /// Enough user agents that counters overflow: merged file by file, which values a full counter
    /// keeps would depend on where the files begin; counted as one pass they are those of one file.
    @Test func theFilesOfARunCountAsOneFile() throws {
        let events = Self.events(600, agents: 40, seed: 7)
        let whole = try Fixtures.temporaryFolder().appendingPathComponent("evidence")
        try FileManager.default.createDirectory(at: whole, withIntermediateDirectories: true)
        try events.joined(separator: "\n").write(
            to: whole.appendingPathComponent("trail.jsonl"), atomically: true, encoding: .utf8)
        let split = try Fixtures.temporaryFolder().appendingPathComponent("evidence")
        let files = try Self.records(events, perFile: 25, in: split)
        #expect(files.count == 24 && files.count <= Collector.maxRunFiles)

        let one = try Collector().collect(folder: whole)
        let many = try Collector(options: .init(workers: 2)).collect(folder: split)
        #expect(one.activity.contains { $0.userAgents.overflow > 0 })
        #expect(Self.withoutExamples(many) == Self.withoutExamples(one))
        #expect(many.ledger.entries.count == 24 && many.ledger.entries.allSatisfy { $0.accepted == 25 })
        #expect(many.auditCoverage.map(\.events) == one.auditCoverage.map(\.events))
        #expect(many.auditCoverage.first?.files.count == 24)
        // Examples are the first events of each key, located in the file that held them.
        let examples = many.activity.flatMap(\.examples)
        #expect(!examples.isEmpty && examples.allSatisfy { $0.file.hasSuffix(".json") && $0.sha256.count == 64 })
        for example in examples {
            let file = try #require(files.first { example.file.hasSuffix($0.lastPathComponent) })
            #expect(example.sha256 == (try FileDigest.sha256(of: file).hex), "\(example.file)")
        }
    }

    /// A truncated file in the middle of a run and one at its end: with --keep-going the files
    /// around them give the activity they give without them (counters that never overflow, so
    /// that where the run is cut does not matter).
    @Test func aFileThatFailsLeavesTheOthersWhole() throws {
        let events = Self.events(600, agents: 10, seed: 11)
        let folder = try Fixtures.temporaryFolder().appendingPathComponent("evidence")
        let files = try Self.records(events, perFile: 50, in: folder)
        let reference = try Fixtures.temporaryFolder().appendingPathComponent("evidence")
        let kept = try Self.records(events, perFile: 50, in: reference)
        for index in [5, files.count - 1] {
            let text = try String(contentsOf: files[index], encoding: .utf8)
            try String(text.prefix(text.count * 2 / 3)).write(to: files[index], atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(at: kept[index])
        }
        for workers in [1, 2] {
            let inventory = try Collector(options: .init(keepGoing: true, workers: workers)).collect(folder: folder)
            let expected = try Collector(options: .init(workers: workers)).collect(folder: reference)
            #expect(inventory.ledger.failedFiles.count == 2)
            #expect(inventory.ledger.entries.count == files.count)
            #expect(inventory.activity == expected.activity, "\(workers) workers")
            #expect(inventory.activity.reduce(0) { $0 + $1.count } == 500)
            #expect(inventory.auditCoverage == expected.auditCoverage)
        }
        #expect(throws: CollectError.self) { try Collector().collect(folder: folder) }
    }
}

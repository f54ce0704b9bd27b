import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// An S3 trail is thousands of small files read on all cores in runs: the inventory and the ledger
/// must not depend on how many files are read at once or which finishes first.
@Suite struct ManyFilesTests {
    /// `files` small `{"Records":[…]}` files under AWSLogs/…, whose counters overflow only once
    /// files are merged (each file draws from a few of 40 user agents), one of them truncated.
    private static func trail(files: Int) throws -> URL {
        let root = try Fixtures.temporaryFolder().appendingPathComponent("evidence")
        var random = SplitMix64(seed: 30)
        for file in 0..<files {
            let folder = root.appendingPathComponent(
                "AWSLogs/1/CloudTrail/eu-west-1/2026/10/\(String(format: "%02d", 1 + file / 20))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let events = (0..<12).map { index in
                #"{"eventTime":"2026-10-\#(String(format: "%02d", 1 + file / 20))T\#(String(format: "%02d", index)):00:00Z","#
                    + #""eventSource":"ecs.amazonaws.com","eventName":"UpdateService","userIdentity":{"type":"AssumedRole","#
                    + #""arn":"arn:aws:sts::1:assumed-role/r\#(random.next() % 3)/s\#(file % 5)","accountId":"1"},"#
                    + #""userAgent":"agent-\#((UInt64(file) * 3 + random.next() % 4) % 40)","recipientAccountId":"1"}"#
            }
            var text = #"{"Records":["# + events.joined(separator: ",") + "]}"
            if file == files / 3 { text = String(text.prefix(text.count / 2)) }
            try text.write(
                to: folder.appendingPathComponent(String(format: "1_CloudTrail_eu-west-1_%05d.json", file)),
                atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func theSameInventoryWhateverTheNumberOfWorkers() throws {
        let folder = try Self.trail(files: 3 * Collector.maxRunFiles + 17)
        let encoder = NHIJSON.encoder()
        let one = try Collector(options: .init(keepGoing: true, workers: 1)).collect(folder: folder)
        #expect(one.ledger.entries.count == 3 * Collector.maxRunFiles + 17 && one.ledger.failedFiles.count == 1)
        #expect(one.activity.contains { $0.userAgents.overflow > 0 })
        for workers in [2, 3, 8] {
            let other = try Collector(options: .init(keepGoing: true, workers: workers)).collect(folder: folder)
            #expect(try encoder.encode(other) == encoder.encode(one), "\(workers) workers")
        }
    }
}

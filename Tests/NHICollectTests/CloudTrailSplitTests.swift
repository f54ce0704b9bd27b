import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// A large JSON-lines trail is read in two parts on two threads (`LineSplit`); what it yields must
/// be what reading it whole yields, to the ledger's locators and the counters' kept values.
@Suite struct CloudTrailSplitTests {
    /// Events whose counters fill up only in the second half (the first half draws from fewer user
    /// agents and addresses), with malformed, blank, CRLF-ended and principal-less lines on both sides.
    private static func trail(events: Int) -> String {
        var random = SplitMix64(seed: 7)
        var lines: [String] = []
        for index in 0..<events {
            let late = index >= events / 2
            if index % 97 == 5 { lines.append(#"{"eventTime":"2026-10-01T00:00:00Z","eventSource":"#); continue }
            if index % 89 == 3 { lines.append("") }
            // Only after the cut: a rejection and an action of their own, whose locators and examples name lines there.
            if late && index % 83 == 0 {
                lines.append(
                    #"{"eventTime":"yesterday","eventSource":"ecs.amazonaws.com","eventName":"DeleteService","recipientAccountId":"1"}"#
                )
            }
            let agents = late ? 30 : 9
            let user =
                index % 53 == 0
                ? ""
                : #""userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r\#(random.next() % 4)/s\#(random.next() % 3)","accountId":"1","accessKeyId":"ASIA\#(random.next() % 25)"},"#
            let time =
                "2026-10-\(String(format: "%02d", 1 + index * 27 / events))T\(String(format: "%02d", index % 24)):00:00Z"
            let readOnly = random.next() % 2 == 0
            let name = late && index % 5 == 0 ? "DeleteService" : readOnly ? "DescribeServices" : "UpdateService"
            var line =
                #"{"eventTime":"\#(time)","eventSource":"ecs.amazonaws.com","eventName":"\#(name)","# + user
                + #""userAgent":"agent-\#(random.next() % UInt64(agents))\#(index % 7 == 0 ? "é" : "")","sourceIPAddress":"10.0.0.\#(random.next() % UInt64(agents))","#
                + #""recipientAccountId":"\#(1 + random.next() % 2)","requestParameters":{"cluster":"c","service":"s\#(index % 3)"}}"#
            if index % 11 == 0 { line += "\r" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func read(_ url: URL, splitFrom minimum: Int64) throws -> (builder: InventoryBuilder, ledger: LedgerEntry) {
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! NSNumber).int64Value
        let file = SourceFile(url: url, relativePath: "trail.jsonl", sha256: "", size: size)
        let builder = InventoryBuilder()
        var ledger = LedgerEntry(file: file.relativePath, format: CloudTrailReader.format, sha256: "", size: size)
        let carry = ReaderCarry()
        try CloudTrailReader.read(
            file, context: CollectContext(scope: Scope(organisation: "t")), into: builder, ledger: &ledger,
            carry: carry, splitFrom: minimum)
        if let activity = carry.finishRun() { builder.merge(activity) }
        return (builder, ledger)
    }

    /// Everything as read whole, but a counter that overflows in the second part: it keeps the same
    /// values with the same total, though a value the first part kept may see its later
    /// occurrences counted in overflow (the second part could not know to keep it).
    @Test func aTrailReadInTwoPartsAggregatesAsReadWhole() throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("trail.jsonl")
        try Self.trail(events: 3000).write(to: url, atomically: true, encoding: .utf8)
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! NSNumber).int64Value
        let cut = try #require(
            try LineSplit.offset(of: SourceFile(url: url, relativePath: "t", sha256: "", size: size), minimum: 0))
        #expect(cut > size / 4 && cut < size / 2)
        // The first newline from the quarter on, which falls inside a record: the cut moves to its end.
        let bytes = try Data(contentsOf: url)
        #expect(bytes[Int(cut) - 1] == 0x0A && !bytes[Int(size / 4 - 1)..<Int(cut) - 1].contains(0x0A))

        let whole = try read(url, splitFrom: .max), parts = try read(url, splitFrom: 0)
        #expect(whole.ledger.rejected > 10 && whole.ledger.accepted > 2000)
        #expect(parts.ledger == whole.ledger)
        #expect(parts.ledger.sha256 == (try FileDigest.sha256(of: url)).hex)
        #expect(Set(parts.builder.activity.keys) == Set(whole.builder.activity.keys))
        #expect(whole.builder.activity.values.contains { $0.userAgents.overflow > 0 })
        for (key, record) in whole.builder.activity {
            guard var split = parts.builder.activity[key] else { continue }
            let at = "\(key.identity) \(key.action) \(key.account ?? "-")"
            for path in [\ActivityRecord.userAgents, \.sourceIPs, \.credentialIds, \.sessionNames, \.actors] {
                let mine = split[keyPath: path], expected = record[keyPath: path]
                if expected.overflow == 0 {
                    #expect(mine == expected, "\(at)")
                } else {
                    #expect(Set(mine.counts.keys) == Set(expected.counts.keys), "\(at)")
                    #expect(
                        mine.counts.values.reduce(mine.overflow, +)
                            == expected.counts.values.reduce(expected.overflow, +), "\(at)")
                    #expect(mine.counts.allSatisfy { $0.value <= expected.counts[$0.key]! }, "\(at)")
                }
                split[keyPath: path] = expected
            }
            #expect(split == record, "\(at)")
        }
        #expect(
            parts.builder.coverage == whole.builder.coverage
                && parts.builder.coverageHours == whole.builder.coverageHours)
    }

    /// Mutated trails (bit flips, quotes, brackets, newlines inserted and cut, control bytes): read
    /// in two parts, every record is accounted for exactly as read whole, and the same keys count
    /// the same events.
    @Test func mutatedTrailsReadInTwoPartsAccountAsReadWhole() throws {
        let folder = try Fixtures.temporaryFolder()
        let seed = Array(Self.trail(events: 120).utf8)
        var mutator = SeedMutator(seed: 26)
        for round in 0..<150 {
            let url = folder.appendingPathComponent("trail-\(round).jsonl")
            try Data(mutator.mutate(seed)).write(to: url)
            let whole = Result { try read(url, splitFrom: .max) }, parts = Result { try read(url, splitFrom: 0) }
            switch (whole, parts) {
            case let (.success(whole), .success(parts)):
                #expect(parts.ledger == whole.ledger && parts.ledger.isBalanced, "round \(round)")
                #expect(
                    parts.builder.activity.mapValues(\.count) == whole.builder.activity.mapValues(\.count),
                    "round \(round)")
            case let (.failure(whole), .failure(parts)):
                #expect("\(parts)" == "\(whole)", "round \(round)")
            default:
                Issue.record("round \(round): read whole \(whole), in two parts \(parts)")
            }
        }
    }

    /// Only plain JSON lines are cut: a `{"Records":[…]}` file, a gzip file and a file whose only
    /// newline is its last byte are read whole.
    @Test func onlyPlainJSONLinesAreCut() throws {
        let folder = try Fixtures.temporaryFolder()
        func cut(_ url: URL) throws -> Int64? {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! NSNumber).int64Value
            return try LineSplit.offset(of: SourceFile(url: url, relativePath: "t", sha256: "", size: size), minimum: 0)
        }
        #expect(try cut(awsFixture("cloudtrail/records.json")) == nil)
        #expect(try cut(awsFixture("cloudtrail/records.json.gz")) == nil)
        let one = folder.appendingPathComponent("one.jsonl")
        // Split by UTF-8 newlines: as Characters, a CRLF is not a newline.
        try (Self.trail(events: 2).components(separatedBy: "\n")[1] + "\n").write(
            to: one, atomically: true, encoding: .utf8)
        #expect(try cut(one) == nil)
        let two = folder.appendingPathComponent("two.jsonl")
        try Self.trail(events: 3).write(to: two, atomically: true, encoding: .utf8)
        #expect(try cut(two) != nil)
    }
}

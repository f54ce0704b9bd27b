import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// The ledger names the first and last time of the records each audit file contributed: over the
/// accepted events only, whatever their order in the file, and nothing for files without times.
@Suite struct LedgerRecordTimesTests {
    private func write(_ name: String, _ lines: [String]) throws -> URL {
        let url = try Fixtures.temporaryFolder().appendingPathComponent(name)
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private static func cloudTrail(_ time: String, name: String = "UpdateService", identity: Bool = true) -> String {
        let user = identity ? #""userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/ci","accountId":"1"},"# : ""
        return
            #"{"eventTime":"\#(time)","eventSource":"ecs.amazonaws.com","eventName":"\#(name)",\#(user)"recipientAccountId":"1"}"#
    }

    @Test func cloudTrailFilesNameTheirAcceptedEventsFirstAndLastTime() throws {
        let url = try write(
            "trail.jsonl",
            [
                Self.cloudTrail("2026-10-02T10:00:00Z"),
                Self.cloudTrail("2026-10-01T08:30:00Z"),
                // Rejected (no eventName): its earlier time is not the file's.
                #"{"eventTime":"2026-09-01T00:00:00Z","eventSource":"ecs.amazonaws.com","recipientAccountId":"1"}"#,
                // Accepted for log coverage only (no principal): its time counts.
                Self.cloudTrail("2026-10-03T12:00:00Z", identity: false),
                Self.cloudTrail("2026-10-02T11:00:00Z"),
            ])
        let ledger = try readFile(CloudTrailReader.self, url).ledger
        #expect(ledger.accepted == 4 && ledger.rejected == 1)
        #expect(ledger.firstRecordAt == ISO8601.parse("2026-10-01T08:30:00Z"))
        #expect(ledger.lastRecordAt == ISO8601.parse("2026-10-03T12:00:00Z"))
    }

    /// A run of files sharing the aggregator's tables: each file names its own times, not the run's.
    @Test func cloudTrailFilesOfOneRunNameTheirOwnTimes() throws {
        let folder = try Fixtures.temporaryFolder()
        let files = [
            ("a.jsonl", "2026-10-05T00:00:00Z", "2026-10-06T00:00:00Z"),
            ("b.jsonl", "2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z"),
        ]
        for (name, first, last) in files {
            try [Self.cloudTrail(last), Self.cloudTrail(first)].joined(separator: "\n")
                .write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let entries = try Collector().collect(folder: folder).ledger.entries
        #expect(entries.map(\.file) == ["a.jsonl", "b.jsonl"])
        for (entry, (_, first, last)) in zip(entries, files) {
            #expect(
                entry.firstRecordAt == ISO8601.parse(first) && entry.lastRecordAt == ISO8601.parse(last),
                "\(entry.file)")
        }
    }

    @Test func kubernetesAuditFilesNameTheirCountedEventsFirstAndLastTime() throws {
        func event(_ id: String, _ time: String, user: Bool = true) -> String {
            let who = user ? #""user":{"username":"system:serviceaccount:ci:deployer"},"# : ""
            return
                #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"\#(id)","stage":"ResponseComplete","verb":"get",\#(who)"objectRef":{"resource":"pods","namespace":"ci"},"stageTimestamp":"\#(time)"}"#
        }
        let url = try write(
            "audit.log",
            [
                event("a", "2026-10-02T10:00:00Z"), event("b", "2026-10-01T09:00:00Z"),
                // Rejected (no user): its earlier time is not the file's.
                event("c", "2026-09-01T00:00:00Z", user: false),
                event("d", "2026-10-04T07:00:00Z"),
            ])
        let ledger = try readFile(KubernetesAuditReader.self, url).ledger
        #expect(ledger.accepted == 3 && ledger.rejected == 1)
        #expect(ledger.firstRecordAt == ISO8601.parse("2026-10-01T09:00:00Z"))
        #expect(ledger.lastRecordAt == ISO8601.parse("2026-10-04T07:00:00Z"))
    }

    @Test func filesWithoutRecordTimesNameNone() throws {
        let ledger = try readFile(CredentialReportReader.self, awsFixture("credential-report.csv")).ledger
        #expect(ledger.accepted > 0)
        #expect(ledger.firstRecordAt == nil && ledger.lastRecordAt == nil)
    }
}

import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// The interning aggregator must give exactly what recording every event through
/// `InventoryBuilder.recordActivity` gives (the straightforward path, rebuilt here as reference).
@Suite struct CloudTrailAggregationTests {
    static func reference(_ url: URL) throws -> InventoryBuilder {
        let digest = try FileDigest.sha256(of: url)
        let file = SourceFile(url: url, relativePath: url.lastPathComponent, sha256: digest.hex, size: digest.size)
        let builder = InventoryBuilder()
        let buffer = StreamBuffer(
            source: try ByteSources.open(url, displayName: file.relativePath), displayName: file.relativePath)
        var stream = JSONRecordStream(buffer: buffer, file: file.relativePath)
        let cache = CloudTrailPrincipal.Cache()
        try stream.forEachRecord { bytes, line, index in
            guard let event = try? CloudTrailEvent.scan(bytes), let timeText = event.eventTime,
                let source = event.eventSource, let name = event.eventName, !source.isEmpty, !name.isEmpty,
                let time = TimestampParser.parse(timeText)
            else { return }
            let account = event.recipientAccountId ?? event.identity.accountId
            let environment = CollectContext(scope: Scope(organisation: "t")).environment(
                platform: .aws, account: account)
            guard let principal = CloudTrailPrincipal.of(event.identity, cache: cache) else {
                builder.noteCoverage(
                    environment: environment, platform: .aws, account: account, at: time, file: file.relativePath)
                return
            }
            let readOnly = event.readOnly ?? CloudTrailReader.looksReadOnly(name)
            builder.recordActivity(
                identity: principal.identity, platform: .aws,
                action: "\(source.split(separator: ".").first!):\(name)",
                requestFields: readOnly ? [] : CloudTrailReader.requestFields(event.requestParameterNames),
                environment: environment, account: account, readOnly: readOnly, at: time,
                denied: CloudTrailReader.isDenied(event.errorCode), userAgent: event.userAgent,
                sourceIP: event.sourceIPAddress,
                credentialId: event.identity.accessKeyId, sessionName: principal.sessionName, actor: principal.actor,
                evidence: file.ref(line: line, record: index), sourceFile: file.relativePath)
        }
        return builder
    }

    private func expectSame(_ url: URL) throws {
        let fast = try readFile(CloudTrailReader.self, url).builder
        let slow = try Self.reference(url)
        #expect(
            fast.activity.keys.sorted { "\($0)" < "\($1)" } == slow.activity.keys.sorted { "\($0)" < "\($1)" },
            "\(url.lastPathComponent)")
        for (key, record) in slow.activity where fast.activity[key] != record {
            Issue.record(
                "\(url.lastPathComponent): \(key.identity) \(key.action) \(key.requestFields): fast \(String(describing: fast.activity[key])) slow \(record)"
            )
        }
        #expect(fast.coverage == slow.coverage, "\(url.lastPathComponent)")
        #expect(fast.coverageHours == slow.coverageHours, "\(url.lastPathComponent)")
    }

    @Test func ownFixturesAggregateAsEventByEventRecording() throws {
        for name in ["records.json", "records.json.gz", "array.json", "lines.jsonl"] {
            try expectSame(awsFixture("cloudtrail/\(name)"))
        }
    }

    /// Many events on few keys: more distinct user agents than a counter keeps, denied writes,
    /// missing readOnly, escaped values, request field sets beyond the cap.
    @Test func generatedEventsAggregateAsEventByEventRecording() throws {
        var random = SplitMix64(seed: 7)
        var lines: [String] = []
        for index in 0..<600 {
            let role = ["deploy", "ops", "d\\u00e9ploy"][Int(random.next() % 3)]
            let name = ["UpdateStack", "DescribeStacks", "SetDesiredCapacity", "ListThings"][Int(random.next() % 4)]
            let fields = (0..<(random.next() % 4 == 0 ? 10 + Int(random.next() % 5) : 0)).map { "\"f\($0)\":\($0)" }
                .joined(separator: ",")
            let readOnly = random.next() % 3 == 0 ? "" : ",\"readOnly\":\(random.next() % 2 == 0)"
            let error = random.next() % 7 == 0 ? ",\"errorCode\":\"AccessDenied\"" : ""
            let hour = Int(random.next() % 48)
            lines.append(
                """
                {"eventTime":"2026-10-\(String(format: "%02d", 1 + hour / 24))T\(String(format: "%02d", hour % 24)):00:\(String(format: "%02d", index % 60))Z",\
                "eventSource":"cloudformation.amazonaws.com","eventName":"\(name)","recipientAccountId":"\(["1", "2"][index % 2])",\
                "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/\(role)/s\(random.next() % 20)","accessKeyId":"ASIA\(random.next() % 30)"},\
                "userAgent":"agent-\(random.next() % 40)","sourceIPAddress":"10.0.0.\(random.next() % 20)","requestParameters":{\(fields)}\(readOnly)\(error)}
                """)
        }
        let url = try Fixtures.temporaryFolder().appendingPathComponent("generated.jsonl")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        try expectSame(url)
        let builder = try readFile(CloudTrailReader.self, url).builder
        #expect(builder.activity.values.contains { $0.userAgents.overflow > 0 })
        #expect(builder.activity.values.contains { $0.requestFields.last == "+more" })
        #expect(builder.activity.keys.contains { $0.identity.rawValue == "arn:aws:iam::1:role/déploy" })
    }

    /// Callers drawn at random from thousands, as in the bench's worst case: thousands of records,
    /// principal keys and access keys, so that the record index and the memo tables grow (and
    /// re-place what they hold) many times while every event's lookups are asked for ahead.
    @Test func manyCallersAggregateAsEventByEventRecording() throws {
        var random = SplitMix64(seed: 11)
        var lines: [String] = []
        for index in 0..<3_000 {
            let role = "role-\(random.next() % 800)"
            let name = ["UpdateStack", "DescribeStacks", "SetDesiredCapacity"][Int(random.next() % 3)]
            let type = random.next() % 5 == 0 ? "IAMUser" : "AssumedRole"
            let arn =
                type == "IAMUser"
                ? "arn:aws:iam::1:user/\(role)" : "arn:aws:sts::1:assumed-role/\(role)/s\(random.next() % 7)"
            lines.append(
                """
                {"eventTime":"2026-10-01T\(String(format: "%02d", index % 24)):00:\(String(format: "%02d", index % 60))Z",\
                "eventSource":"cloudformation.amazonaws.com","eventName":"\(name)","recipientAccountId":"\(["1", "2"][Int(random.next() % 2)])",\
                "userIdentity":{"type":"\(type)","arn":"\(arn)","accessKeyId":"AKIA\(random.next() % 4_000)","principalId":"P\(index)"},\
                "userAgent":"agent-\(random.next() % 3)","sourceIPAddress":"10.0.\(random.next() % 40).\(random.next() % 250)"}
                """)
        }
        let url = try Fixtures.temporaryFolder().appendingPathComponent("callers.jsonl")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        try expectSame(url)
        #expect(try readFile(CloudTrailReader.self, url).builder.activity.count > 1_000)
    }

    /// Many sessions of few roles (a session name per CI job or SDK process), with and without
    /// invokedBy, sessions whose role part is written two ways that are the same String (é composed
    /// and decomposed), session names with slashes or none, other partitions and regions, and
    /// session ARNs under other principal types (some of which resolve them otherwise): a new session of a role seen before resolves
    /// through that role (`AssumedRoleARN`), and aggregates as resolving each principal does.
    @Test func sessionsOfKnownRolesAggregateAsEventByEventRecording() throws {
        var random = SplitMix64(seed: 5)
        let roles = [
            "arn:aws:sts::1:assumed-role/deploy", "arn:aws:sts::1:assumed-role/d\u{E9}ploy",
            "arn:aws:sts::1:assumed-role/de\u{301}ploy",
            "arn:aws:sts::1:assumed-role/d\\u00e9ploy",
            "arn:aws-cn:sts:cn-north-1:2:assumed-role/ops", "arn:aws:sts::1:assumed-role/",
        ]
        let sessions = ["s", "", "a/b", "s\u{E9}", "s\\u00e9", "botocore-session-"]
        var lines: [String] = []
        for index in 0..<2_000 {
            let role = roles[Int(random.next() % UInt64(roles.count))]
            let session =
                sessions[Int(random.next() % UInt64(sessions.count))]
                + (random.next() % 2 == 0 ? "\(random.next() % 300)" : "")
            let type = ["AssumedRole", "AssumedRole", "AssumedRole", "AWSService", "AWSAccount", "FederatedUser"][
                Int(random.next() % 6)]
            let invokedBy =
                random.next() % 4 == 0
                ? #","invokedBy":"\#(["ecs", "lambda"][Int(random.next() % 2)]).amazonaws.com""# : ""
            let arn = random.next() % 20 == 0 ? role : "\(role)/\(session)"
            lines.append(
                """
                {"eventTime":"2026-10-01T\(String(format: "%02d", index % 24)):00:\(String(format: "%02d", index % 60))Z",\
                "eventSource":"ecs.amazonaws.com","eventName":"\(["UpdateService", "DescribeServices"][Int(random.next() % 2)])",\
                "recipientAccountId":"1","userIdentity":{"type":"\(type)","arn":"\(arn)","accountId":"1"\(invokedBy)},\
                "userAgent":"agent","sourceIPAddress":"10.0.0.\(random.next() % 4)"}
                """)
        }
        let url = try Fixtures.temporaryFolder().appendingPathComponent("sessions.jsonl")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        try expectSame(url)
        let activity = try readFile(CloudTrailReader.self, url).builder.activity
        #expect(activity.values.contains { $0.sessionNames.counts.count > 10 })
        #expect(activity.keys.contains { $0.identity.rawValue == "arn:aws:iam::1:role/d\u{E9}ploy" })
    }

    /// Events are counted two events after they are read (`stage`): files of one to six events on
    /// two keys, in every order of keys and with rejected events between, so that a key's first
    /// and second events are staged together, a file ends with nothing, one or two events staged,
    /// and a rejected event leaves what is staged as it was. Each aggregates as recorded event by event.
    @Test func eventsCountedLateAggregateAsEventByEventRecording() throws {
        let folder = try Fixtures.temporaryFolder()
        func event(_ kind: Int, _ index: Int) -> String {
            // Rejected for its time, after its other values are looked up (a file of nothing else is still CloudTrail).
            if kind == 2 {
                return
                    #"{"eventTime":"yesterday","eventSource":"ecs.amazonaws.com","eventName":"UpdateService","userAgent":"late"}"#
            }
            return """
                {"eventTime":"2026-10-01T00:00:\(String(format: "%02d", index))Z","eventSource":"ecs.amazonaws.com",\
                "eventName":"\(["UpdateService", "DescribeServices"][kind])","recipientAccountId":"1",\
                "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/deploy/s"},\
                "userAgent":"agent-\(index % 3)","sourceIPAddress":"10.0.0.\(index)"}
                """
        }
        var files = 0
        for count in 1...6 {
            // Each event is one of two keys or rejected (kind 2): every sequence up to four events, then samples.
            var random = SplitMix64(seed: UInt64(count))
            let sequences =
                count <= 4
                ? (0..<Int(pow(3, Double(count)))).map { number in
                    (0..<count).map { number / Int(pow(3, Double($0))) % 3 }
                }
                : (0..<40).map { _ in (0..<count).map { _ in Int(random.next() % 3) } }
            for kinds in sequences {
                let url = folder.appendingPathComponent("late-\(files).jsonl")
                files += 1
                try kinds.enumerated().map { event($1, $0) }.joined(separator: "\n").write(
                    to: url, atomically: true, encoding: .utf8)
                try expectSame(url)
                let ledger = try readFile(CloudTrailReader.self, url).ledger
                #expect(
                    ledger.accepted == kinds.filter { $0 != 2 }.count
                        && ledger.rejected == kinds.filter { $0 == 2 }.count)
            }
        }
        #expect(files > 150)
    }

    /// Few userIdentity objects, repeated byte for byte (so the aggregator reuses what it derived
    /// from each, by the C walk's memo stamps), under events whose other fields change; some
    /// identities escaped, one too long to memoise, and one with invalid UTF-8 in its access key
    /// (rejected every time it comes).
    @Test func repeatedIdentitiesAggregateAsEventByEventRecording() throws {
        let identities = [
            #"{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/deploy/s1","accountId":"1","accessKeyId":"ASIA1","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::1:role/deploy"}}}"#,
            #"{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/deploy/s2","accountId":"1","accessKeyId":"ASIA2"}"#,
            #"{"type":"IAMUser","arn":"arn:aws:iam::2:user/ci","accountId":"2","accessKeyId":"AKIA\u0031","userName":"ci"}"#,
            #"{"type":"AWSService","invokedBy":"ecs.amazonaws.com"}"#,
            #"{"type":"IAMUser","arn":"arn:aws:iam::2:user/long","accountId":"2","principalId":"\#(String(repeating: "P", count: 1_100))"}"#,
            #"{"type":"IAMUser","arn":"arn:aws:iam::2:user/bad","accountId":"2","accessKeyId":"AKIA!"}"#,
        ]
        var random = SplitMix64(seed: 11)
        var lines: [[UInt8]] = []
        var bad = 0
        for index in 0..<400 {
            let which = Int(random.next() % UInt64(identities.count))
            let name = ["UpdateStack", "DescribeStacks"][Int(random.next() % 2)]
            let error = random.next() % 9 == 0 ? ",\"errorCode\":\"AccessDenied\"" : ""
            let agent = "agent-\(random.next() % 5)"
            var line = Array(
                """
                {"eventTime":"2026-10-01T\(String(format: "%02d", index / 60 % 24)):\(String(format: "%02d", index % 60)):00Z",\
                "eventSource":"cloudformation.amazonaws.com","eventName":"\(name)","recipientAccountId":"\(["1", "2", "3"][index % 3])",\
                "sourceIPAddress":"10.0.0.\(random.next() % 4)"\(error),"userIdentity":\(identities[which]),"userAgent":"\(agent)"}
                """.utf8)
            if which == identities.count - 1 {
                line[line.lastIndex(of: 0x21)!] = 0xFF
                bad += 1
            }
            lines.append(line)
        }
        let url = try Fixtures.temporaryFolder().appendingPathComponent("repeated.jsonl")
        try Data(lines.joined(separator: [0x0A])).write(to: url)
        try expectSame(url)
        let read = try readFile(CloudTrailReader.self, url)
        #expect(bad > 50 && read.ledger.rejected == bad && read.ledger.accepted == lines.count - bad)
        #expect(read.builder.activity.keys.contains { $0.identity.rawValue == "arn:aws:iam::2:user/long" })
    }

    /// An event with invalid UTF-8 in any value the aggregates use is rejected as malformed and
    /// leaves no trace: not in activity, not in coverage, whichever value it is and whether or
    /// not the memo tables have seen the rest of the event before.
    @Test func invalidUTF8RejectsTheEventWithoutATrace() throws {
        func event(
            _ agent: String, ip: String = "10.0.0.1", arn: String = "arn:aws:sts::1:assumed-role/deploy/s",
            hour: Int = 1
        ) -> [UInt8] {
            Array(
                ("{\"eventTime\":\"2026-10-01T\(String(format: "%02d", hour)):00:00Z\",\"eventSource\":\"ecs.amazonaws.com\","
                    + "\"eventName\":\"UpdateService\",\"recipientAccountId\":\"1\",\"userIdentity\":{\"type\":\"AssumedRole\","
                    + "\"arn\":\"\(arn)\"},\"userAgent\":\"\(agent)\",\"sourceIPAddress\":\"\(ip)\"}").utf8)
        }
        let good = [event("cli"), event("sdk", hour: 2)]
        var badAgent = event("cli!", hour: 3), badIP = event("cli", ip: "10.0.0.2!", hour: 4)
        var badArn = event("cli", arn: "arn:aws:sts::1:assumed-role/deploy/s!", hour: 5)
        for index in [badAgent.lastIndex(of: 0x21)!] { badAgent[index] = 0xFF }
        for index in [badIP.lastIndex(of: 0x21)!] { badIP[index] = 0xC3 }
        for index in [badArn.lastIndex(of: 0x21)!] { badArn[index] = 0xFE }
        let folder = try Fixtures.temporaryFolder()
        let clean = folder.appendingPathComponent("clean.jsonl"), mixed = folder.appendingPathComponent("mixed.jsonl")
        try Data(good.joined(separator: [0x0A])).write(to: clean)
        try Data([good[0], badAgent, badIP, badArn, good[1]].joined(separator: [0x0A])).write(to: mixed)
        let expected = try readFile(CloudTrailReader.self, clean), actual = try readFile(CloudTrailReader.self, mixed)
        #expect(actual.ledger.accepted == 2 && actual.ledger.rejected == 3)
        #expect(actual.ledger.rejections.map(\.reason) == ["malformed JSON: invalid UTF-8 in string"])
        // Each locator's column is the opening quote of the bad value.
        #expect(
            actual.ledger.rejections.first?.locators == ["mixed.jsonl:2:219", "mixed.jsonl:3:243", "mixed.jsonl:4:167"])
        #expect(actual.builder.activity.count == expected.builder.activity.count)
        for (key, record) in expected.builder.activity {
            var mine = actual.builder.activity[key]
            mine?.examples = record.examples
            #expect(mine == record)
        }
        #expect(actual.builder.coverage.values.map(\.events) == [2])
        #expect(actual.builder.coverageHours == expected.builder.coverageHours)
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func realLogsAggregateAsEventByEventRecording() throws {
        for folder in ["aws-cloudtrail/stratus-red-team", "aws-cloudtrail/s3-delivered"] {
            let directory = Fixtures.sharedFile(folder)!
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                try expectSame(directory.appendingPathComponent(name))
            }
        }
    }

    /// A file whose distinct values outgrow the memo tables' byte bound is flushed part way and
    /// read on; the result is the same, and so are the digests the example events carry.
    @Test func aFileFlushedPartWayAggregatesTheSame() throws {
        let agent = String(repeating: "a", count: 1 << 20)
        var lines: [String] = []
        for index in 0..<(CloudTrailAggregator.maxValueBytes >> 20) + 8 {
            lines.append(
                """
                {"eventTime":"2026-10-01T00:\(String(format: "%02d", index % 60)):00Z","eventSource":"ecs.amazonaws.com",\
                "eventName":"UpdateService","recipientAccountId":"1","userIdentity":{"type":"AssumedRole",\
                "arn":"arn:aws:sts::1:assumed-role/deploy/s"},"userAgent":"\(index)\(agent)","sourceIPAddress":"10.0.0.\(index % 3)"}
                """)
        }
        let url = try Fixtures.temporaryFolder().appendingPathComponent("long-agents.jsonl")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        try expectSame(url)
        // As the collector passes it: no digest yet, so the reader hashes while reading, and in a
        // pass of its own when it must flush before the end.
        let file = SourceFile(url: url, relativePath: url.lastPathComponent, sha256: "", size: 0)
        let builder = InventoryBuilder()
        var ledger = LedgerEntry(file: file.relativePath, format: CloudTrailReader.format, sha256: "", size: 0)
        try CloudTrailReader.read(
            file, context: CollectContext(scope: Scope(organisation: "test")), into: builder, ledger: &ledger)
        let digest = try FileDigest.sha256(of: url)
        #expect(ledger.accepted == lines.count && ledger.sha256 == digest.hex && ledger.size == digest.size)
        let examples = builder.activity.values.flatMap(\.examples)
        #expect(!examples.isEmpty && examples.allSatisfy { $0.sha256 == digest.hex })
        #expect(builder.activity.values.map(\.count) == [lines.count])
    }

    /// The runs of a collection share resolved principals (`ReaderCarry.cloudTrailPrincipals`): a
    /// file read after others, in a run of its own, aggregates exactly as it does alone.
    @Test func principalsSharedBetweenRunsChangeNothing() throws {
        let names = ["records.json", "array.json", "lines.jsonl", "records.json.gz"]
        let context = CollectContext(scope: Scope(organisation: "test"))
        let principals = CloudTrailPrincipalMemo()
        for name in names {
            let url = awsFixture("cloudtrail/\(name)")
            let digest = try FileDigest.sha256(of: url)
            let file = SourceFile(url: url, relativePath: url.lastPathComponent, sha256: digest.hex, size: digest.size)
            let builder = InventoryBuilder()
            var ledger = LedgerEntry(
                file: file.relativePath, format: CloudTrailReader.format, sha256: digest.hex, size: digest.size)
            let carry = ReaderCarry(principals: principals)
            try CloudTrailReader.read(file, context: context, into: builder, ledger: &ledger, carry: carry)
            if let activity = carry.finishRun() { builder.merge(activity) }
            let alone = try readFile(CloudTrailReader.self, url)
            #expect(builder.activity == alone.builder.activity, "\(name)")
            #expect(ledger == alone.ledger, "\(name)")
        }
    }

    /// Files read one after another with one carry, as the collector reads a run of small files,
    /// aggregate each exactly as they do alone, whatever the memo tables kept from the files
    /// before: the same principals, values and actions again, files whose scope overrides the
    /// account or environment of the same account ids, and a file that is not CloudTrail (it
    /// fails, and leaves nothing to carry on from). The run's activity is taken after each file.
    @Test func filesReadWithOneCarryAggregateAsAlone() throws {
        let scope = Scope(
            organisation: "test", environments: [EnvironmentScope(name: "prod", production: true, awsAccounts: ["1"])])
        let folder = try Fixtures.temporaryFolder()
        var random = SplitMix64(seed: 23)
        func generated(_ name: String, events: Int) throws -> URL {
            let lines = (0..<events).map { index in
                """
                {"eventTime":"2026-10-0\(1 + index % 3)T0\(index % 10):00:00Z","eventSource":"ecs.amazonaws.com",\
                "eventName":"\(["UpdateService", "DescribeServices"][Int(random.next() % 2)])","recipientAccountId":"\(1 + random.next() % 2)",\
                "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r\(random.next() % 6)/s\(random.next() % 3)",\
                "accountId":"1","accessKeyId":"ASIA\(random.next() % 40)"},"userAgent":"agent-\(random.next() % 25)",\
                "sourceIPAddress":"10.0.0.\(random.next() % 9)","requestParameters":{"cluster":"c","service":"s\(index % 2)"}}
                """
            }
            let url = folder.appendingPathComponent(name)
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
            return url
        }
        let notCloudTrail = folder.appendingPathComponent("other.jsonl")
        try #"{"hello":"world"}"#.write(to: notCloudTrail, atomically: true, encoding: .utf8)
        let files: [(url: URL, environment: String?, account: String?)] = [
            (try generated("a.jsonl", events: 300), nil, nil),
            (awsFixture("cloudtrail/records.json"), nil, nil),
            (try generated("b.jsonl", events: 200), "staging", nil),
            (try generated("c.jsonl", events: 200), nil, "999"),
            (notCloudTrail, nil, nil),
            (try generated("d.jsonl", events: 100), nil, nil),
            (awsFixture("cloudtrail/records.json.gz"), nil, nil),
            (try generated("e.jsonl", events: 250), "staging", "999"),
        ]
        let carry = ReaderCarry()
        let context = CollectContext(scope: scope)
        var read = 0
        for (url, environment, account) in files {
            let alone = try? readFile(
                CloudTrailReader.self, url, scope: scope, environment: environment, account: account)
            let digest = try FileDigest.sha256(of: url)
            let file = SourceFile(
                url: url, relativePath: url.lastPathComponent, sha256: digest.hex, size: digest.size,
                environmentOverride: environment, accountOverride: account)
            let builder = InventoryBuilder()
            var ledger = LedgerEntry(
                file: file.relativePath, format: CloudTrailReader.format, sha256: digest.hex, size: digest.size)
            do {
                try CloudTrailReader.read(file, context: context, into: builder, ledger: &ledger, carry: carry)
                if let activity = carry.finishRun() { builder.merge(activity) }
            } catch {
                #expect(alone == nil && url == notCloudTrail && carry.cloudTrail == nil)
                continue
            }
            let expected = try #require(alone, "\(url.lastPathComponent)")
            #expect(carry.cloudTrail != nil)
            #expect(Set(builder.activity.keys) == Set(expected.builder.activity.keys), "\(url.lastPathComponent)")
            for (key, record) in expected.builder.activity where builder.activity[key] != record {
                Issue.record("\(url.lastPathComponent): \(key.identity) \(key.action) \(key.environment) differs")
            }
            #expect(
                builder.coverage == expected.builder.coverage
                    && builder.coverageHours == expected.builder.coverageHours, "\(url.lastPathComponent)")
            #expect(ledger == expected.ledger, "\(url.lastPathComponent)")
            read += 1
        }
        #expect(read == files.count - 1)
    }

    @Test func internerGivesOneIdPerDistinctValue() {
        var interner = ValueInterner(capacity: 4)
        var ids: [Int32] = []
        for round in 0..<2 {
            for index in 0..<1000 {
                var text = "value-\(index)-\(String(repeating: "x", count: index % 17))"
                let id = text.withUTF8 { interner.intern($0) }!
                if round == 0 { ids.append(id) } else { #expect(id == ids[index]) }
            }
        }
        #expect(interner.count == 1000 && Set(ids).count == 1000)
        #expect(interner.strings[Int(ids[42])] == "value-42-\(String(repeating: "x", count: 42 % 17))")
        let invalid: [UInt8] = [0x61, 0xFF]
        #expect(invalid.withUnsafeBufferPointer { interner.intern($0) } == nil)
    }

    /// The interner's ASCII flags, by which flushes skip reading each counted name again, agree
    /// with the names (random bytes, some of them above 0x7F, some invalid UTF-8).
    @Test func internerKnowsWhichValuesAreASCII() {
        var interner = ValueInterner(capacity: 4)
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let bytes = (0..<(1 + random.next() % 12)).flatMap { _ -> [UInt8] in
                switch random.next() % 16 {
                case 0: [0xC3, UInt8(0x80 | random.next() % 0x40)]
                case 1 where random.next() % 8 == 0: [0xFF]
                default: [UInt8(0x20 + random.next() % 0x5F)]
                }
            }
            _ = bytes.withUnsafeBufferPointer { interner.intern($0) }
        }
        let ascii = interner.strings.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.count
        #expect(ascii > 100 && ascii < interner.count)
        #expect(interner.isASCII == interner.strings.map { $0.utf8.allSatisfy { $0 < 0x80 } })
    }
}

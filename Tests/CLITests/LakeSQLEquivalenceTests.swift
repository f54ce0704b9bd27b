import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// The DuckDB, Athena and Trino queries of `nhi-audit lake sql`, run on the same CloudTrail as the
/// native reader: the activity.csv they make must give the same identities, per-identity actions
/// and counts, and first and last activity as the native reader does.
@Suite(.enabled(if: LakeTools.available, "\(LakeTools.missingMessage)"))
struct LakeSQLEquivalenceTests {
    static let northwind = Fixtures.packageRoot.appendingPathComponent("evidence/northwind/2026-Q4")

    /// What the comparison looks at, from one evidence folder.
    struct Facts: Equatable {
        /// id → kind, human, first and last activity, environments (as `inventory --format json` prints them).
        var identities: [String: String]
        /// identity → action → calls.
        var actions: [String: [String: Int]]
        /// identity | action | environment | account | read-only → calls, first and last seen.
        var records: [String: String]
    }

    static func facts(_ folder: URL) throws -> Facts {
        let printed = try CLIRunner.run(["inventory", folder.path, "--format", "json"])
        guard printed.status == 0 else { throw LakeError("inventory \(folder.path): \(printed.stderr)") }
        let object = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any]
        var identities: [String: String] = [:]
        for identity in object?["identities"] as? [[String: Any]] ?? [] {
            let fields = ["kind", "isHuman", "firstActivity", "lastActivity", "environments"].map {
                "\(identity[$0] ?? "nil")"
            }
            identities["\(identity["id"]!)"] = fields.joined(separator: " ")
        }
        let inventory = try Collector().collect(folder: folder)
        var actions: [String: [String: Int]] = [:]
        var records: [String: (count: Int, first: Date, last: Date)] = [:]
        for record in inventory.activity {
            actions[record.identity.rawValue, default: [:]][record.action, default: 0] += record.count
            let key = [
                record.identity.rawValue, record.action, record.environment, record.account ?? "", "\(record.readOnly)",
            ].joined(separator: " | ")
            let known = records[key]
            records[key] = (
                (known?.count ?? 0) + record.count, min(known?.first ?? record.firstSeen, record.firstSeen),
                max(known?.last ?? record.lastSeen, record.lastSeen)
            )
        }
        return Facts(
            identities: identities, actions: actions,
            records: records.mapValues {
                "\($0.count) \(ISO8601.string(from: $0.first)) \(ISO8601.string(from: $0.last))"
            })
    }

    /// A folder holding `scope` (when given) and the query's result as activity.csv.
    static func sqlEvidence(_ arguments: [String], scope: URL?, run: (URL, URL) throws -> Void) throws -> URL {
        let folder = try Fixtures.temporaryFolder("nhi-lake-sql")
        let query = try LakeTools.query(
            arguments, into: folder.deletingLastPathComponent(), name: folder.lastPathComponent + ".sql")
        if let scope { try FileManager.default.copyItem(at: scope, to: folder.appendingPathComponent("scope.yaml")) }
        try run(query, folder.appendingPathComponent("activity.csv"))
        return folder
    }

    /// The Northwind quarter's CloudTrail as nhi-audit reads it (S3 layout, .json.gz, with digests),
    /// and the same events converted to one JSON-lines file for DuckDB.
    static func northwindCopies() throws -> (native: URL, lines: URL) {
        let native = try Fixtures.temporaryFolder("nhi-lake-native")
        try FileManager.default.copyItem(
            at: northwind.appendingPathComponent("scope.yaml"), to: native.appendingPathComponent("scope.yaml"))
        for account in ["111122223333", "444455556666"] {
            let target = native.appendingPathComponent("aws/\(account)")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: northwind.appendingPathComponent("aws/\(account)/cloudtrail"),
                to: target.appendingPathComponent("cloudtrail"))
        }
        let lines = try Fixtures.temporaryFolder("nhi-lake-lines").appendingPathComponent("events.jsonl")
        let convert = """
            import glob, gzip, json, sys
            with open(sys.argv[2], "w") as out:
                for path in sorted(glob.glob(sys.argv[1] + "/aws/*/cloudtrail/AWSLogs/*/CloudTrail/**/*.json.gz", recursive=True)):
                    for record in json.load(gzip.open(path))["Records"]:
                        out.write(json.dumps(record) + "\\n")
            """
        let converted = try LakeTools.run(["-c", convert, native.path, lines.path])
        guard converted.status == 0 else { throw LakeError("converting to JSON lines: \(converted.output)") }
        return (native, lines)
    }

    @Test func duckDBOverNorthwindMatchesTheNativeReader() throws {
        let (native, lines) = try Self.northwindCopies()
        let sql = try Self.sqlEvidence(
            ["--engine", "duckdb", "--input", lines.path, "--scope", Self.northwind.path],
            scope: Self.northwind.appendingPathComponent("scope.yaml"), run: LakeTools.runDuckDB)
        let expected = try Self.facts(native), actual = try Self.facts(sql)
        #expect(expected.identities.count >= 20)
        #expect(expected.identities.keys.contains("arn:aws:iam::111122223333:role/deploy-pipeline"))
        #expect(expected.records.count > 40)
        #expect(actual.identities == expected.identities)
        #expect(actual.actions == expected.actions)
        #expect(actual.records == expected.records)
        // Every environment came from the scope's account map.
        #expect(!actual.records.keys.contains { $0.contains(" | unknown | ") })
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func duckDBOverTheSharedCloudTrailFixturesMatchesTheNativeReader() throws {
        let fixtures = try #require(Fixtures.sharedFile("aws-cloudtrail"))
        let native = try Fixtures.temporaryFolder("nhi-lake-native")
        try FileManager.default.copyItem(at: fixtures, to: native.appendingPathComponent("aws-cloudtrail"))
        // JSON arrays (Stratus Red Team) and an S3-delivered {"Records":[…]} file, plain and gzip.
        let sql = try Self.sqlEvidence(
            ["--engine", "duckdb", "--input", fixtures.path + "/*/*.json", "--input", fixtures.path + "/*/*.json.gz"],
            scope: nil, run: LakeTools.runDuckDB)
        let expected = try Self.facts(native), actual = try Self.facts(sql)
        #expect(expected.identities.count >= 10)
        #expect(actual.identities == expected.identities)
        #expect(actual.actions == expected.actions)
        #expect(actual.records == expected.records)
    }

    @Test(arguments: ["athena", "trino"])
    func athenaAndTrinoTextsParseAndMatchTheNativeReader(engine: String) throws {
        let (native, _) = try Self.northwindCopies()
        let glob = native.path + "/aws/*/cloudtrail/AWSLogs/*/CloudTrail/**/*.json.gz"
        let sql = try Self.sqlEvidence(
            ["--engine", engine, "--scope", Self.northwind.path],
            scope: Self.northwind.appendingPathComponent("scope.yaml")
        ) { query, out in
            try LakeTools.runChecked(engine, query, glob: glob, out: out)
        }
        let expected = try Self.facts(native), actual = try Self.facts(sql)
        #expect(expected.records.count > 40)
        #expect(actual.identities == expected.identities)
        #expect(actual.actions == expected.actions)
        #expect(actual.records == expected.records)
    }

    /// One event per way CloudTrail names a caller, and the aggregation's edge cases.
    static let identityCases: [String] = {
        let base =
            #""eventTime":"2026-10-0%dT10:00:00Z","recipientAccountId":"123456789012","sourceIPAddress":"%@","userAgent":"%@""#
        let events: [(String, String, String, String)] = [
            // An IAM user with a path, seen with its long-term key...
            (
                #""eventSource":"s3.amazonaws.com","eventName":"PutObject","requestParameters":{"bucketName":"b","key":"k"}"#,
                #"{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/ci/deployer","accountId":"123456789012","accessKeyId":"AKIAEXAMPLE1","userName":"deployer"}"#,
                "10.0.0.1", "aws-cli/2.15.0 Python/3.11.8"
            ),
            // ...and the same key with no ARN: charged to that user.
            (
                #""eventSource":"s3.amazonaws.com","eventName":"GetObject""#, #"{"accessKeyId":"AKIAEXAMPLE1"}"#,
                "203.0.113.9", "Boto3/1.34.0"
            ),
            // A bare key nobody is tied to.
            (
                #""eventSource":"s3.amazonaws.com","eventName":"ListBuckets""#,
                #"{"type":"IAMUser","accessKeyId":"AKIAEXAMPLE2"}"#, "203.0.113.9", "Boto3/1.34.0"
            ),
            (
                #""eventSource":"ec2.amazonaws.com","eventName":"RunInstances","errorCode":"Client.UnauthorizedOperation""#,
                #"{"type":"IAMUser","accountId":"123456789012","userName":"builder"}"#, "172.20.1.1", "terraform/1.9"
            ),
            (
                #""eventSource":"ecs.amazonaws.com","eventName":"UpdateService","readOnly":false,"requestParameters":{"cluster":"c","service":"s","desiredCount":2}"#,
                #"{"type":"AssumedRole","arn":"arn:aws:sts::123456789012:assumed-role/ops/session-1","accountId":"123456789012","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::123456789012:role/team/ops"}}}"#,
                "AWS Internal", "ecs.amazonaws.com"
            ),
            (
                #""eventSource":"ecs.amazonaws.com","eventName":"UpdateService","requestParameters":{"a1":1,"a2":1,"a3":1,"a4":1,"a5":1,"a6":1,"a7":1,"a8":1,"a9":1,"b1":1,"b2":1,"b3":1,"b4":1}"#,
                #"{"type":"AssumedRole","accountId":"123456789012","sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::123456789012:role/team/ops"}}}"#,
                "198.51.100.7", "Mozilla/5.0 (X11) Chrome/120.0"
            ),
            (
                #""eventSource":"sts.amazonaws.com","eventName":"AssumeRole""#,
                #"{"type":"AWSService","invokedBy":"lambda.amazonaws.com"}"#, "lambda.amazonaws.com",
                "lambda.amazonaws.com"
            ),
            (
                #""eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin""#,
                #"{"type":"Root","accountId":"123456789012"}"#, "198.51.100.7", "Mozilla/5.0"
            ),
            (
                #""eventSource":"kms.amazonaws.com","eventName":"Decrypt""#,
                #"{"type":"AWSAccount","accountId":"210987654321","principalId":"AIDAEXAMPLE"}"#, "AWS Internal",
                "AWS Internal"
            ),
            (
                #""eventSource":"sts.amazonaws.com","eventName":"GetCallerIdentity""#,
                #"{"type":"SAMLUser","userName":"alice@example.com"}"#, "198.51.100.7", "aws-cli/2.15.0"
            ),
            (
                #""eventSource":"sts.amazonaws.com","eventName":"GetCallerIdentity""#,
                #"{"type":"FederatedUser","arn":"arn:aws:sts::123456789012:federated-user/bob","accountId":"123456789012"}"#,
                "198.51.100.7", "aws-cli/2.15.0"
            ),
            (
                #""eventSource":"s3.amazonaws.com","eventName":"DeleteObject""#,
                #"{"type":"AssumedRole","arn":"arn:aws:sts::123456789012:assumed-role/no-session","accountId":"123456789012"}"#,
                "10.1.1.1", "aws-sdk-go/1.0"
            ),
            // A read-only name that says otherwise, and an event naming no principal at all.
            (
                #""eventSource":"s3.amazonaws.com","eventName":"GetBucketPolicy","readOnly":false"#,
                #"{"type":"AssumedRole","arn":"arn:aws:sts::123456789012:assumed-role/reader/i-0abc","accountId":"123456789012"}"#,
                "10.1.1.1", "aws-sdk-go/1.0"
            ),
            (#""eventSource":"s3.amazonaws.com","eventName":"GetObject""#, #"{"type":"Unknown"}"#, "10.1.1.1", "x"),
        ]
        return events.enumerated().map { index, event in
            "{" + String(format: base, index % 9 + 1, event.2, event.3) + "," + event.0 + #","userIdentity":"# + event.1
                + "}"
        }
    }()

    @Test(arguments: ["duckdb", "athena", "trino"])
    func everyKindOfCallerResolvesAsTheNativeReaderResolvesIt(engine: String) throws {
        let folder = try Fixtures.temporaryFolder("nhi-lake-cases")
        let native = folder.appendingPathComponent("native"), logs = folder.appendingPathComponent("logs")
        for created in [native, logs] {
            try FileManager.default.createDirectory(at: created, withIntermediateDirectories: true)
        }
        // Each event twice, the second a day later: rows per day merge back into one record.
        let lines =
            Self.identityCases
            + Self.identityCases.map { $0.replacingOccurrences(of: "T10:00:00Z", with: "T23:59:59Z") }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: logs.appendingPathComponent("events.jsonl"))
        try FileManager.default.copyItem(
            at: logs.appendingPathComponent("events.jsonl"), to: native.appendingPathComponent("events.jsonl"))
        let glob = logs.path + "/*.jsonl"
        let sql =
            engine == "duckdb"
            ? try Self.sqlEvidence(["--engine", engine, "--input", glob], scope: nil, run: LakeTools.runDuckDB)
            : try Self.sqlEvidence(["--engine", engine], scope: nil) { query, out in
                try LakeTools.runChecked(engine, query, glob: glob, out: out)
            }
        let expected = try Self.facts(native), actual = try Self.facts(sql)
        for id in [
            "arn:aws:iam::123456789012:user/deployer", "aws-access-key:AKIAEXAMPLE2",
            "arn:aws:iam::123456789012:user/builder",
            "arn:aws:iam::123456789012:role/ops", "aws-service:lambda.amazonaws.com", "arn:aws:iam::123456789012:root",
            "arn:aws:iam::210987654321:root", "aws-federated:alice@example.com",
            "arn:aws:sts::123456789012:federated-user/bob",
            "arn:aws:sts::123456789012:assumed-role/no-session", "arn:aws:iam::123456789012:role/reader",
        ] {
            #expect(expected.identities[id] != nil, "the native reader names \(id)")
        }
        #expect(expected.actions["arn:aws:iam::123456789012:user/deployer"]?["s3:GetObject"] == 2)
        #expect(actual.identities == expected.identities)
        #expect(actual.actions == expected.actions)
        #expect(actual.records == expected.records)
    }

    @Test func hostileNamesStayData() throws {
        let folder = try Fixtures.temporaryFolder("nhi-lake-hostile")
        let logs = folder.appendingPathComponent("it's \"odd\"; --")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let event =
            #"{"eventTime":"2026-10-02T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"PutObject","recipientAccountId":"123456789012","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::123456789012:assumed-role/deploy/o'neil","accountId":"123456789012"}}"#
        try Data((event + "\n").utf8).write(to: logs.appendingPathComponent("events.jsonl"))
        let environment = "o'brien \\\"x\\\"; DROP TABLE t; --"
        let scope = folder.appendingPathComponent("scope.yaml")
        try Data(
            "organisation: Hostile\nenvironments:\n  - name: \"\(environment)\"\n    aws_accounts: [\"123456789012\"]\n"
                .utf8
        ).write(to: scope)
        let sql = try Self.sqlEvidence(
            ["--engine", "duckdb", "--input", logs.path + "/*.jsonl", "--scope", scope.path], scope: scope,
            run: LakeTools.runDuckDB)
        let facts = try Self.facts(sql)
        #expect(
            facts.records.keys.sorted() == [
                "arn:aws:iam::123456789012:role/deploy | s3:PutObject | o'brien \"x\"; DROP TABLE t; -- | 123456789012 | false"
            ])
    }
}

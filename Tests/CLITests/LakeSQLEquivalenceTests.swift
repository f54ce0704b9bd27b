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
            let fields = ["kind", "isHuman", "firstActivity", "lastActivity", "environments"].map { "\(identity[$0] ?? "nil")" }
            identities["\(identity["id"]!)"] = fields.joined(separator: " ")
        }
        let inventory = try Collector().collect(folder: folder)
        var actions: [String: [String: Int]] = [:]
        var records: [String: (count: Int, first: Date, last: Date)] = [:]
        for record in inventory.activity {
            actions[record.identity.rawValue, default: [:]][record.action, default: 0] += record.count
            let key = [record.identity.rawValue, record.action, record.environment, record.account ?? "", "\(record.readOnly)"].joined(separator: " | ")
            let known = records[key]
            records[key] = ((known?.count ?? 0) + record.count, min(known?.first ?? record.firstSeen, record.firstSeen),
                            max(known?.last ?? record.lastSeen, record.lastSeen))
        }
        return Facts(identities: identities, actions: actions,
                     records: records.mapValues { "\($0.count) \(ISO8601.string(from: $0.first)) \(ISO8601.string(from: $0.last))" })
    }

    /// A folder holding `scope` (when given) and the query's result as activity.csv.
    static func sqlEvidence(_ arguments: [String], scope: URL?, run: (URL, URL) throws -> Void) throws -> URL {
        let folder = try Fixtures.temporaryFolder("nhi-lake-sql")
        let query = try LakeTools.query(arguments, into: folder.deletingLastPathComponent(), name: folder.lastPathComponent + ".sql")
        if let scope { try FileManager.default.copyItem(at: scope, to: folder.appendingPathComponent("scope.yaml")) }
        try run(query, folder.appendingPathComponent("activity.csv"))
        return folder
    }

    /// The Northwind quarter's CloudTrail as nhi-audit reads it (S3 layout, .json.gz, with digests),
    /// and the same events converted to one JSON-lines file for DuckDB.
    static func northwindCopies() throws -> (native: URL, lines: URL) {
        let native = try Fixtures.temporaryFolder("nhi-lake-native")
        try FileManager.default.copyItem(at: northwind.appendingPathComponent("scope.yaml"), to: native.appendingPathComponent("scope.yaml"))
        for account in ["111122223333", "444455556666"] {
            let target = native.appendingPathComponent("aws/\(account)")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: northwind.appendingPathComponent("aws/\(account)/cloudtrail"),
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
        let sql = try Self.sqlEvidence(["--engine", "duckdb", "--input", lines.path, "--scope", Self.northwind.path],
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
        let sql = try Self.sqlEvidence(["--engine", "duckdb", "--input", fixtures.path + "/*/*.json", "--input", fixtures.path + "/*/*.json.gz"],
                                       scope: nil, run: LakeTools.runDuckDB)
        let expected = try Self.facts(native), actual = try Self.facts(sql)
        #expect(expected.identities.count >= 10)
        #expect(actual.identities == expected.identities)
        #expect(actual.actions == expected.actions)
        #expect(actual.records == expected.records)
    }

    @Test(arguments: ["athena", "trino"])
    func athenaAndTrinoTextsParseAndGiveTheDuckDBRows(engine: String) throws {
        let (native, _) = try Self.northwindCopies()
        let glob = native.path + "/aws/*/cloudtrail/AWSLogs/*/CloudTrail/**/*.json.gz"
        let folder = try Fixtures.temporaryFolder("nhi-lake-check")
        let duckdbCSV = folder.appendingPathComponent("duckdb.csv"), checkedCSV = folder.appendingPathComponent("\(engine).csv")
        try LakeTools.runDuckDB(try LakeTools.query(["--engine", "duckdb", "--input", glob, "--scope", Self.northwind.path], into: folder, name: "duckdb.sql"),
                                out: duckdbCSV)
        let query = try LakeTools.query(["--engine", engine, "--scope", Self.northwind.path], into: folder, name: "\(engine).sql")
        try LakeTools.runChecked(engine, query, glob: glob, out: checkedCSV)
        let rows = { (url: URL) throws -> [Substring] in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").sorted() }
        let expected = try rows(duckdbCSV)
        #expect(expected.count > 100)
        #expect(try rows(checkedCSV) == expected)
    }

    @Test func hostileNamesStayData() throws {
        let folder = try Fixtures.temporaryFolder("nhi-lake-hostile")
        let logs = folder.appendingPathComponent("it's \"odd\"; --")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let event = #"{"eventTime":"2026-10-02T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"PutObject","recipientAccountId":"123456789012","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::123456789012:assumed-role/deploy/o'neil","accountId":"123456789012"}}"#
        try Data((event + "\n").utf8).write(to: logs.appendingPathComponent("events.jsonl"))
        let environment = "o'brien \\\"x\\\"; DROP TABLE t; --"
        let scope = folder.appendingPathComponent("scope.yaml")
        try Data("organisation: Hostile\nenvironments:\n  - name: \"\(environment)\"\n    aws_accounts: [\"123456789012\"]\n".utf8).write(to: scope)
        let sql = try Self.sqlEvidence(["--engine", "duckdb", "--input", logs.path + "/*.jsonl", "--scope", scope.path], scope: scope, run: LakeTools.runDuckDB)
        let facts = try Self.facts(sql)
        #expect(facts.records.keys.sorted() == ["arn:aws:iam::123456789012:role/deploy | s3:PutObject | o'brien \"x\"; DROP TABLE t; -- | 123456789012 | false"])
    }
}

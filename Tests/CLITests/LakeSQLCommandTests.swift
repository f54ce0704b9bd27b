import Foundation
import Testing
import TestSupport

/// `nhi-audit lake sql`: what it prints for each engine, and how it treats what it is given.
/// (LakeSQLEquivalenceTests runs the queries.)
@Suite struct LakeSQLCommandTests {
    static let quarter = Fixtures.packageRoot.appendingPathComponent("evidence/northwind/2026-Q4")

    static func template(_ name: String) throws -> String {
        try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("sql/\(name)"), encoding: .utf8)
    }

    @Test func aBidiControlInAnEnvironmentNameIsRefused() throws {
        let folder = try Fixtures.temporaryFolder("nhi-lake-scope")
        let scope =
            "organisation: Bidi\nenvironments:\n  - name: \"prod\u{202E}uction\"\n    aws_accounts: [\"111122223333\"]\n"
        try Data(scope.utf8).write(to: folder.appendingPathComponent("scope.yaml"))
        let result = try CLIRunner.run(["lake", "sql", "--engine", "trino", "--scope", folder.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "nhi-audit: scope.yaml environment: the control character U+202E is not allowed in a value written into SQL\n"
        )
    }

    @Test(arguments: [
        ("athena", "activity-trino.sql"), ("trino", "activity-trino.sql"), ("duckdb", "activity-duckdb.sql"),
    ])
    func aLoneBinaryPrintsItsEnginesTemplateFilledIn(engine: String, template: String) throws {
        let binary = try StandaloneBinaryTests.loneBinary()
        let elsewhere = try Fixtures.temporaryFolder("nhi-lake-cwd")
        let arguments =
            ["lake", "sql", "--engine", engine] + (engine == "duckdb" ? ["--input", "logs/*.json.gz"] : [])
        let result = try CLIRunner.run(arguments, currentDirectory: elsewhere, executable: binary)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("{{"))
        let lines = Set(result.stdout.split(separator: "\n", omittingEmptySubsequences: false))
        let templates = try Self.template(template) + Self.template("activity-core.sql")
        for line in templates.split(separator: "\n") where !line.contains("{{") {
            #expect(lines.contains(line), "missing template line: \(line)")
        }
        // No scope: every account is in the unknown environment, and no period narrows the scan.
        #expect(result.stdout.contains("'unknown' AS environment"))
        #expect(!result.stdout.contains("DATE '"))
    }

    @Test func scopeGivesTheEnvironmentMapAndThePeriodAsAPartitionFilter() throws {
        let result = try CLIRunner.run([
            "lake", "sql", "--engine", "athena", "--table", "audit.cloudtrail_logs", "--scope", Self.quarter.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#"FROM "audit"."cloudtrail_logs""#))
        #expect(
            result.stdout.contains(
                "CASE account WHEN '111122223333' THEN 'production' WHEN '444455556666' THEN 'staging' ELSE 'unknown' END"
            ))
        // The partition a day wider on each side; the events' own days exactly.
        #expect(result.stdout.contains(#"WHERE "timestamp" >= '2026/09/30' AND "timestamp" <= '2027/01/01'"#))
        #expect(
            result.stdout.contains(
                "CAST(event_time AS date) >= DATE '2026-10-01' AND CAST(event_time AS date) <= DATE '2026-12-31'"))

        let narrowed = try CLIRunner.run([
            "lake", "sql", "--engine", "trino", "--scope", Self.quarter.appendingPathComponent("scope.yaml").path,
            "--from", "2026-11-01", "--partition-column", "dt",
        ])
        #expect(narrowed.status == 0, "\(narrowed.stderr)")
        #expect(narrowed.stdout.contains(#"WHERE "dt" >= '2026/10/31' AND "dt" <= '2027/01/01'"#))
        let unpartitioned = try CLIRunner.run([
            "lake", "sql", "--engine", "trino", "--partition-column", "none", "--from", "2026-11-01",
        ])
        #expect(unpartitioned.stdout.contains("    WHERE TRUE\n"))
        #expect(unpartitioned.stdout.contains("CAST(event_time AS date) >= DATE '2026-11-01'"))
    }

    @Test func anAccountInTwoEnvironmentsBelongsToTheFirstAndNamesAreQuoted() throws {
        let folder = try Fixtures.temporaryFolder("nhi-lake-scope")
        let scope = """
            organisation: Quotes
            environments:
              - name: "o'brien"
                aws_accounts: ["111122223333", "1'; DROP TABLE x; --"]
              - name: later
                aws_accounts: ["111122223333"]
            """
        try Data(scope.utf8).write(to: folder.appendingPathComponent("scope.yaml"))
        let result = try CLIRunner.run([
            "lake", "sql", "--engine", "duckdb", "--input", "it's/*.json", "--scope", folder.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "CASE account WHEN '111122223333' THEN 'o''brien' WHEN '1''; DROP TABLE x; --' THEN 'o''brien' WHEN '111122223333' THEN 'later' ELSE 'unknown' END"
            ))
        #expect(result.stdout.contains("read_json_objects('it''s/*.json', format = 'auto')"))
        let two = try CLIRunner.run([
            "lake", "sql", "--engine", "duckdb", "--input", "a/*.json", "--input", "b/*.json.gz",
        ])
        #expect(two.stdout.contains("read_json_objects(['a/*.json', 'b/*.json.gz'], format = 'auto')"))
    }

    @Test(arguments: [
        (["--engine", "trino", "--table", #"logs"; DROP TABLE x; --"#], "--table: "),
        (["--engine", "athena", "--table", "a.b.c.d"], "--table: "),
        (["--engine", "athena", "--partition-column", "day)\nOR 1=1"], "--partition-column: "),
        (["--engine", "athena", "--input", "x.json"], "--input is for duckdb"),
        (["--engine", "duckdb"], "--engine duckdb needs --input"),
        (["--engine", "duckdb", "--input", "x", "--table", "t"], "--table is for athena and trino"),
        (["--engine", "trino", "--from", "2026-02-30"], "--from: not a date"),
        (
            ["--engine", "trino", "--from", "2026-12-01", "--to", "2026-11-01"],
            "--from 2026-12-01 is after --to 2026-11-01"
        ),
        (
            ["--engine", "trino", "--scope", "/nonexistent/scope.yaml"],
            "/nonexistent/scope.yaml: no such file or folder"
        ),
        (["--engine", "oracle"], "oracle"),
        (
            ["--engine", "duckdb", "--input", "logs\u{1B}[2J/*.json"],
            "--input: the control character U+001B is not allowed"
        ),
    ])
    func badArgumentsExit2WithOneLineAndNoQuery(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(["lake", "sql"] + arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}

import ArgumentParser
import Foundation
import NHICollect
import NHIModel

struct LakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lake",
        abstract: "Run the activity aggregation where the logs are: SQL for Athena, Trino and DuckDB.",
        discussion: """
            For CloudTrail too large to copy to one machine: the engine that already holds it runs the \
            aggregation, and nhi-audit reads its small result as activity.csv (docs/scale.md).
            """,
        subcommands: [LakeSQLCommand.self])
}

struct LakeSQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print the query that turns CloudTrail into canonical activity.csv rows.",
        discussion: """
            The query resolves identities as nhi-audit's CloudTrail reader does (assumed-role sessions \
            to their roles, a bare access key to the IAM user the same logs tie it to, AWS service \
            principals, root) and aggregates per identity, action, request fields, account and day. \
            Save its result as CSV with a header row, put it in the evidence folder and run \
            nhi-audit as usual. athena and trino expect the CloudTrail table layout of docs/scale.md; \
            duckdb reads CloudTrail files ({"Records":[…]}, JSON arrays or JSON lines, .gz or not).
            """)

    enum EngineArgument: String, ExpressibleByArgument, CaseIterable { case athena, trino, duckdb }

    @Option(help: "The SQL engine: athena, trino or duckdb.")
    var engine: EngineArgument

    @Option(
        name: .customLong("input"),
        help: ArgumentHelp(
            "duckdb: CloudTrail files to read, a path or glob such as 'AWSLogs/**/*.json.gz' (repeatable).",
            valueName: "glob"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("athena, trino: the CloudTrail table, [catalog.][schema.]table.", valueName: "name"))
    var table: String?

    @Option(
        name: .customLong("partition-column"),
        help: ArgumentHelp(
            "athena, trino: the table's date partition column (yyyy/MM/dd strings), or 'none' for a table without one.",
            valueName: "name"))
    var partitionColumn = "timestamp"

    @Option(
        help: ArgumentHelp(
            "First day of the period (YYYY-MM-DD, UTC); default: scope.yaml's period.", valueName: "date"))
    var from: String?

    @Option(
        help: ArgumentHelp(
            "Last day of the period, included (YYYY-MM-DD, UTC); default: scope.yaml's period.", valueName: "date"))
    var to: String?

    @Option(
        help: ArgumentHelp(
            "scope.yaml, or an evidence folder holding one: its account → environment map and period.",
            valueName: "path"))
    var scope: String?

    func run() throws {
        let query = try makeQuery()
        let folder = try ShippedResources.folder(named: "sql")
        var template = ""
        for name in [query.engine.template, LakeQuery.core] {
            guard let part = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else {
                throw CLIError.badInput("sql/\(name): the built-in query template is missing; rebuild nhi-audit")
            }
            template += part
        }
        print(try query.render(template: template), terminator: "")
    }

    func makeQuery() throws -> LakeQuery {
        let engine = LakeQuery.Engine(rawValue: self.engine.rawValue)!
        let source: LakeQuery.Source
        if engine == .duckdb {
            guard table == nil else {
                throw CLIError.badInput("--table is for athena and trino; duckdb reads files (--input)")
            }
            guard !inputs.isEmpty else {
                throw CLIError.badInput("--engine duckdb needs --input: the CloudTrail files to read")
            }
            source = .files(globs: inputs)
        } else {
            guard inputs.isEmpty else {
                throw CLIError.badInput("--input is for duckdb; \(engine.rawValue) reads a table (--table)")
            }
            source = .table(
                name: table ?? "cloudtrail_logs", partitionColumn: partitionColumn == "none" ? nil : partitionColumn)
        }
        let scopeFile = try scope.map(Self.loadScope)
        let from = try self.from.map { try Self.day($0, option: "--from") } ?? scopeFile?.scope.periodStart
        let to = try self.to.map { try Self.day($0, option: "--to") } ?? scopeFile?.scope.periodEnd
        if let from, let to, LakeQuery.day(from) > LakeQuery.day(to) {
            throw CLIError.badInput("--from \(LakeQuery.day(from)) is after --to \(LakeQuery.day(to))")
        }
        return LakeQuery(
            engine: engine, source: source, from: from, to: to, environments: scopeFile?.scope.environments ?? [])
    }

    private static func loadScope(_ path: String) throws -> ScopeFile {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CLIError.badInput("\(path): no such file or folder")
        }
        let url =
            isFolder.boolValue
            ? URL(fileURLWithPath: path).appendingPathComponent(ScopeFile.fileName) : URL(fileURLWithPath: path)
        let display = isFolder.boolValue ? (path as NSString).appendingPathComponent(ScopeFile.fileName) : path
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError.badInput("\(display): no scope.yaml in this folder")
        }
        return try ScopeFile.load(url, displayName: display)
    }

    /// A plain date, read as that UTC day.
    private static func day(_ text: String, option: String) throws -> Date {
        guard text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil, let date = ISO8601.parse(text),
            LakeQuery.day(date) == text
        else {
            throw CLIError.badInput("\(option): not a date (YYYY-MM-DD): \(text)")
        }
        return date
    }
}

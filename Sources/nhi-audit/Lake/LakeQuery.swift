import Foundation
import NHICollect
import NHIModel

/// The activity query of `nhi-audit lake sql`: templates from `sql/` (embedded in the binary like
/// `templates/`), the engine's own beginning (reading the events) followed by `core`, with the
/// engine's source, the period and the scope's account → environment map filled in. Every value
/// filled in is a quoted literal or a validated identifier (`SQLText`).
struct LakeQuery {
    enum Engine: String, CaseIterable {
        case athena, trino, duckdb

        /// Athena (engine v3) runs Trino SQL: both share one template.
        var template: String { self == .duckdb ? "activity-duckdb.sql" : "activity-trino.sql" }
    }

    /// What follows every engine's template: identity resolution, classification and aggregation.
    static let core = "activity-core.sql"

    /// Where the events are: a table of the documented CloudTrail layout, or files for DuckDB.
    enum Source {
        case table(name: String, partitionColumn: String?)
        case files(globs: [String])
    }

    var engine: Engine
    var source: Source
    /// Whole UTC days, both included.
    var from: Date?
    var to: Date?
    /// scope.yaml's environments in declaration order: an account listed twice belongs to the first.
    var environments: [EnvironmentScope]

    /// The template with every placeholder filled in, in one pass (a value is never read again
    /// as a placeholder).
    func render(template: String) throws -> String {
        let values = try placeholders()
        var output = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw CLIError.badInput("sql/\(engine.template), \(Self.core): unclosed {{ in the query template")
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let value = values[name] else {
                throw CLIError.badInput(
                    "sql/\(engine.template), \(Self.core): unknown placeholder {{\(name)}} in the query template")
            }
            output += value
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    private func placeholders() throws -> [String: String] {
        var values = [
            "max_request_fields": String(CloudTrailReader.maxRequestFields),
            "environment_case": try environmentCase(),
            "time_filter": try timeFilter(),
        ]
        switch source {
        case let .table(name, partitionColumn):
            values["table"] = try SQLText.tableName(name)
            values["partition_column"] = partitionColumn ?? "none"
            values["partition_filter"] = try partitionFilter(partitionColumn)
        case let .files(globs):
            let literals = try globs.map { try SQLText.literal($0, what: "--input") }
            values["input"] = literals.count == 1 ? literals[0] : "[" + literals.joined(separator: ", ") + "]"
        }
        return values
    }

    /// `CASE account WHEN '…' THEN '…' … ELSE 'unknown' END`, as the reader maps an account.
    private func environmentCase() throws -> String {
        var cases: [String] = []
        for environment in environments {
            let name = try SQLText.literal(environment.name, what: "scope.yaml environment")
            for account in environment.awsAccounts {
                cases.append("WHEN \(try SQLText.literal(account, what: "scope.yaml aws_accounts")) THEN \(name)")
            }
        }
        let unknown = try SQLText.literal(Scope.unknownEnvironment, what: "environment")
        guard !cases.isEmpty else { return unknown }
        return "CASE account " + cases.joined(separator: " ") + " ELSE \(unknown) END"
    }

    /// The exact period, on each event's own time.
    private func timeFilter() throws -> String {
        var conditions: [String] = []
        if let from {
            conditions.append("CAST(event_time AS date) >= DATE \(try SQLText.literal(Self.day(from), what: "--from"))")
        }
        if let to {
            conditions.append("CAST(event_time AS date) <= DATE \(try SQLText.literal(Self.day(to), what: "--to"))")
        }
        return conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND ")
    }

    /// The period on the date partition (`yyyy/MM/dd`, as CloudTrail's S3 keys and the partition
    /// projection examples write it), a day wider on each side: a log file under one day's key can
    /// hold the last minutes of the day before, and files of the period's last day come after it.
    private func partitionFilter(_ column: String?) throws -> String {
        guard let column else { return "TRUE" }
        let name = try SQLText.identifier(column, what: "--partition-column")
        var conditions: [String] = []
        if let from {
            conditions.append("\(name) >= \(try SQLText.literal(Self.partitionDay(from, offset: -1), what: "--from"))")
        }
        if let to {
            conditions.append("\(name) <= \(try SQLText.literal(Self.partitionDay(to, offset: 1), what: "--to"))")
        }
        return conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND ")
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `2026-10-01`, the UTC day of `date`.
    static func day(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    private static func partitionDay(_ date: Date, offset: Int) -> String {
        day(utc.date(byAdding: .day, value: offset, to: date)!).replacingOccurrences(of: "-", with: "/")
    }
}

import Foundation
import TestSupport

/// The Python the lake SQL tests run DuckDB and sqlglot with: `.ci/run`'s virtual environment
/// (`.venv-ci`) when it exists, else `python3` on the PATH.
enum LakeTools {
    static let python = ExternalProgram.python

    static let available = (try? run(["-c", "import duckdb, sqlglot"]))?.status == 0
    static let missingMessage =
        "duckdb and sqlglot are not installed (.ci/run installs them into .venv-ci): the lake SQL tests that run queries are skipped"

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ExternalProgram.python(arguments)
    }

    static func script(_ name: String) -> String { Fixtures.packageRoot.appendingPathComponent("scripts/\(name)").path }

    /// `nhi-audit lake sql ARGUMENTS` saved to a file.
    static func query(_ arguments: [String], into folder: URL, name: String = "query.sql") throws -> URL {
        let result = try CLIRunner.run(["lake", "sql"] + arguments)
        guard result.status == 0 else { throw LakeError("lake sql \(arguments): \(result.stderr)") }
        let url = folder.appendingPathComponent(name)
        try Data(result.stdout.utf8).write(to: url)
        return url
    }

    /// Runs a DuckDB query with scripts/lake-duckdb.py into `out`.
    static func runDuckDB(_ query: URL, out: URL) throws {
        let result = try run([script("lake-duckdb.py"), query.path, out.path])
        guard result.status == 0 else { throw LakeError("lake-duckdb.py: \(result.output)") }
    }

    /// Parses an Athena or Trino query and runs it on the documented table layout (scripts/lake-check-sql.py).
    static func runChecked(_ dialect: String, _ query: URL, glob: String, out: URL) throws {
        let result = try run([script("lake-check-sql.py"), dialect, query.path, glob, out.path])
        guard result.status == 0 else { throw LakeError("lake-check-sql.py \(dialect): \(result.output)") }
    }
}

struct LakeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

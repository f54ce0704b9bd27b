import NHIPack

/// Values written into generated SQL. Everything interpolated into a query comes through here:
/// strings as quoted literals, names as validated and quoted identifiers, so that an account id,
/// environment name, glob or table name from the command line or scope.yaml can only ever be data.
enum SQLText {
    /// `'…'` with every `'` doubled: the standard SQL string literal, which Trino, Athena and
    /// DuckDB read alike (a backslash is an ordinary character in all three). Control characters
    /// and bidi controls are refused rather than escaped: the literal must keep the value exact,
    /// and printed raw they could drive the terminal or make the query read otherwise than it runs.
    static func literal(_ value: String, what: String) throws -> String {
        if let control = value.unicodeScalars.first(where: TerminalText.needsEscape) {
            throw CLIError.badInput(
                "\(what): the control character U+\(String(format: "%04X", control.value)) is not allowed in a value written into SQL"
            )
        }
        return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// One name part (catalog, schema, table, column): letters, digits, `_` and `-` (Glue
    /// database names may hold hyphens), double-quoted so that reserved words such as
    /// `timestamp` work too.
    static func identifier(_ part: String, what: String) throws -> String {
        let allowed = part.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
        }
        guard !part.isEmpty, part.count <= 255, allowed else {
            throw CLIError.badInput("\(what): \"\(part)\" is not a name (letters, digits, _ and - only)")
        }
        return "\"" + part + "\""
    }

    /// `catalog.schema.table`, `schema.table` or `table`, each part an `identifier`.
    static func tableName(_ name: String) throws -> String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count) else {
            throw CLIError.badInput("--table: \"\(name)\" is not [catalog.][schema.]table")
        }
        return try parts.map { try identifier($0, what: "--table") }.joined(separator: ".")
    }
}

import Foundation

/// One gitleaks finding, v8 field names (`RuleID`, `Secret`, `StartLine`, …) or v7 (`rule`,
/// `offender`, `lineNumber`, …), from the JSON report or the CSV report.
struct GitleaksFinding: Sendable {
    var rule: String?
    var secret: String?
    var match: String?
    var file: String?
    var line: String?
    var commit: String?
    var date: String?

    private static var fields: [(keys: [String], path: WritableKeyPath<GitleaksFinding, String?>)] {
        [
            (["RuleID", "rule"], \.rule), (["Secret", "offender"], \.secret), (["Match", "line"], \.match),
            (["File", "file"], \.file), (["StartLine", "lineNumber"], \.line), (["Commit", "commit"], \.commit),
            (["Date", "date"], \.date),
        ]
    }

    init(row: CSVRow, table: CSVTable) {
        for field in Self.fields {
            self[keyPath: field.path] = field.keys.lazy.compactMap { table.value(row, $0) }.first
        }
    }

    /// The value to fingerprint: the secret, else the matched text.
    var secretValue: String? { secret ?? match }
}

extension GitleaksFinding: Decodable {
    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: NamedCodingKey.self)
        for field in Self.fields {
            var value: String?
            for key in field.keys where value == nil {
                value = try container.decodeIfPresent(FlexibleString.self, forKey: NamedCodingKey(stringValue: key))
                    .text
            }
            self[keyPath: field.path] = value
        }
    }
}

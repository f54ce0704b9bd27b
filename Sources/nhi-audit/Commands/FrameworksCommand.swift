import ArgumentParser
import Foundation
import NHIModel
import NHIFrameworks
import NHIPack

struct FrameworksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks",
        abstract: "List the frameworks with their control coverage.",
        discussion: """
            Per framework: its assessable controls, how many at least one rule assesses (automated), \
            how many need a manual attestation, and how many are declared not applicable. The table ends \
            with where the mappings came from (built in, or the --mappings folder) and their digest;         in JSON each framework carries the same as `mappings` (`kind` embedded or folder, `folder`, `sha256`).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(help: "Output format.")
    var format: Format = .table

    @OptionGroup var mappings: MappingsOption

    func run() throws {
        let set = try mappings.load()
        let coverage = set.coverage
        switch format {
        case .json:
            let source = try mappings.source()
            let rows = coverage.map { SourcedCoverage(coverage: $0, mappings: source) }
            print(String(decoding: try NHIJSON.encoder().encode(rows), as: UTF8.self))
        case .table:
            let rows = coverage.map {
                [
                    $0.id, $0.title, $0.version, "\($0.controls)", "\($0.automated)", "\($0.manual)",
                    "\($0.notApplicable)",
                ]
            }
            print(
                PlainTable(
                    header: ["FRAMEWORK", "TITLE", "VERSION", "CONTROLS", "AUTOMATED", "MANUAL", "N/A"], rows: rows
                ).text)
            // Caveats such as "the ZT-* ids are nhi-audit's, not NIST's" belong next to the numbers.
            let notes = coverage.compactMap { entry in
                set.catalog(entry.id)?.note.map { "  \(entry.id): \(TerminalText.line($0))" }
            }
            if !notes.isEmpty { print("\nNotes:\n" + notes.joined(separator: "\n")) }
            print("\nMappings: \(try mappings.source())")
        }
    }
}

/// A framework's coverage with where its mapping data came from, so the JSON says what the
/// table's last line says.
private struct SourcedCoverage: Encodable {
    var coverage: FrameworkCoverage
    var mappings: DataSource

    private enum Key: String, CodingKey { case mappings }

    func encode(to encoder: Encoder) throws {
        try coverage.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(mappings, forKey: .mappings)
    }
}

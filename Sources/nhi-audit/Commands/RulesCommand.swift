import ArgumentParser
import Foundation
import NHIDetect
import NHIFrameworks
import NHIModel

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule with severity, inputs and mapped controls.",
        discussion: """
        A rule that is not implemented yet is listed as such; its controls are reported as not \
        assessed, never as passed. Controls come from the framework mappings (--mappings).
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, markdown
    }

    /// One rule as `rules --format json` prints it.
    struct Entry: Encodable {
        var id: String
        var title: String
        var severity: Severity
        var inputs: [InputKind]
        var implemented: Bool
        var controls: [String: [String]]
    }

    @Option(help: "Output format.")
    var format: Format = .table

    @OptionGroup var mappings: MappingsOption

    func run() throws {
        let set = try mappings.load()
        let entries = RuleRegistry.descriptors.sorted { $0.id < $1.id }.map { rule in
            Entry(id: rule.id, title: rule.title, severity: rule.severity, inputs: rule.inputs.sorted(),
                  implemented: rule.implemented, controls: set.controls(assessedBy: rule.id))
        }
        let frameworks = set.catalogs.map(\.id).sorted()
        switch format {
        case .json:
            print(String(decoding: try NHIJSON.encoder().encode(entries), as: UTF8.self))
        case .table, .markdown:
            let rows = entries.map { entry in
                [entry.id, entry.severity.rawValue, entry.implemented ? "yes" : "no",
                 entry.inputs.map(\.rawValue).joined(separator: ", ")]
                    + frameworks.map { (entry.controls[$0] ?? []).joined(separator: ", ") }
            }
            let table = PlainTable(header: ["RULE", "SEVERITY", "IMPLEMENTED", "INPUTS"] + frameworks, rows: rows)
            print(format == .markdown ? RulesDocument.markdown(table: table.markdown) : table.text)
        }
    }
}

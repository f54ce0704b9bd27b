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
            Controls come from the framework mappings (--mappings). A rule whose inputs are absent from \
            the evidence is reported as not evaluated, and its controls as not assessed, never as passed.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, markdown
    }

    /// One rule as `rules --format json` prints it: the catalogue's fields and the controls it assesses.
    struct Entry: Encodable {
        var rule: RuleDescriptor
        var controls: [String: [String]]

        enum CodingKeys: CodingKey { case controls }

        func encode(to encoder: Encoder) throws {
            try rule.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(controls, forKey: .controls)
        }
    }

    @Option(help: "Output format.")
    var format: Format = .table

    @OptionGroup var mappings: MappingsOption

    func run() throws {
        let set = try mappings.load()
        let entries = RuleRegistry.descriptors.sorted { $0.id < $1.id }.map { rule in
            Entry(rule: rule, controls: set.controls(assessedBy: rule.id))
        }
        let frameworks = set.catalogs.map(\.id).sorted()
        switch format {
        case .json:
            print(String(decoding: try NHIJSON.encoder().encode(entries), as: UTF8.self))
        case .table, .markdown:
            let rows = entries.map { entry in
                [
                    entry.rule.id, entry.rule.severity.rawValue,
                    entry.rule.inputs.sorted().map(\.rawValue).joined(separator: ", "),
                ]
                    + frameworks.map { (entry.controls[$0] ?? []).joined(separator: ", ") }
            }
            let table = PlainTable(header: ["RULE", "SEVERITY", "INPUTS"] + frameworks, rows: rows)
            print(format == .markdown ? RulesDocument.markdown(table: table.markdown) : table.text)
        }
    }
}

import ArgumentParser
import Foundation
import NHICollect
import NHIModel
import NHIPack

struct FindingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings", abstract: "Run the rules and show findings and control statuses.",
        discussion: "Exit codes: 0 clean, 1 an open finding at or above --fail-on, 2 bad input.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, sarif }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case none, low, medium, high, critical
        var threshold: Severity? { self == .none ? nil : Severity(rawValue: rawValue) }
    }

    @Argument(help: "The evidence folder (exports and an optional scope.yaml).")
    var evidence: String

    @Option(help: "Output format: table, json or sarif (SARIF 2.1.0, for code scanning).")
    var format: Format = .table

    @Option(help: "A policy file overriding any subset of mappings/policy.yaml.")
    var policy: String?

    @OptionGroup var mappings: MappingsOption

    @Option(help: "Exit 1 when an open finding at or above this severity exists: none, low, medium, high, critical.")
    var failOn: FailOn = .none

    @Flag(help: "Record unreadable files as failed in the ingest ledger instead of stopping.")
    var keepGoing = false

    @Flag(
        name: .long,
        help:
            "Read files that symbolic links in the evidence folder point to outside it (each is listed in the ledger).")
    var followSymlinks = false

    func run() throws {
        let output: PipelineOutput
        do {
            output = try Pipeline.run(
                PipelineOptions(
                    evidence: URL(fileURLWithPath: evidence), mappings: try mappings.folder(),
                    policy: policy.map { URL(fileURLWithPath: $0) }, keepGoing: keepGoing, generatedAt: Date(),
                    followSymlinks: followSymlinks))
        } catch {
            FileHandle.standardError.write(Data((ErrorText.message(for: error) + "\n").utf8))
            throw ExitCode(2)
        }
        let results = output.results
        switch format {
        case .table: print(FindingsTable.render(results), terminator: "")
        case .json:
            let findings = Finding.inReportOrder(results.findings)
            try PrettyJSONList.write(
                FindingsReport(results), list: "findings", depth: 1, count: findings.count,
                elements: { findings[$0].map(FindingsReport.Item.init) }, to: Self.standardOutput)
            try Self.standardOutput(Data("\n".utf8))
        case .sarif:
            let scope = output.evidenceRoot.appendingPathComponent(ScopeFile.fileName)
            try SARIFBuilder.write(
                results, rules: SARIFRules.from(output.mappingSet.mappings), evidencePrefix: evidence,
                folderFile: FileManager.default.fileExists(atPath: scope.path) ? ScopeFile.fileName : nil,
                to: Self.standardOutput)
            try Self.standardOutput(Data("\n".utf8))
        }
        if let threshold = failOn.threshold, results.findings.contains(where: { $0.isOpen && $0.severity >= threshold })
        {
            throw ExitCode(1)
        }
    }

    /// The listings are written a chunk at a time as they are encoded, never held whole.
    private static func standardOutput(_ data: Data) throws {
        try FileHandle.standardOutput.write(contentsOf: data)
    }
}

/// The `--format json` shape of `findings` (a stable subset of results.json). Made from the
/// results, its findings list is empty: the findings are written into its encoding a chunk at a
/// time (`PrettyJSONList`).
struct FindingsReport: Encodable {
    struct Item: Encodable {
        var id: String
        var rule: String
        var severity: Severity
        var subject: String
        var summary: String
        var evidence: [EvidenceRef]
        var waived: Bool

        init(_ finding: Finding) {
            id = finding.id
            rule = finding.rule
            severity = finding.severity
            subject = finding.subject
            summary = finding.summary
            evidence = finding.evidence
            waived = !finding.isOpen
        }
    }
    struct ControlItem: Encodable {
        var id: String
        var status: ControlStatus
        var missingInputs: [InputKind]
        var uncovered: [String]
        /// For a satisfied control: the population in which no exception was found.
        var population: EvaluatedPopulation?
        var attestation: String?
    }
    struct NotEvaluated: Encodable {
        var rule: String
        var state: RuleEvaluationState
        var missingInputs: [InputKind]
        var reasons: [String]
        var uncovered: [String]
    }

    var findings: [Item]
    var controls: [String: [ControlItem]]
    var notEvaluated: [NotEvaluated]
    /// Per declared account, cluster and repository, the evidence kinds present and missing.
    var coverage: [TargetCoverage]

    init(_ results: ResultsDocument) {
        findings = []
        controls = Dictionary(
            results.frameworks.map { framework in
                (
                    framework.framework,
                    framework.controls.map {
                        ControlItem(
                            id: $0.id, status: $0.status, missingInputs: $0.missingInputs, uncovered: $0.uncovered,
                            population: $0.population, attestation: $0.attestation)
                    }
                )
            }, uniquingKeysWith: { first, _ in first })
        notEvaluated = results.ruleEvaluations.filter { $0.state != .evaluated }
            .map {
                NotEvaluated(
                    rule: $0.rule, state: $0.state, missingInputs: $0.missingInputs, reasons: $0.reasons,
                    uncovered: $0.uncovered)
            }
            .sorted { $0.rule < $1.rule }
        coverage = results.coverage ?? []
    }
}

/// The terminal view: findings by severity, control statuses per framework, rules not evaluated.
enum FindingsTable {
    static func render(_ results: ResultsDocument) -> String {
        var out = ""
        let findings = Finding.inReportOrder(results.findings)
        let open = findings.filter(\.isOpen)
        out += "Findings: \(open.count) open, \(findings.count - open.count) waived\n"
        for severity in Severity.allCases.reversed() {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += "\n\(severity.rawValue.uppercased()) (\(group.count))\n"
            for finding in group {
                let waived = finding.isOpen ? "" : " [waived by \(finding.waiver?.waiverId ?? "")]"
                out += "  \(finding.id)  \(finding.rule)  \(oneLine(finding.subject))\(oneLine(waived))\n"
                out += "      \(oneLine(finding.summary))\n"
            }
        }
        out += "\nControls\n"
        for framework in results.frameworks.sorted(by: { $0.framework < $1.framework }) {
            let counts = ControlStatus.allCases.compactMap { status -> String? in
                let count = framework.count(status)
                return count == 0 ? nil : "\(count) \(status.rawValue)"
            }
            out += "  \(framework.framework) (\(framework.controls.count)): \(counts.joined(separator: ", "))\n"
        }
        let satisfied = results.frameworks.sorted(by: { $0.framework < $1.framework }).flatMap { framework in
            framework.controls.filter { $0.status == .satisfied }.map { (framework.framework, $0) }
        }
        if !satisfied.isEmpty {
            out += "\nSatisfied: no exception found in the evaluated population\n"
            for (framework, control) in satisfied {
                out +=
                    "  \(framework) \(oneLine(control.id)): \(oneLine(control.population?.summary ?? "no population recorded"))\n"
            }
        }
        out += coverage(results.coverage ?? [])
        let notEvaluated = results.ruleEvaluations.filter { $0.state != .evaluated }.sorted { $0.rule < $1.rule }
        if !notEvaluated.isEmpty {
            out += "\nNot evaluated or partially evaluated\n"
            for evaluation in notEvaluated {
                switch evaluation.state {
                case .notImplemented: out += "  \(evaluation.rule): not implemented\n"
                case .partiallyEvaluated:
                    out +=
                        "  \(evaluation.rule): partially evaluated, not covered: \(oneLine(evaluation.uncovered.joined(separator: "; ")))\n"
                default:
                    let missing = evaluation.missingInputs.map(\.rawValue).joined(separator: ", ")
                    out += "  \(evaluation.rule): missing \(missing)\n"
                    for reason in evaluation.reasons { out += "      \(oneLine(reason))\n" }
                }
            }
        }
        if !results.unclassifiedActions.isEmpty {
            out += "\nUnclassified actions: \(results.unclassifiedActions.count) (add them to mappings/authority/)\n"
            for action in results.unclassifiedActions {
                let callers = action.identities ?? []
                let named = callers.prefix(5).map { oneLine($0.rawValue) }.joined(separator: ", ")
                let more = callers.count > 5 ? " and \(callers.count - 5) more" : ""
                out +=
                    "  \(oneLine(action.platform.rawValue)) \(oneLine(action.action)) ×\(action.count)"
                    + (callers.isEmpty ? "" : " by \(named)\(more)") + "\n"
            }
        }
        if !results.notices.isEmpty {
            out += "\nNotices\n"
            for notice in results.notices { out += "  \(oneLine(notice))\n" }
        }
        return out
    }

    /// Which evidence kinds covered each declared account, cluster and repository.
    static func coverage(_ targets: [TargetCoverage]) -> String {
        guard !targets.isEmpty else { return "" }
        var out = "\nEvidence per declared account, cluster and repository\n"
        for target in targets {
            let present = target.inputs.isEmpty ? "nothing" : target.inputs.map(\.rawValue).joined(separator: ", ")
            let missing =
                target.missing.isEmpty ? "" : "; missing \(target.missing.map(\.rawValue).joined(separator: ", "))"
            out +=
                "  \(oneLine(target.environment))  \(target.platform.rawValue) \(oneLine(target.target)): \(present)\(missing)\n"
        }
        return out
    }

    /// Values from inputs may hold control characters, newlines or bidi controls: shown escaped, each entry on its line.
    private static func oneLine(_ text: String) -> String { TerminalText.line(text) }
}

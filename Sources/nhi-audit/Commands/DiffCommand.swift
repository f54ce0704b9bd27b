import ArgumentParser
import Foundation
import NHIModel
import NHIPack

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two packs and show which control gaps opened, closed or regressed.",
        discussion: """
            Reads OLD_PACK/results.json and NEW_PACK/results.json and reports, per framework, the controls \
            that regressed (a passing control is now not-satisfied), lost coverage (an input or rule went \
            missing), closed, gained coverage or are still failing; the findings that are new, resolved or \
            persisting (matched by their stable ids); waivers that expired or were added; and how the key \
            NHI metrics moved. It warns when the packs used different mappings or policies, and names the \
            controls whose mapping changed meaning.

            Formats: text (default; coloured only on a terminal), markdown (for a pull-request comment), \
            html (one self-contained page) and json (schema in docs/diff.md).

            Exit codes: 0 when the --fail-on condition does not hold, 1 when it does, 2 on bad input \
            (missing pack, unreadable results.json, unknown results schema).

            Example, in a CI job that comments on the pull request and fails when a control regressed:
              nhi-audit diff q3 q4 --format markdown --out diff.md --fail-on regression
            """
    )

    @Argument(help: ArgumentHelp("The earlier pack folder (or its results.json).", valueName: "OLD_PACK"))
    var oldPack: String

    @Argument(help: ArgumentHelp("The later pack folder (or its results.json).", valueName: "NEW_PACK"))
    var newPack: String

    @Option(help: ArgumentHelp("text, markdown, html or json.", valueName: "format"))
    var format: String = DiffFormat.text.rawValue

    @Option(help: ArgumentHelp("Write the diff to FILE instead of printing it.", valueName: "FILE"))
    var out: String?

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "regression (a control regressed or lost coverage), new-finding (an unwaived finding appeared) or never.",
            valueName: "condition"))
    var failOn: String = DiffGate.never.rawValue

    func run() throws {
        guard let format = DiffFormat(rawValue: format) else {
            throw fail(
                "--format \(format): expected one of \(DiffFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let gate = DiffGate(rawValue: failOn) else {
            throw fail(
                "--fail-on \(failOn): expected one of \(DiffGate.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let diff: PackDiff
        do {
            diff = try PackDiff.load(old: oldPack, new: newPack)
        } catch {
            throw fail(ErrorText.message(for: error))
        }
        let colour =
            out == nil && format == .text && isatty(STDOUT_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let rendered = try format.render(diff, colour: colour)
        if let out {
            do {
                try Data(rendered.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw fail("\(out): cannot write: \(FileErrorText.reason(error))")
            }
            for warning in diff.warnings { printError("warning: \(warning)") }
        } else {
            FileHandle.standardOutput.write(Data(rendered.utf8))
        }
        if gate.trips(on: diff) {
            printError(
                "--fail-on \(gate.rawValue): "
                    + (gate == .regression
                        ? "\(diff.controls.regressed.count) control(s) regressed, \(diff.controls.coverageLost.count) lost coverage"
                        : "\(diff.findings.new.filter(\.open).count) new unwaived finding(s)"))
            throw ExitCode(1)
        }
    }

    /// Prints the one-line message (it starts with the file and position) and yields the bad-input exit code.
    private func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("\(TerminalText.line(message))\n".utf8))
        return ExitCode(2)
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data("nhi-audit diff: \(TerminalText.line(message))\n".utf8))
    }
}

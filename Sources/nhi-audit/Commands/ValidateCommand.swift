import ArgumentParser
import Foundation
import NHIDetect
import NHIFrameworks

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate the catalogs and framework mappings; writes nothing.",
        discussion: """
        Checks every file under the mappings folder: YAML syntax, unknown or withdrawn control ids \
        (naming the successor, e.g. CSF 1.1 PR.AC-4 → PR.AA-05), unknown rule ids, duplicates, \
        catalog controls missing from their mapping, and mappings without a rationale.
        Exit 0 with a one-line summary when valid; exit 2 with one line per problem on stderr.
        """)

    @OptionGroup var mappings: MappingsOption

    func run() throws {
        let folder = try mappings.folder()
        let set: MappingSet
        do {
            set = try MappingSet.load(from: folder, knownRules: RuleRegistry.ids)
        } catch let error as MappingValidationError {
            FileHandle.standardError.write(Data(error.problems.map { $0 + "\n" }.joined().utf8))
            throw ExitCode(2)
        }
        let coverage = set.coverage
        let total = coverage.reduce(0) { $0 + $1.controls }
        let automated = coverage.reduce(0) { $0 + $1.automated }
        let manual = coverage.reduce(0) { $0 + $1.manual }
        let notApplicable = coverage.reduce(0) { $0 + $1.notApplicable }
        print("\(folder.path): valid: \(coverage.count) frameworks, \(total) controls (\(automated) assessed by rules, \(manual) manual, \(notApplicable) not applicable)")
    }
}

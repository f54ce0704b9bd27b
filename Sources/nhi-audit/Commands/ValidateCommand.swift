import ArgumentParser
import Foundation
import NHICollect
import NHIDetect
import NHIFrameworks
import NHIModel
import NHIPack

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate mappings, policy and (optionally) an evidence folder; writes nothing.",
        discussion: """
            Checks every file under the mappings folder: YAML syntax, unknown or withdrawn control ids \
            (naming the successor, e.g. CSF 1.1 PR.AC-4 → PR.AA-05), unknown rule ids, duplicates, \
            catalog controls missing from their mapping, mappings without a rationale; the default \
            policy.yaml and the authority classes; a --policy override; and, given EVIDENCE, scope.yaml, \
            every export (files that cannot be read are problems; rejected records are listed as warnings), \
            waivers.yaml and attestations.yaml (control ids no catalog has are warnings, with the id meant, \
            e.g. NHI-01 → NHI1:2025).
            Exit 0 with a summary when valid; exit 2 with one line per problem on stderr.
            """)

    @Argument(help: "An evidence folder to check as well (optional).")
    var evidence: String?

    @OptionGroup var mappings: MappingsOption

    @Option(
        name: .long,
        help: ArgumentHelp("A policy file overriding any subset of mappings/policy.yaml.", valueName: "file"))
    var policy: String?

    @Flag(
        name: .long,
        help:
            "Read files that symbolic links in the evidence folder point to outside it (each is listed in the ledger).")
    var followSymlinks = false

    func run() throws {
        let folder = try mappings.folder()
        var problems: [String] = []
        var summary: [String] = []
        var mappingSet: MappingSet?

        do {
            let set = try MappingSet.load(from: folder, knownRules: RuleRegistry.ids)
            mappingSet = set
            let coverage = set.coverage
            summary.append(
                "mappings: \(coverage.count) frameworks, \(coverage.reduce(0) { $0 + $1.controls }) controls "
                    + "(\(coverage.reduce(0) { $0 + $1.automated }) assessed by rules, \(coverage.reduce(0) { $0 + $1.manual }) manual, "
                    + "\(coverage.reduce(0) { $0 + $1.notApplicable }) not applicable)")
        } catch let error as MappingValidationError {
            problems += error.problems
        }
        let policyProblems =
            PolicyLoader.validate(folder.appendingPathComponent("policy.yaml"))
            + (policy.map { PolicyLoader.validate(URL(fileURLWithPath: $0)) } ?? [])
        problems += policyProblems
        if policyProblems.isEmpty { summary.append("policy: valid" + (policy.map { " (with \($0))" } ?? "")) }
        let authorityProblems = AuthorityLoader.validate(
            folder: folder.appendingPathComponent(AuthorityLoader.folderName))
        problems += authorityProblems
        if authorityProblems.isEmpty { summary.append("authority classes: valid") }

        if let evidence {
            let (evidenceProblems, evidenceSummary, warnings) = Self.checkEvidence(
                URL(fileURLWithPath: evidence), followSymlinks: followSymlinks,
                mappingSet: mappingSet)
            problems += evidenceProblems
            summary += evidenceSummary
            for warning in warnings { print("warning: \(TerminalText.line(warning))") }
        }

        guard problems.isEmpty else {
            FileHandle.standardError.write(Data(problems.map { TerminalText.line($0) + "\n" }.joined().utf8))
            throw ExitCode(2)
        }
        print("mappings \(try mappings.source()): valid")
        for line in summary { print("  \(line)") }
    }

    /// Reads the whole evidence folder (unreadable files recorded, not fatal) and the assessment inputs;
    /// control ids in waivers and attestations that no catalog has are warnings, as in a pack's notices.
    private static func checkEvidence(_ root: URL, followSymlinks: Bool, mappingSet: MappingSet?)
        -> (problems: [String], summary: [String], warnings: [String])
    {
        let inventory: Inventory
        do {
            inventory = try Collector(options: Collector.Options(keepGoing: true, followSymlinks: followSymlinks))
                .collect(folder: root)
        } catch {
            return (ErrorText.problems(for: error), [], [])
        }
        let ledger = inventory.ledger
        var problems = ledger.failedFiles.compactMap(\.error)
        var warnings =
            ledger.entries.flatMap { entry in
                entry.rejections.map {
                    "\(entry.file): \($0.count) record(s) rejected: \($0.reason) (first at \($0.locators.first ?? "?"))"
                }
            } + ledger.skipped.map { "\($0.file): skipped: \($0.reason)" }
        let standardized = root.standardizedFileURL
        let waivers = standardized.appendingPathComponent(WaiverFile.fileName)
        var waived: [Waiver] = []
        if FileManager.default.fileExists(atPath: waivers.path) {
            do { waived = try WaiverFile.load(waivers, knownRules: RuleRegistry.ids) } catch {
                problems += ErrorText.problems(for: error)
            }
        }
        let attestations = standardized.appendingPathComponent(AttestationFile.fileName)
        var attested: [AttestationRecord] = []
        if FileManager.default.fileExists(atPath: attestations.path) {
            let asOf = inventory.scope.periodEnd ?? Date()
            do { attested = try AttestationFile.load(attestations, evidenceRoot: standardized, periodEnd: asOf) } catch
            {
                problems += ErrorText.problems(for: error)
            }
        }
        if let mappingSet {
            warnings += Pipeline.unknownControls(attestations: attested, waivers: waived, mappingSet: mappingSet)
        }
        let summary = [
            "evidence: \(ledger.entries.count) files read (\(ledger.failedFiles.count) failed, \(ledger.skipped.count) skipped), "
                + "\(ledger.totalRead) records: \(ledger.totalAccepted) accepted, \(ledger.totalRejected) rejected"
        ]
        return (problems, summary, warnings)
    }
}

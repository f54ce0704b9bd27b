import ArgumentParser
import Foundation
import NHICollect
import NHIDetect
import NHIModel
import NHIPack

struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Collect, detect, assess and write the evidence pack.",
        discussion: """
            EVIDENCE is an evidence folder (exports and an optional scope.yaml). When EVIDENCE holds no \
            scope.yaml but sub-folders that do (one per quarter, e.g. evidence/northwind/2026-Q3 and \
            2026-Q4), each is packed in name order into OUT/<name>, each chained to the one before.

            The pack is written to a temporary folder beside OUT and renamed at the end, under a lock \
            that makes a second concurrent run to the same OUT fail: a failed run leaves nothing \
            half-written, and a run interrupted earlier is repaired (its leftovers restored or removed, \
            and said so). OUT may not be, lie inside or contain EVIDENCE. With --generated-at fixed, the \
            same inputs give a byte-identical pack.

            Exit codes: 0 written, 1 written but an open finding at or above --fail-on exists, 2 bad input.
            """
    )

    @Argument(help: "The evidence folder, or a folder of quarter folders.")
    var evidence: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to write the pack (or, for a folder of quarters, the folder of packs).", valueName: "dir"))
    var out: String

    @Option(
        name: .long,
        help: ArgumentHelp("An earlier pack to chain to and compare with (repeat for older packs).", valueName: "pack"))
    var previous: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("A policy file overriding any subset of mappings/policy.yaml.", valueName: "file"))
    var policy: String?

    @OptionGroup var mappings: MappingsOption

    @Option(
        name: .long,
        help: ArgumentHelp("A folder of templates replacing shipped ones of the same name.", valueName: "dir"))
    var templates: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Ed25519 private key (from keygen) to sign manifest.json with.", valueName: "file"))
    var signKey: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The time recorded as generated-at (ISO 8601); default: now.", valueName: "time"))
    var generatedAt: String?

    @Option(
        name: .long,
        help: "Exit 1 when an open finding at or above this severity exists: none, low, medium, high, critical.")
    var failOn: FindingsCommand.FailOn = .none

    @Flag(name: .long, help: "Replace an existing pack at --out (only a folder that is provably an nhi-audit pack).")
    var force = false

    @Flag(
        name: .long,
        help:
            "Indent results.json, evidence-pack.xml and the OSCAL documents for people to read (by default they are compact)."
    )
    var pretty = false

    @Flag(name: .long, help: "Record unreadable files as failed in the ingest ledger instead of stopping.")
    var keepGoing = false

    @Flag(
        name: .long,
        help:
            "Read files that symbolic links in the evidence folder point to outside it (each is listed in the ledger).")
    var followSymlinks = false

    func run() throws {
        let time =
            try generatedAt.map { text -> Date in
                guard let date = ISO8601.parse(text) else {
                    throw CLIError.badInput("--generated-at: not an ISO 8601 time: \(text)")
                }
                return date
            } ?? Date()
        let evidenceURL = URL(fileURLWithPath: evidence)
        let quarters = try Self.quarterFolders(evidenceURL)
        var previousPacks = previous
        var tripped = false
        if quarters.isEmpty {
            tripped = try packOne(
                evidence: evidenceURL, out: URL(fileURLWithPath: out), previous: previousPacks, generatedAt: time)
        } else {
            for quarter in quarters {
                let target = URL(fileURLWithPath: out).appendingPathComponent(quarter.lastPathComponent)
                print("== \(TerminalText.line(quarter.lastPathComponent))")
                tripped =
                    try packOne(evidence: quarter, out: target, previous: previousPacks, generatedAt: time) || tripped
                previousPacks = [target.path]
            }
        }
        if tripped { throw ExitCode(1) }
    }

    /// Packs one evidence folder; returns whether the --fail-on gate tripped.
    private func packOne(evidence: URL, out: URL, previous: [String], generatedAt: Date) throws -> Bool {
        let mappingsFolder = try mappings.folder()
        let templatesDefault = try ShippedResources.folder(named: "templates")
        let assessed = try assess(evidence: evidence, mappingsFolder: mappingsFolder, generatedAt: generatedAt)
        var results = assessed.results
        var previousResults: ResultsDocument?
        var previousDigest: String?
        let signingKey = try signKey.map { try PackKeys.readPrivateKey(URL(fileURLWithPath: $0)) }
        for earlier in previous {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: earlier, isDirectory: &isFolder), isFolder.boolValue else {
                throw CLIError.badInput(
                    "\(earlier): --previous needs an evidence pack folder (its files are checked against its manifest)")
            }
            let problems = Verifier.verifyPrevious(pack: URL(fileURLWithPath: earlier), signingKey: signingKey)
            if let first = problems.first {
                let more =
                    problems.count > 1 ? " (and \(problems.count - 1) more; run nhi-audit verify \(earlier))" : ""
                throw CLIError.badInput("\(earlier)/\(first): the previous pack does not match its own manifest\(more)")
            }
        }
        if let latest = previous.first {
            do {
                let trend = try TrendBuilder(previous: previous).build(current: results, label: out.lastPathComponent)
                results.trend = trend.earlier
                results.notices += trend.notices
                previousResults = try PackResults.load(latest).document
            } catch {
                throw CLIError.badInput(ErrorText.message(for: error))
            }
            guard let digest = PackChain.manifestDigest(of: URL(fileURLWithPath: latest)) else {
                throw CLIError.badInput("\(latest): not an evidence pack (no readable manifest.json)")
            }
            previousDigest = digest
            StageTimes.shared.mark("previous packs")
        }
        var options = PackOptions(
            force: force, signingKey: signingKey, previousManifestDigest: previousDigest, toolVersion: NHIAudit.version,
            mappingDigest: results.mappingDigest, policyDigest: results.policyDigest,
            templatesOverride: templates.map { URL(fileURLWithPath: $0, isDirectory: true) },
            templatesDefault: templatesDefault,
            rules: RuleRegistry.descriptors.map { PackRule($0, policy: assessed.policy) },
            previousResults: previousResults, evidenceFolders: [URL(fileURLWithPath: self.evidence), evidence],
            notice: { FileHandle.standardError.write(Data("nhi-audit: \($0)\n".utf8)) },
            pretty: pretty,
            rendered: { StageTimes.shared.task("render \($0.name)", wall: $0.wall, cpu: $0.cpu) })
        options.remediationDays = assessed.policy.remediationDays
        options.mappingSource = try mappings.source()
        options.templateSource = DataSource(
            kind: .embedded, folder: nil, sha256: try FolderDigest.sha256(of: templatesDefault))
        options.templateOverrideSource = try templates.map {
            DataSource(kind: .folder, folder: $0, sha256: try FolderDigest.sha256(of: URL(fileURLWithPath: $0)))
        }
        let summary = try PackWriter.write(
            results: results, catalogs: assessed.catalogs, inputFiles: assessed.inputs, to: out, options: options)
        StageTimes.shared.mark("render")
        for line in PackSummaryText.lines(results: results, summary: summary) { print(TerminalText.line(line)) }
        Leftovers.shared.keep((assessed, results, options))
        guard let threshold = failOn.threshold else { return false }
        return results.findings.contains { $0.isOpen && $0.severity >= threshold }
    }

    /// What the pack is written from, and the pipeline run it came from, kept until the pack is
    /// written: letting go of the inventory before rendering saves no peak memory (collection and
    /// detection reach the peak), while freeing it then takes a core from rendering.
    private struct Assessed {
        var results: ResultsDocument
        var catalogs: [Catalog]
        var policy: Policy
        var inputs: [PackInput]
        var pipeline: PipelineOutput
    }

    private func assess(evidence: URL, mappingsFolder: URL, generatedAt: Date) throws -> Assessed {
        let output: PipelineOutput
        do {
            output = try Pipeline.run(
                PipelineOptions(
                    evidence: evidence, mappings: mappingsFolder, policy: policy.map { URL(fileURLWithPath: $0) },
                    keepGoing: keepGoing, generatedAt: generatedAt, followSymlinks: followSymlinks))
        } catch {
            FileHandle.standardError.write(Data((ErrorText.message(for: error) + "\n").utf8))
            throw ExitCode(2)
        }
        let ledger = output.inventory.ledger
        let inputs = try PackInput.hashing(
            evidenceFolder: output.evidenceRoot, paths: Self.inputPaths(ledger, root: output.evidenceRoot),
            known: Self.digestsRead(ledger))
        StageTimes.shared.mark("inputs")
        return Assessed(
            results: output.results, catalogs: output.mappingSet.catalogs, policy: output.policy, inputs: inputs,
            pipeline: output)
    }

    /// The SHA-256 and size of each file the collector read, taken from the same bytes it parsed:
    /// those files need no second read.
    private static func digestsRead(_ ledger: IngestLedger) -> [String: (sha256: String, size: Int64)] {
        var digests: [String: (sha256: String, size: Int64)] = [:]
        for entry in ledger.entries where entry.status == .ok && entry.link == nil && !entry.sha256.isEmpty {
            digests[entry.file] = (entry.sha256, entry.size)
        }
        return digests
    }

    /// Every file of the evidence folder the collector saw (read, failed or skipped) and scope.yaml,
    /// a zip archive for its members (`archive.zip!member`: the archive is the file on disk that
    /// `verify` can re-hash); what is not a file (a pack folder, a link to a folder or to nothing) has
    /// no content to hash.
    private static func inputPaths(_ ledger: IngestLedger, root: URL) -> [String] {
        let paths =
            (ledger.entries.map(\.file) + ledger.skipped.map(\.file)).map { path in
                guard let bang = path.firstIndex(of: "!"),
                    !FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
                else { return path }
                return String(path[..<bang])
            } + [ScopeFile.fileName]
        return paths.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    /// Sub-folders that are evidence folders of their own, when `folder` is not one itself.
    static func quarterFolders(_ folder: URL) throws -> [URL] {
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: folder.appendingPathComponent(ScopeFile.fileName).path) else { return [] }
        let children =
            (try? fileManager.contentsOfDirectory(
                at: folder, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])) ?? []
        return
            children
            .filter { fileManager.fileExists(atPath: $0.appendingPathComponent(ScopeFile.fileName).path) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

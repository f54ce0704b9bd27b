import Foundation
import NHICollect
import NHIDetect
import NHIFrameworks
import NHIModel

struct PipelineOptions {
    var evidence: URL
    var mappings: URL
    var policy: URL?
    var keepGoing: Bool
    var generatedAt: Date
    var followSymlinks = false
}

struct PipelineOutput {
    var inventory: Inventory
    var mappingSet: MappingSet
    var results: ResultsDocument
    var evidenceRoot: URL
    /// The policy in force (defaults merged with --policy).
    var policy: Policy
}

/// collect → detect → assess: everything up to (not including) rendering, shared by `findings` and `pack`.
enum Pipeline {
    static func run(_ options: PipelineOptions) throws -> PipelineOutput {
        StageTimes.shared.begin()
        // The authority classes and the framework mappings are read beside collection: read after
        // it, their YAML held up detection on one core. Their errors still come after collection's.
        let rules = Background {
            Result {
                (
                    try AuthorityLoader.load(
                        folder: options.mappings.appendingPathComponent(AuthorityLoader.folderName)),
                    try MappingSet.load(from: options.mappings, knownRules: RuleRegistry.ids)
                )
            }
        }
        // The policy comes first: collection finds audit gaps by its `audit_gap_hours`.
        let policy = try PolicyLoader.load(
            defaults: options.mappings.appendingPathComponent("policy.yaml"), override: options.policy)
        let inventory: Inventory
        do {
            let collectOptions = Collector.Options(
                keepGoing: options.keepGoing, followSymlinks: options.followSymlinks,
                auditGapHours: policy.policy.auditGapHours)
            inventory = try Collector(options: collectOptions).collect(folder: options.evidence)
        } catch let error as CollectError {
            throw error.located(in: options.evidence.path)
        }
        StageTimes.shared.mark("collect")
        let (classifier, mappingSet) = try rules.value.get()

        // Ages, expiries and waivers are judged at the period end, so that a re-run later gives the same answer.
        let asOf = inventory.scope.periodEnd ?? options.generatedAt
        // What the results take from the inventory alone is made beside detection, whose last rules
        // leave a core idle, rather than alone after it.
        let summaries = Background { InventorySummaries(inventory) }
        let detection = Detector(policy: policy.policy, classifier: classifier).run(inventory, asOf: asOf)
        StageTimes.shared.mark("detect")

        let root = options.evidence.standardizedFileURL
        let waiversURL = root.appendingPathComponent(WaiverFile.fileName)
        let waivers =
            FileManager.default.fileExists(atPath: waiversURL.path)
            ? try WaiverFile.load(waiversURL, knownRules: RuleRegistry.ids) : []
        let attestationsURL = root.appendingPathComponent(AttestationFile.fileName)
        let attestations =
            FileManager.default.fileExists(atPath: attestationsURL.path)
            ? try AttestationFile.load(attestationsURL, evidenceRoot: root, periodEnd: asOf) : []

        let notices =
            PolicyNotices.notices(policy.relaxations, rulesByKey: RuleRegistry.rulesByPolicyKey, mappingSet: mappingSet)
            + PolicyNotices.notices(
                policy.silencings, rulesByKey: RuleRegistry.rulesByPolicyKey, mappingSet: mappingSet)
            + unknownControls(attestations: attestations, waivers: waivers, mappingSet: mappingSet)
            + summaries.value.unmatchedOwners
        let assessment = Assessor(mappingSet: mappingSet).assess(
            findings: detection.findings, evaluations: detection.evaluations, waivers: waivers,
            attestations: attestations, periodEnd: asOf, notices: notices)

        let results = ResultsDocument(
            tool: ResultsDocument.Tool(name: "nhi-audit", version: NHIAudit.version), generatedAt: options.generatedAt,
            scope: inventory.scope, mappingDigest: try mappingDigest(options.mappings),
            policyDigest: try policyDigest(policy.policy),
            metrics: detection.metrics, frameworks: assessment.frameworks, findings: assessment.findings,
            ruleEvaluations: assessment.ruleEvaluations, waivers: assessment.waivers,
            attestations: assessment.attestations,
            authority: detection.authority, unclassifiedActions: detection.unclassified, ledger: inventory.ledger,
            coverage: summaries.value.coverage, notices: assessment.notices,
            authorityView: detection.authorityView, identities: summaries.value.identities)
        StageTimes.shared.mark("assess")
        return PipelineOutput(
            inventory: inventory, mappingSet: mappingSet, results: results, evidenceRoot: root, policy: policy.policy)
    }

    /// The parts of the results made from the inventory alone.
    private struct InventorySummaries: Sendable {
        var identities: [IdentitySummary]
        var coverage: [TargetCoverage]
        var unmatchedOwners: [String]

        init(_ inventory: Inventory) {
            identities = IdentitySummary.of(inventory)
            coverage = TargetCoverage.of(inventory.scope, inventory.evidenceCoverage)
            unmatchedOwners = OwnerReferences.unmatched(inventory)
        }
    }

    /// SHA-256 over the sorted relative paths and SHA-256 of every file in the mappings folder.
    static func mappingDigest(_ folder: URL) throws -> String {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var lines: [String] = []
        let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent
            lines.append("\(relative)\t\(try FileDigest.sha256(of: url).hex)")
        }
        return FileDigest.sha256(of: lines.sorted().joined(separator: "\n"))
    }

    /// SHA-256 of the effective policy as canonical JSON (sorted keys).
    static func policyDigest(_ policy: Policy) throws -> String {
        FileDigest.sha256(of: try NHIJSON.encoder(pretty: false).encode(policy))
    }

    static func unknownControls(attestations: [AttestationRecord], waivers: [Waiver], mappingSet: MappingSet)
        -> [String]
    {
        let attested = attestations.flatMap(\.controls).compactMap(mappingSet.unknownControlProblem)
            .map { "\(AttestationFile.fileName): \($0)" }
        let waived = waivers.compactMap(\.control).compactMap(mappingSet.unknownControlProblem)
            .map { "\(WaiverFile.fileName): \($0)" }
        return Array(Set(attested + waived)).sorted()
    }
}

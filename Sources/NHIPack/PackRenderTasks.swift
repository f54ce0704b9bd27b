import Foundation
import NHIModel

/// Every rendering of a pack but the manifest, as `PackTasks`: results.json, whose digest the
/// XML, the OSCAL assessment results and the report cite, and beside it what needs no digest (the
/// OSCAL catalogs and plans, what the OSCAL assessment results hold in either format, the facts
/// per finding, findings.csv). Listed in the order a failure
/// is reported in. Costs are each task's thread CPU seconds at 10,000 identities
/// (`NHI_AUDIT_STAGE_TIMES`); only their proportions matter. Tasks grow at different rates (the
/// schema check is a sixth of the work at 10,000 and a twelfth at 100,000): with the proportions
/// at 100,000 the check, waiting on results.json and evidence-pack.xml, would run alone at the end of a
/// 10,000-identity pack, while these start that chain first. On six sets of measured task times
/// (quiet and loaded, at both sizes) the schedule ends on average 4 % after an even split of the
/// work between two cores, against 7 % with the proportions at 100,000.
enum PackRenderTasks {
    struct Inputs {
        var doc: ResultsDocument
        var catalogs: [Catalog]
        var inputs: [PackInput]
        var schema: URL
        var templates: TemplateSet
        var options: PackOptions
    }

    static func make(_ given: Inputs, into commit: PackCommit) -> [PackTask] {
        let doc = given.doc, options = given.options, inputs = given.inputs
        let digest = TaskOutput<String>(readers: 4)
        let catalogFiles = TaskOutput<[OSCALCatalogFile]>(readers: 5)
        let resultsContent = TaskOutput<OSCALResultsContent>(readers: 2)
        let facts = TaskOutput<ReportFacts>(readers: 2)
        let oscal = { (catalogFiles: [OSCALCatalogFile]) in
            OSCALPackFiles(
                doc: doc, inputs: inputs, rules: options.rules, pretty: options.pretty, catalogFiles: catalogFiles)
        }
        return [
            PackTask(name: PackLayout.results, cost: 0.19) {
                digest.set(
                    try commit.write(PackLayout.results) {
                        try ResultsJSON.write(doc, pretty: options.pretty, to: $0)
                    }.sha256)
            },
            PackTask(name: PackLayout.oscalCatalogs, cost: 0.01) {
                catalogFiles.set(try OSCALCatalogBuilder.build(doc, catalogs: given.catalogs, pretty: options.pretty))
            },
            PackTask(name: PackLayout.xml, after: [PackLayout.results], cost: 0.21) {
                let resultsDigest = digest.read { $0 }
                try commit.write(PackLayout.xml) { file in
                    try EvidencePackXML.write(
                        doc, inputs: inputs, resultsDigest: resultsDigest, pretty: options.pretty, to: file)
                }
            },
            PackTask(name: schemaCheck, after: [PackLayout.xml], cost: 0.39) {
                let errors = try XMLSchemaValidator.validate(
                    file: commit.staged(PackLayout.xml), schema: given.schema, documentName: PackLayout.xml)
                guard errors.isEmpty else { throw PackError.invalidXML(file: PackLayout.xml, errors: errors) }
            },
            PackTask(name: oscalResultsContent, after: [PackLayout.oscalCatalogs], cost: 0.15) {
                resultsContent.set(oscal(catalogFiles.read { $0 }).resultsContent())
            },
            PackTask(name: PackLayout.oscalJSON, after: [PackLayout.results, oscalResultsContent], cost: 0.33) {
                try resultsContent.read { content in
                    try oscal(catalogFiles.read { $0 }).writeResults(
                        .json, content: content, resultsDigest: digest.read { $0 }, into: commit)
                }
            },
            PackTask(name: PackLayout.oscalPlanJSON, after: [PackLayout.oscalCatalogs], cost: 0.003) {
                try oscal(catalogFiles.read { $0 }).writePlan(.json, into: commit)
            },
            PackTask(name: PackLayout.oscalXML, after: [PackLayout.results, oscalResultsContent], cost: 0.42) {
                try resultsContent.read { content in
                    try oscal(catalogFiles.read { $0 }).writeResults(
                        .xml, content: content, resultsDigest: digest.read { $0 }, into: commit)
                }
            },
            PackTask(name: PackLayout.oscalPlanXML, after: [PackLayout.oscalCatalogs], cost: 0.003) {
                try oscal(catalogFiles.read { $0 }).writePlan(.xml, into: commit)
            },
            PackTask(name: findingFacts, cost: 0.08) {
                facts.set(FindingFacts.all(doc, rules: options.rules, remediationDays: options.remediationDays))
            },
            PackTask(name: PackLayout.html, after: [PackLayout.results, findingFacts], cost: 0.31) {
                let resultsDigest = digest.read { $0 }
                _ = try facts.read { facts in
                    try commit.write(PackLayout.html) { file in
                        try HTMLReport.write(
                            doc, facts: facts, catalogs: given.catalogs, inputs: inputs, resultsDigest: resultsDigest,
                            options: options, templates: given.templates, to: { try file.write($0) })
                    }
                }
            },
            PackTask(name: PackLayout.findingsCSV, after: [findingFacts], cost: 0.23) {
                _ = try facts.read { facts in
                    try commit.write(PackLayout.findingsCSV) { file in
                        try FindingsCSV.write(doc, facts: facts.findings, to: { try file.write($0) })
                    }
                }
            },
        ]
    }

    /// Stage names of the tasks that write no file of their own.
    static let schemaCheck = "evidence-pack.xml schema"
    static let findingFacts = "finding facts"
    static let oscalResultsContent = "oscal/assessment-results content"
}

/// A value one pack task leaves for the tasks after it: set before they start and read after
/// (`PackTasks` orders the two under its lock); let go once its last reader is done with it, so
/// that a large value is not held while the rest of the pack renders.
final class TaskOutput<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private var readers: Int

    init(readers: Int) { self.readers = readers }

    func set(_ value: Value) { lock.withLock { stored = value } }

    /// Passes the value to `body`: once by each of the `readers` tasks, each after the task that set it.
    func read<R>(_ body: (Value) throws -> R) rethrows -> R {
        guard let value = lock.withLock({ stored }) else {
            preconditionFailure("a pack task read a value before it was set or after its last reader")
        }
        defer {
            lock.withLock {
                readers -= 1
                if readers == 0 { stored = nil }
            }
        }
        return try body(value)
    }
}

import Crypto
import Foundation
import NHIFiles
import NHIModel

/// What a written pack is, for the pack command's summary line.
public struct PackSummary: Hashable, Sendable {
    public var location: URL
    /// SHA-256 of manifest.json: the pack's identity, and what the next pack's `--previous` chains to.
    public var manifestDigest: String
    public var resultsDigest: String
    public var files: [Manifest.Entry]
    public var signed: Bool
}

/// Writes an evidence pack (docs/evidence-pack.md). Each output is rendered (and validated) and
/// written into a temporary folder beside the destination, the large documents as they are made;
/// after results.json, whose digest the others cite, two lanes render side by side
/// (`PackLanes`). All under the pack's lock; the folder is renamed into place at the end
/// (`PackCommit`), so a failure at any step leaves neither a partial pack nor a temporary folder
/// behind, and nothing but one of our packs is ever replaced.
public enum PackWriter {
    @discardableResult
    public static func write(
        results: ResultsDocument, catalogs: [Catalog], inputFiles: [PackInput], to out: URL,
        options: PackOptions
    ) throws -> PackSummary {
        let destination = out.standardizedFileURL
        try PackDestination.checkPlacement(destination, evidenceFolders: options.evidenceFolders)
        // Checked again under the lock; here it spares loading the templates.
        try PackDestination.check(destination, force: options.force)
        try checkConsistency(results, options)
        let templates = try TemplateSet.load(
            defaultFolder: options.templatesDefault, override: options.templatesOverride)
        let schema = options.templatesDefault.appendingPathComponent(PackLayout.xmlSchema)
        guard FileManager.default.fileExists(atPath: schema.path) else {
            throw PackError.template("\(schema.path): the evidence pack schema is missing")
        }

        let doc = FindingHistory.dated(ReportOrder.normalised(results), previous: options.previousResults)
        let inputs = Dictionary(inputFiles.map { ($0.path, $0) }) { first, _ in first }.values.sorted {
            $0.path < $1.path
        }
        let commit = try PackCommit(
            to: destination, force: options.force, afterWrite: options.afterWrite, notice: options.notice)
        do {
            let summary = try render(
                doc, catalogs: catalogs, inputs: inputs, schema: schema, templates: templates,
                options: options, into: commit)
            try commit.finish()
            return PackSummary(
                location: destination, manifestDigest: summary.manifestDigest, resultsDigest: summary.resultsDigest,
                files: summary.outputs, signed: options.signingKey != nil)
        } catch {
            commit.abandon()
            throw error
        }
    }

    /// Renders and writes every file, each let go once written; the manifest last.
    private static func render(
        _ doc: ResultsDocument, catalogs: [Catalog], inputs: [PackInput], schema: URL, templates: TemplateSet,
        options: PackOptions, into commit: PackCommit
    )
        throws -> (manifestDigest: String, resultsDigest: String, outputs: [Manifest.Entry])
    {
        let resultsDigest = try commit.write(PackLayout.results) {
            try ResultsJSON.write(doc, pretty: options.pretty, to: $0)
        }.sha256
        options.rendered?(PackLayout.results)

        // Both lanes need the results' digest; after it they depend on nothing of each other.
        let oscal = try OSCALPackFiles(
            doc, catalogs: catalogs, inputs: inputs, rules: options.rules, resultsDigest: resultsDigest,
            pretty: options.pretty)
        try PackLanes.run([
            {
                try writeEvidencePackXML(
                    doc, inputs: inputs, resultsDigest: resultsDigest, schema: schema, options, commit)
                options.rendered?(PackLayout.xml)
                try oscal.write(.json, into: commit)
                options.rendered?("oscal/ json")
            },
            {
                try oscal.write(.xml, into: commit)
                options.rendered?("oscal/ xml")
                let facts = FindingFacts.all(doc, rules: options.rules, remediationDays: options.remediationDays)
                try commit.write(PackLayout.html) { file in
                    try HTMLReport.write(
                        doc, facts: facts, catalogs: catalogs, inputs: inputs, resultsDigest: resultsDigest,
                        options: options, templates: templates, to: { try file.write($0) })
                }
                try commit.write(PackLayout.findingsCSV) { file in
                    try FindingsCSV.write(doc, facts: facts, to: { try file.write($0) })
                }
                options.rendered?(PackLayout.html)
            },
        ])

        let manifest = Manifest(
            tool: doc.tool, generatedAt: doc.generatedAt, mappingDigest: options.mappingDigest,
            policyDigest: options.policyDigest,
            previousManifestDigest: options.previousManifestDigest,
            mappings: options.mappingSource, templates: options.templateSource,
            templateOverrides: options.templateOverrideSource,
            inputs: inputs.map { Manifest.Entry(path: $0.path, sha256: $0.sha256, size: $0.size) },
            outputs: commit.written,
            signature: options.signingKey.map {
                Manifest.SignatureInfo(publicKeySha256: PackKeys.fingerprint($0.publicKey))
            }
        )
        let manifestData = try manifest.encoded()
        try commit.write(PackLayout.manifest, manifestData)
        if let key = options.signingKey {
            try commit.write(PackLayout.signature, try ManifestSigner.sign(manifestData, with: key))
        }
        options.rendered?(PackLayout.manifest)
        return (SHA256Hex.of(manifestData), resultsDigest, manifest.outputs)
    }

    /// evidence-pack.xml, checked against its schema once written.
    private static func writeEvidencePackXML(
        _ doc: ResultsDocument, inputs: [PackInput], resultsDigest: String, schema: URL, _ options: PackOptions,
        _ commit: PackCommit
    ) throws {
        try commit.write(PackLayout.xml) { file in
            try EvidencePackXML.write(
                doc, inputs: inputs, resultsDigest: resultsDigest, pretty: options.pretty, to: file)
        }
        let xmlErrors = try XMLSchemaValidator.validate(
            file: commit.staged(PackLayout.xml), schema: schema, documentName: PackLayout.xml)
        guard xmlErrors.isEmpty else { throw PackError.invalidXML(file: PackLayout.xml, errors: xmlErrors) }
    }

    /// The manifest records the options, the reports record the results: they must agree, or the
    /// pack would contradict itself.
    private static func checkConsistency(_ results: ResultsDocument, _ options: PackOptions) throws {
        let pairs = [
            ("tool version", results.tool.version, options.toolVersion),
            ("mapping digest", results.mappingDigest, options.mappingDigest),
            ("policy digest", results.policyDigest, options.policyDigest),
        ]
        for (name, inResults, inOptions) in pairs where inResults != inOptions {
            throw PackError.inconsistent("results.json has \(name) \(inResults) but the pack options have \(inOptions)")
        }
    }
}

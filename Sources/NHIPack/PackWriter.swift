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
/// written into a temporary folder beside the destination, the large documents as they are made,
/// on every core (`PackRenderTasks`: results.json, whose digest most others cite, beside what needs
/// no digest). All under the pack's lock; the folder is renamed into place at the end
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
        try PackTasks.run(
            PackRenderTasks.make(
                .init(
                    doc: doc, catalogs: catalogs, inputs: inputs, schema: schema, templates: templates,
                    options: options),
                into: commit),
            finished: { options.rendered?($0) })
        guard let resultsDigest = commit.written.first(where: { $0.path == PackLayout.results })?.sha256 else {
            preconditionFailure("the pack's tasks ended without results.json")
        }

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
        var manifestData = Data()
        let stage = try PackStage.measure(PackLayout.manifest) {
            manifestData = try manifest.encoded()
            try commit.write(PackLayout.manifest, manifestData)
            if let key = options.signingKey {
                try commit.write(PackLayout.signature, try ManifestSigner.sign(manifestData, with: key))
            }
        }
        options.rendered?(stage)
        return (SHA256Hex.of(manifestData), resultsDigest, manifest.outputs)
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

import Crypto
import Foundation
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

/// Writes an evidence pack (docs/evidence-pack.md). Everything is rendered and validated in memory first,
/// then written into a temporary folder beside the destination and renamed into place under a
/// lock (`PackCommit`), so a failure at any step leaves neither a partial pack nor a temporary
/// folder behind, and nothing but one of our packs is ever replaced.
public enum PackWriter {
    @discardableResult
    public static func write(results: ResultsDocument, catalogs: [Catalog], inputFiles: [PackInput], to out: URL,
                             options: PackOptions) throws -> PackSummary {
        let destination = out.standardizedFileURL
        try PackDestination.checkPlacement(destination, evidenceFolders: options.evidenceFolders)
        // Checked again under the lock before anything is renamed; here it only spares the rendering.
        try PackDestination.check(destination, force: options.force)
        try checkConsistency(results, options)
        let templates = try TemplateSet.load(defaultFolder: options.templatesDefault, override: options.templatesOverride)
        let schema = options.templatesDefault.appendingPathComponent(PackLayout.xmlSchema)
        guard FileManager.default.fileExists(atPath: schema.path) else {
            throw PackError.template("\(schema.path): the evidence pack schema is missing")
        }

        let doc = FindingHistory.dated(ReportOrder.normalised(results), previous: options.previousResults)
        let inputs = Dictionary(inputFiles.map { ($0.path, $0) }) { first, _ in first }.values.sorted { $0.path < $1.path }
        var resultsData = try NHIJSON.encoder().encode(doc)
        resultsData.append(0x0A)
        let resultsDigest = SHA256Hex.of(resultsData)

        let xml = try EvidencePackXML.render(doc, inputs: inputs, resultsDigest: resultsDigest)
        let xmlErrors = try XMLSchemaValidator.validate(xml, schema: schema, documentName: PackLayout.xml)
        guard xmlErrors.isEmpty else { throw PackError.invalidXML(file: PackLayout.xml, errors: xmlErrors) }

        let oscal = try OSCALPackFiles.render(doc, catalogs: catalogs, inputs: inputs, rules: options.rules, resultsDigest: resultsDigest,
                                              pretty: options.pretty)
        let report = try HTMLReport.render(doc, catalogs: catalogs, inputs: inputs, resultsDigest: resultsDigest,
                                         options: options, templates: templates)

        let outputs: [(String, Data)] = [(PackLayout.results, resultsData), (PackLayout.xml, xml)] + oscal
            + [(PackLayout.html, report.html), (PackLayout.findingsCSV, report.csv)]
        let manifest = Manifest(
            tool: doc.tool, generatedAt: doc.generatedAt, mappingDigest: options.mappingDigest, policyDigest: options.policyDigest,
            previousManifestDigest: options.previousManifestDigest,
            mappings: options.mappingSource, templates: options.templateSource, templateOverrides: options.templateOverrideSource,
            inputs: inputs.map { Manifest.Entry(path: $0.path, sha256: $0.sha256, size: $0.size) },
            outputs: outputs.map { Manifest.Entry(path: $0.0, sha256: SHA256Hex.of($0.1), size: Int64($0.1.count)) },
            signature: options.signingKey.map { Manifest.SignatureInfo(publicKeySha256: PackKeys.fingerprint($0.publicKey)) }
        )
        let manifestData = try manifest.encoded()
        var files = outputs + [(PackLayout.manifest, manifestData)]
        if let key = options.signingKey {
            files.append((PackLayout.signature, try ManifestSigner.sign(manifestData, with: key)))
        }

        try PackCommit.commit(files, to: destination, force: options.force, afterWrite: options.afterWrite, notice: options.notice)
        return PackSummary(location: destination, manifestDigest: SHA256Hex.of(manifestData), resultsDigest: resultsDigest,
                           files: manifest.outputs, signed: options.signingKey != nil)
    }

    /// The manifest records the options, the reports record the results: they must agree, or the
    /// pack would contradict itself.
    private static func checkConsistency(_ results: ResultsDocument, _ options: PackOptions) throws {
        let pairs = [("tool version", results.tool.version, options.toolVersion),
                     ("mapping digest", results.mappingDigest, options.mappingDigest),
                     ("policy digest", results.policyDigest, options.policyDigest)]
        for (name, inResults, inOptions) in pairs where inResults != inOptions {
            throw PackError.inconsistent("results.json has \(name) \(inResults) but the pack options have \(inOptions)")
        }
    }
}

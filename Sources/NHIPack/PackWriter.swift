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

/// Writes an evidence pack (DESIGN.md §6). Everything is rendered and validated in memory first,
/// then written into a temporary folder beside the destination and renamed into place, so a
/// failure at any step leaves neither a partial pack nor a temporary folder behind.
public enum PackWriter {
    @discardableResult
    public static func write(results: ResultsDocument, catalogs: [Catalog], inputFiles: [PackInput], to out: URL,
                             options: PackOptions) throws -> PackSummary {
        let destination = out.standardizedFileURL
        try checkDestination(destination, force: options.force)
        try checkConsistency(results, options)
        let templates = try TemplateSet.load(defaultFolder: options.templatesDefault, override: options.templatesOverride)
        let schema = options.templatesDefault.appendingPathComponent(PackLayout.xmlSchema)
        guard FileManager.default.fileExists(atPath: schema.path) else {
            throw PackError.template("\(schema.path): the evidence pack schema is missing")
        }

        let doc = ReportOrder.normalised(results)
        let inputs = Dictionary(inputFiles.map { ($0.path, $0) }) { first, _ in first }.values.sorted { $0.path < $1.path }
        var resultsData = try NHIJSON.encoder().encode(doc)
        resultsData.append(0x0A)
        let resultsDigest = SHA256Hex.of(resultsData)

        let xml = try EvidencePackXML.render(doc, inputs: inputs, resultsDigest: resultsDigest)
        let xmlErrors = try XMLSchemaValidator.validate(xml, schema: schema, documentName: PackLayout.xml)
        guard xmlErrors.isEmpty else { throw PackError.invalidXML(file: PackLayout.xml, errors: xmlErrors) }

        let oscal = try OSCALPackFiles.render(doc, catalogs: catalogs, inputs: inputs, rules: options.rules, resultsDigest: resultsDigest)
        let html = try HTMLReport.render(doc, catalogs: catalogs, inputs: inputs, resultsDigest: resultsDigest,
                                         options: options, templates: templates)

        let outputs: [(String, Data)] = [(PackLayout.results, resultsData), (PackLayout.xml, xml)] + oscal + [(PackLayout.html, html)]
        let manifest = Manifest(
            tool: doc.tool, generatedAt: doc.generatedAt, mappingDigest: options.mappingDigest, policyDigest: options.policyDigest,
            previousManifestDigest: options.previousManifestDigest,
            inputs: inputs.map { Manifest.Entry(path: $0.path, sha256: $0.sha256, size: $0.size) },
            outputs: outputs.map { Manifest.Entry(path: $0.0, sha256: SHA256Hex.of($0.1), size: Int64($0.1.count)) },
            signature: options.signingKey.map { Manifest.SignatureInfo(publicKeySha256: PackKeys.fingerprint($0.publicKey)) }
        )
        let manifestData = try manifest.encoded()
        var files = outputs + [(PackLayout.manifest, manifestData)]
        if let key = options.signingKey {
            files.append((PackLayout.signature, try ManifestSigner.sign(manifestData, with: key)))
        }

        try commit(files, to: destination, afterWrite: options.afterWrite)
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

    /// An existing destination is replaced only with force, and only when it is itself a pack:
    /// `--force` must never delete an unrelated folder.
    private static func checkDestination(_ out: URL, force: Bool) throws {
        guard FileManager.default.fileExists(atPath: out.path) else { return }
        guard force else { throw PackError.outputExists(out.path) }
        let isPack = FileManager.default.fileExists(atPath: out.appendingPathComponent(PackLayout.manifest).path)
        let isEmpty = (try? FileManager.default.contentsOfDirectory(atPath: out.path))?.isEmpty ?? false
        guard isPack || isEmpty else { throw PackError.notAPack(out.path) }
    }

    private static func commit(_ files: [(String, Data)], to out: URL, afterWrite: (@Sendable (String) throws -> Void)?) throws {
        let parent = out.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(out.lastPathComponent).partial-\(UUID().uuidString)")
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw PackError.io("\(parent.path): cannot create the pack's temporary folder (\(error.localizedDescription))")
        }
        do {
            for (path, data) in files {
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
                try afterWrite?(path)
            }
            try moveIntoPlace(staging, out)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    /// Renames the staged pack into place; an old pack (force) is moved aside first and removed
    /// only once the new one is in place, so a failed rename restores it.
    private static func moveIntoPlace(_ staging: URL, _ out: URL) throws {
        let fm = FileManager.default
        var displaced: URL?
        if fm.fileExists(atPath: out.path) {
            let aside = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).old-\(UUID().uuidString)")
            guard rename(out.path, aside.path) == 0 else { throw PackError.io("\(out.path): cannot move the old pack aside") }
            displaced = aside
        }
        guard rename(staging.path, out.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let displaced { _ = rename(displaced.path, out.path) }
            throw PackError.io("\(out.path): cannot rename the finished pack into place (\(reason))")
        }
        if let displaced { try? fm.removeItem(at: displaced) }
    }
}

import ArgumentParser
import Foundation
import NHIDetect
import NHIFrameworks
import NHIPack

/// `--mappings DIR`, shared by every command that reads catalogs and framework mappings.
struct MappingsOption: ParsableArguments {
    @Option(
        name: .customLong("mappings"),
        help: ArgumentHelp(
            "Folder holding catalogs/, frameworks/, authority/ and policy.yaml (default: the mappings built into nhi-audit).",
            valueName: "dir"))
    var path: String?

    /// The folder given, else the embedded mappings written out for this run.
    func folder() throws -> URL {
        guard let path else { return try ShippedResources.folder(named: "mappings") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.badInput("\(path): mappings folder not found")
        }
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Where the mappings come from, with their digest: what `frameworks`, `validate` and the pack's manifest say.
    func source() throws -> DataSource {
        let digest = try Pipeline.mappingDigest(try folder())
        return path.map { DataSource(kind: .folder, folder: $0, sha256: digest) }
            ?? DataSource(kind: .embedded, folder: nil, sha256: digest)
    }

    /// Loads and validates the mappings; problems become one line (the first, with a count) for commands other than validate.
    func load() throws -> MappingSet {
        do {
            return try MappingSet.load(from: try folder(), knownRules: RuleRegistry.ids)
        } catch let error as MappingValidationError {
            let more =
                error.problems.count > 1
                ? " (and \(error.problems.count - 1) more problems; run `nhi-audit validate`)" : ""
            throw CLIError.badInput((error.problems.first ?? "invalid mappings") + more)
        }
    }
}

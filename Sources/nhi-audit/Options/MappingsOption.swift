import ArgumentParser
import Foundation
import NHIDetect
import NHIFrameworks

/// `--mappings DIR`, shared by every command that reads catalogs and framework mappings.
struct MappingsOption: ParsableArguments {
    @Option(name: .customLong("mappings"),
            help: ArgumentHelp("Folder holding catalogs/ and frameworks/ (default: ./mappings, else the one shipped with nhi-audit).",
                               valueName: "dir"))
    var path: String?

    /// The folder given, else ./mappings, else the nearest folder above the executable that holds mappings/catalogs.
    func folder() throws -> URL {
        let fileManager = FileManager.default
        if let path {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIError.badInput("\(path): mappings folder not found")
            }
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        if let shipped = ShippedResources.folder(named: "mappings", containing: "catalogs") { return shipped }
        throw CLIError.badInput("no mappings folder in the current directory or above \(ShippedResources.executableFolder.path); pass --mappings DIR")
    }

    /// Loads and validates the mappings; problems become one line (the first, with a count) for commands other than validate.
    func load() throws -> MappingSet {
        do {
            return try MappingSet.load(from: try folder(), knownRules: RuleRegistry.ids)
        } catch let error as MappingValidationError {
            let more = error.problems.count > 1 ? " (and \(error.problems.count - 1) more problems; run `nhi-audit validate`)" : ""
            throw CLIError.badInput((error.problems.first ?? "invalid mappings") + more)
        }
    }
}

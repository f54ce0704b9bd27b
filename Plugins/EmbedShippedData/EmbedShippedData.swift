import Foundation
import PackagePlugin

/// Generates EmbeddedData.swift from the package's mappings/, templates/ and sql/ folders on every build,
/// so the binary carries its defaults while the folders stay the hand-edited source of truth.
/// Every file is an input of the build command: editing, adding or removing one regenerates it.
@main
struct EmbedShippedData: BuildToolPlugin {
    static let folders = ["mappings", "templates", "sql"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedData.swift")
        let inputs = Self.folders.flatMap { Self.files(under: root.appending(path: $0)) }
        return [
            .buildCommand(
                displayName: "Embedding the shipped mappings, templates and SQL into \(target.name)",
                executable: try context.tool(named: "nhi-embed").url,
                arguments: [output.path, root.path] + Self.folders,
                inputFiles: inputs + Self.folders.map { root.appending(path: $0) },
                outputFiles: [output])
        ]
    }

    /// Regular files below `folder`, hidden ones left out as the mapping digest leaves them out.
    static func files(under folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles])
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }
}

import Foundation

/// The layout of a mappings folder: `catalogs/*.yaml` and `frameworks/*.yaml`, read in name order.
enum MappingFolder {
    static func yamlFiles(in folder: URL, subfolder: String, log: ProblemLog) -> [URL] {
        let directory = folder.appendingPathComponent(subfolder, isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            log.add(displayPath(directory), nil, "folder not found (a mappings folder holds catalogs/ and frameworks/)")
            return []
        }
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if files.isEmpty { log.add(displayPath(directory), nil, "no .yaml files") }
        return files.map { directory.appendingPathComponent($0) }
    }

    /// Relative to the current directory when inside it, so messages stay short and clickable.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

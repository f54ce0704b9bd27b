import Foundation

/// Finds the folders nhi-audit ships beside its sources (`mappings/`, `templates/`): in the
/// current directory first, else in the nearest folder above the executable, so that
/// `swift run` and an installed copy both work from anywhere.
enum ShippedResources {
    static func folder(named name: String, containing marker: String) -> URL? {
        let fileManager = FileManager.default
        let local = URL(fileURLWithPath: fileManager.currentDirectoryPath).appendingPathComponent(name, isDirectory: true)
        if fileManager.fileExists(atPath: local.appendingPathComponent(marker).path) { return local }
        var candidate = executableFolder
        while candidate.path != "/" {
            let folder = candidate.appendingPathComponent(name, isDirectory: true)
            if fileManager.fileExists(atPath: folder.appendingPathComponent(marker).path) { return folder }
            candidate.deleteLastPathComponent()
        }
        return nil
    }

    static var executableFolder: URL {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath().deletingLastPathComponent()
    }
}

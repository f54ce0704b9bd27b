import Foundation
import NHIModel

/// Writes a handful of new files into a folder, all or none: each is created with O_EXCL, so an
/// existing file (even one appearing meanwhile) is never replaced, and on any failure the files
/// this run created are removed again.
enum ExclusiveFileWriter {
    struct File {
        var name: String
        var contents: String
        var executable = false
    }

    static func write(_ files: [File], into root: URL) throws {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: root.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw CLIError.badInput("\(root.path): exists and is not a folder")
        }
        if let existing = files.first(where: {
            fileManager.fileExists(atPath: root.appendingPathComponent($0.name).path)
        }) {
            throw CLIError.badInput(
                "\(root.appendingPathComponent(existing.name).path): already exists; init never overwrites (nothing written)"
            )
        }
        do {
            try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw CLIError.badInput("\(root.path): cannot create the folder: \(FileErrorText.reason(error))")
        }
        var created: [URL] = []
        for file in files {
            let url = root.appendingPathComponent(file.name)
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, file.executable ? 0o755 : 0o644)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                for written in created { try? fileManager.removeItem(at: written) }
                throw CLIError.badInput("\(url.path): \(reason) (nothing written)")
            }
            created.append(url)
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do {
                try handle.write(contentsOf: Data(file.contents.utf8))
                try handle.close()
            } catch {
                for written in created { try? fileManager.removeItem(at: written) }
                throw CLIError.badInput("\(url.path): cannot write: \(FileErrorText.reason(error)) (nothing written)")
            }
        }
    }
}

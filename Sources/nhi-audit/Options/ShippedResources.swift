import Foundation
import NHIModel

/// The mappings/, templates/ and sql/ compiled into the binary (`EmbeddedData`, generated at build time by
/// the EmbedShippedData plugin from the package's folders), so an installed copy works from anywhere.
/// They are written once per run into a private (0700) temporary folder, removed at exit, so the
/// same folder-reading loaders serve embedded and user-given data alike, and the embedded mapping
/// digest is by construction the digest of the folder it was built from.
enum ShippedResources {
    /// The embedded folder `name` ("mappings", "templates" or "sql"), written out on first use.
    static func folder(named name: String) throws -> URL {
        let root = try extracted.get()
        return root.appendingPathComponent(name, isDirectory: true)
    }

    private static let extracted: Result<URL, any Error> = Result(catching: extract)

    private static func extract() throws -> URL {
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        var template = Array(temporary.appendingPathComponent("nhi-audit-data-XXXXXX").path.utf8CString)
        guard let created = mkdtemp(&template) else {
            throw CLIError.badInput(
                "\(temporary.path): cannot create a folder for the built-in mappings and templates: \(String(cString: strerror(errno)))"
            )
        }
        let root = URL(fileURLWithPath: String(cString: created), isDirectory: true)
        do {
            for (name, files) in EmbeddedData.folders {
                for file in files {
                    try write(file, to: root.appendingPathComponent(name).appendingPathComponent(file.path))
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
        atexit { ShippedResources.removeExtracted() }
        return root
    }

    private static func write(_ file: (path: String, base64: String), to url: URL) throws {
        guard let data = Data(base64Encoded: file.base64) else {
            throw CLIError.badInput("the built-in \(file.path) is damaged; rebuild nhi-audit")
        }
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw CLIError.badInput("\(url.path): cannot write the built-in data: \(FileErrorText.reason(error))")
        }
    }

    private static func removeExtracted() {
        if case let .success(root) = extracted { try? FileManager.default.removeItem(at: root) }
    }
}

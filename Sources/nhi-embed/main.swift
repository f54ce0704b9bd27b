import Foundation

// Build tool behind the EmbedShippedData plugin: writes a Swift source holding every non-hidden
// file below the named folders as base64 (any bytes survive, and the literal needs no escaping).
// Usage: nhi-embed OUTPUT ROOT FOLDER...

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: nhi-embed OUTPUT ROOT FOLDER...\n".utf8))
    exit(2)
}
let output = URL(fileURLWithPath: arguments[arguments.startIndex])
let root = URL(fileURLWithPath: arguments[arguments.startIndex + 1], isDirectory: true)

func files(under folder: URL) -> [String] {
    let prefix = folder.standardizedFileURL.path + "/"
    let enumerator = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    var paths: [String] = []
    while let url = enumerator?.nextObject() as? URL {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
        paths.append(String(url.standardizedFileURL.path.dropFirst(prefix.count)))
    }
    return paths.sorted()
}

var source = """
    // Generated at build time by the EmbedShippedData plugin from the package's folders; not checked in.

    enum EmbeddedData {
        /// Folder name -> (path relative to the folder, base64 of the file's bytes), in path order.
        static let folders: [String: [(path: String, base64: String)]] = [

    """
for name in arguments.dropFirst(2) {
    let folder = root.appendingPathComponent(name, isDirectory: true)
    source += "        \"\(name)\": [\n"
    for path in files(under: folder) {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else {
            FileHandle.standardError.write(Data("nhi-embed: \(name)/\(path): cannot read\n".utf8))
            exit(1)
        }
        let literalPath = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        source += "            (\"\(literalPath)\", \"\(data.base64EncodedString())\"),\n"
    }
    source += "        ],\n"
}
source += "    ]\n}\n"
do {
    try Data(source.utf8).write(to: output, options: .atomic)
} catch {
    FileHandle.standardError.write(Data("nhi-embed: \(output.path): \(error)\n".utf8))
    exit(1)
}

import Crypto
import Foundation
import NHIFiles
import NHIModel

/// One digest for a folder of data files (the mapping digest over mappings/): SHA-256 over the
/// lines `<sha256 of file>  <relative path>\n`, sorted by path, as `sha256sum` prints them. Any
/// added, removed, renamed or edited file changes it; file times, folder order and hidden
/// (dot-named) files such as .DS_Store do not.
public enum FolderDigest {
    public static func sha256(of folder: URL) throws -> String {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        var hasher = SHA256()
        for path in FileListing.files(under: root)
        where !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            let file = try SHA256Hex.ofFile(root.appendingPathComponent(path))
            hasher.update(data: Data("\(file.sha256)  \(path)\n".utf8))
        }
        return Hex.lowercase(hasher.finalize())
    }
}

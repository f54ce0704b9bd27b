import Foundation

/// The contents of a pack or data folder, for hashing and verification.
public enum FileListing {
    /// Everything under `root` that is not a folder, as `/`-separated relative paths, sorted.
    /// Symbolic links are listed, not followed: a link planted in a pack is reported as a file.
    public static func files(under root: URL) -> [String] {
        let base = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var paths: [String] = []
        while let path = walker.nextObject() as? String {
            let type =
                (try? FileManager.default.attributesOfItem(atPath: base + "/" + path))?[.type] as? FileAttributeType
            if type != .typeDirectory { paths.append(path) }
        }
        return paths.sorted()
    }
}

import Foundation

/// Earlier packs reached from a pack by following each manifest's previous-pack digest among
/// the pack folders beside it.
public enum PackChain {
    /// `folder` and its ancestors, oldest first. The walk stops where a digest matches no sibling
    /// folder (that pack is not available here) or would revisit a pack.
    public static func follow(from folder: URL) -> [URL] {
        let start = folder.standardizedFileURL
        let siblings = siblingsByDigest(of: start)
        var chain = [start]
        var seen: Set<String> = [start.path]
        var link = ManifestLink(folder: start)
        while let previous = link?.previous, let next = siblings[previous], !seen.contains(next.path) {
            chain.append(next)
            seen.insert(next.path)
            link = ManifestLink(folder: next)
        }
        return chain.reversed()
    }

    /// The digest a later pack records as its previous pack: SHA-256 (lower-case hex) of this
    /// pack's manifest.json bytes; nil when the folder has no readable manifest.json.
    public static func manifestDigest(of folder: URL) -> String? {
        ManifestLink(folder: folder)?.digest
    }

    private static func siblingsByDigest(of folder: URL) -> [String: URL] {
        let parent = folder.deletingLastPathComponent()
        let entries =
            (try? FileManager.default.contentsOfDirectory(at: parent, includingPropertiesForKeys: [.isDirectoryKey]))
            ?? []
        var byDigest: [String: URL] = [:]
        // Sorted, so that two copies of one pack resolve to the same folder on every run.
        for entry in entries.map(\.standardizedFileURL).sorted(by: { $0.path < $1.path }) {
            guard (try? entry.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true,
                let link = ManifestLink(folder: entry), byDigest[link.digest] == nil
            else { continue }
            byDigest[link.digest] = entry
        }
        return byDigest
    }
}

import Foundation

/// What may stand at a pack's output path. `--force` replaces only a folder that is provably one
/// of our packs, because replacing means deleting: a folder whose manifest.json is our manifest
/// and that holds nothing the manifest does not list. Anything else is refused, never deleted.
enum PackDestination {
    /// Files a pack holds besides the outputs its manifest lists.
    static let ownFiles: Set<String> = [PackLayout.manifest, PackLayout.signature]

    /// Refuses an output path that is, lies inside, or contains one of `evidenceFolders` (by real
    /// path, so a symbolic link or `..` cannot hide it): packing there would replace evidence, or
    /// feed the pack back in as evidence on the next run.
    static func checkPlacement(_ out: URL, evidenceFolders: [URL]) throws {
        let target = realPath(of: out)
        for folder in evidenceFolders {
            let evidence = realPath(of: folder)
            let relation =
                target == evidence
                ? "is" : isInside(target, evidence) ? "is inside" : isInside(evidence, target) ? "contains" : nil
            if let relation {
                throw PackError.unsafeDestination(
                    "\(out.path): \(relation) the evidence folder \(folder.path); write the pack elsewhere")
            }
        }
    }

    /// Throws unless `out` is absent, or (with force) an empty folder or one of our packs.
    static func check(_ out: URL, force: Bool) throws {
        var info = stat()
        guard lstat(out.path, &info) == 0 else { return }
        guard force else { throw PackError.outputExists(out.path) }
        if let reason = notAPackReason(out) { throw PackError.notAPack(path: out.path, reason: reason) }
    }

    /// Why `folder` is not a pack we may replace, or nil when it is one (or an empty folder).
    static func notAPackReason(_ folder: URL) -> String? {
        var info = stat()
        guard lstat(folder.path, &info) == 0 else { return "it does not exist" }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return "it is a symbolic link"
        case S_IFDIR: break
        default: return "it is not a folder"
        }
        let entries = FolderEntries.list(folder)
        if entries.isEmpty { return nil }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(PackLayout.manifest).path)
        else {
            return "it has no manifest.json"
        }
        guard let manifest = try? Manifest.decode(data) else { return "its manifest.json is not an nhi-audit manifest" }
        let listed = ownFiles.union(manifest.outputs.map(\.path))
        let folders = Set(listed.flatMap(parentFolders))
        for entry in entries where !(entry.isFolder ? folders.contains(entry.path) : listed.contains(entry.path)) {
            return "it holds \(entry.path), which its manifest does not list"
        }
        return nil
    }

    /// `a/b/c` → `a`, `a/b`.
    private static func parentFolders(_ path: String) -> [String] {
        let parts = path.split(separator: "/")
        return parts.indices.dropLast().map { parts[...$0].joined(separator: "/") }
    }

    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    /// The real path of `url`, resolving the longest existing prefix (the rest need not exist yet).
    static func realPath(of url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while resolve(existing.path) == nil, existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        let base = resolve(existing.path) ?? existing.path
        return rest.reduce(base) { ($0 == "/" ? "" : $0) + "/" + $1 }
    }

    private static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Every entry below a folder, folders included, without following symbolic links.
enum FolderEntries {
    struct Entry {
        var path: String
        var isFolder: Bool
    }

    static func list(_ folder: URL) -> [Entry] {
        let base = folder.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var entries: [Entry] = []
        while let path = walker.nextObject() as? String {
            var info = stat()
            let isFolder = lstat(base + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            entries.append(Entry(path: path, isFolder: isFolder))
        }
        // Sorted, so that a refusal names the same entry on every run.
        return entries.sorted { $0.path < $1.path }
    }
}

import Foundation
import NHIModel

/// The files of an evidence folder, and what becomes of each symbolic link in it. A link is
/// never passed over silently, and a link cannot pull a file from outside the evidence folder
/// into the audit unless the user asks for it (`--follow-symlinks`): such a file would change
/// the result while the folder the auditor is given does not hold it.
struct EvidenceListing {
    /// Regular files, and links read as the file they point to: sorted relative paths.
    var files: [String]
    /// For each file of `files` that is a link: its target, relative when inside the folder,
    /// absolute when outside.
    var links: [String: String]
    /// Links that are not read, with the reason.
    var skipped: [SkippedFile]

    /// Lists `root` (hidden entries aside), resolving every link: one to a file inside the folder
    /// is read, unless that file is read under its own name (so no record counts twice); one to a file outside is read only
    /// with `followSymlinks`, and otherwise stops the run; one to a folder, or to nothing, is
    /// listed as not read.
    /// `named` are files read by their name (the scope and assessment files): a link there is
    /// read even when its target is also read under its own name.
    /// The folder given may itself be a link (a quarter's folder linked into place is common):
    /// it is listed as the folder it names, since listing a link lists nothing.
    static func list(_ given: URL, followSymlinks: Bool, named: Set<String> = []) throws -> EvidenceListing {
        let base = realPath(given.path) ?? given.standardizedFileURL.path
        let root = URL(fileURLWithPath: base, isDirectory: true)
        let walk = try walk(root)
        let regular = Set(walk.files)
        let prefix = base.hasSuffix("/") ? base : base + "/"
        var listing = EvidenceListing(
            files: walk.files, links: [:],
            skipped: walk.packs.map {
                SkippedFile(
                    file: $0 + "/",
                    reason: "an nhi-audit evidence pack (its manifest.json lists its files): a report, not evidence")
            })
        for link in walk.links {
            let path = root.appendingPathComponent(link).path
            let written = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            guard let target = realPath(path) else {
                listing.skipped.append(
                    SkippedFile(file: link, reason: "symbolic link to \(written), which does not exist: not read"))
                continue
            }
            let inside = target.hasPrefix(prefix)
            let shown = inside ? String(target.dropFirst(prefix.count)) : target
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: target, isDirectory: &isFolder)
            if isFolder.boolValue {
                listing.skipped.append(
                    SkippedFile(
                        file: link,
                        reason:
                            "symbolic link to the folder \(shown): not followed (link the files, or copy the folder)"))
            } else if inside, regular.contains(shown), !named.contains(link) {
                listing.skipped.append(
                    SkippedFile(file: link, reason: "symbolic link to \(shown), which is read under its own name"))
            } else if inside || followSymlinks {
                listing.files.append(link)
                listing.links[link] = shown
            } else {
                throw CollectError(
                    file: link,
                    message: "symbolic link to \(target), outside the evidence folder: not read "
                        + "(copy the file into the folder, or give --follow-symlinks to read it and record it in the ledger)"
                )
            }
        }
        listing.files.sort()
        return listing
    }

    /// Regular files and symbolic links below `root`, not hidden, as sorted relative paths; and
    /// the folders that are evidence packs, whose files are not listed: a pack written into an
    /// evidence folder must not be read back as evidence on the next run.
    static func walk(_ root: URL) throws -> (files: [String], links: [String], packs: [String]) {
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            throw CollectError(file: root.path, message: "cannot list the evidence folder")
        }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var files: [String] = [], links: [String] = [], packs: [String] = []
        for case let url as URL in enumerator {
            // lstat, not URLResourceValues: asking Foundation took a third of a millisecond per
            // file, as long as reading a small file of an S3 trail.
            var info = stat()
            guard lstat(url.path, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            let path = url.standardizedFileURL.path
            let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent
            switch kind {
            case S_IFREG: files.append(relative)
            case S_IFLNK: links.append(relative)
            case S_IFDIR where isPack(url):
                packs.append(relative)
                enumerator.skipDescendants()
            default: continue
            }
        }
        return (files.sorted(), links.sorted(), packs.sorted())
    }

    /// A folder whose manifest.json is an nhi-audit pack manifest (the object with the tool,
    /// inputs and outputs that docs/results-schema.md describes).
    static func isPack(_ folder: URL) -> Bool {
        let manifest = folder.appendingPathComponent("manifest.json")
        var info = stat()
        guard lstat(manifest.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size < 64 << 20,
            let data = FileManager.default.contents(atPath: manifest.path),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return false }
        return object["tool"] is [String: Any] && object["inputs"] is [Any] && object["outputs"] is [Any]
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

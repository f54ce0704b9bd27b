import Foundation

/// What an interrupted write leaves beside a pack: `.<name>.partial-*` (a pack being written, or
/// after an exchange the pack it replaced) and `.<name>.old-*` (the replaced pack, moved aside by
/// the two-rename fallback). Run under the pack's lock, so no other writer owns them. A leftover
/// is removed or restored only when it holds nothing but pack files; anything else is left alone
/// and named.
enum PackLeftovers {
    static func partialName(for out: URL) -> String { ".\(out.lastPathComponent).partial-" }
    static func oldName(for out: URL) -> String { ".\(out.lastPathComponent).old-" }

    /// Restores a pack that was moved aside when nothing stands at `out`, removes the other
    /// leftovers, and tells `notice` one sentence per action.
    static func recover(_ out: URL, notice: (String) -> Void) {
        let parent = out.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        let partials = names.filter { $0.hasPrefix(partialName(for: out)) }.sorted()
        let olds = names.filter { $0.hasPrefix(oldName(for: out)) }.sorted {
            modified(parent.appendingPathComponent($0)) > modified(parent.appendingPathComponent($1))
        }
        var info = stat()
        var outMissing = lstat(out.path, &info) != 0
        for name in olds {
            let url = parent.appendingPathComponent(name)
            guard holdsOnlyPackFiles(url) else {
                notice("\(url.path): left alone: named like an interrupted pack write but holds other files")
                continue
            }
            if outMissing, PackDestination.notAPackReason(url) == nil, rename(url.path, out.path) == 0 {
                outMissing = false
                notice("\(out.path): restored the pack an interrupted run had moved aside to \(name)")
            } else if (try? FileManager.default.removeItem(at: url)) != nil {
                notice("\(url.path): removed the pack an interrupted run had replaced")
            }
        }
        for name in partials {
            let url = parent.appendingPathComponent(name)
            guard holdsOnlyPackFiles(url) else {
                notice("\(url.path): left alone: named like an interrupted pack write but holds other files")
                continue
            }
            if (try? FileManager.default.removeItem(at: url)) != nil {
                notice("\(url.path): removed the unfinished folder of an interrupted run")
            }
        }
    }

    /// True for a folder (not a link) whose every entry is a pack file or folder: the pack layout,
    /// a manifest or a signature.
    static func holdsOnlyPackFiles(_ folder: URL) -> Bool {
        var info = stat()
        guard lstat(folder.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        return FolderEntries.list(folder).allSatisfy {
            $0.isFolder
                ? PackLayout.folders.contains($0.path)
                : PackDestination.ownFiles.contains($0.path) || PackLayout.isOutput($0.path)
        }
    }

    private static func modified(_ url: URL) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
    }
}

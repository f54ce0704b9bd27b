import Foundation
import NHIModel

/// Puts a rendered pack in place. Under the pack's lock: recover an interrupted run's leftovers,
/// check the destination, write every file into `.<name>.partial-*` beside it, check again, then
/// rename the folder into place. A failure at any step removes the temporary folder and leaves
/// the destination as it was; nothing that is not provably our pack is ever deleted.
enum PackCommit {
    static func commit(_ files: [(String, Data)], to out: URL, force: Bool,
                       afterWrite: (@Sendable (String) throws -> Void)?, notice: (@Sendable (String) -> Void)?) throws {
        let parent = out.deletingLastPathComponent()
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw PackError.io("\(parent.path): cannot create the pack's parent folder (\(FileErrorText.reason(error)))")
        }
        let lock = try PackLock.acquire(for: out)
        defer { lock.release() }
        PackLeftovers.recover(out, notice: notice ?? { _ in })
        try PackDestination.check(out, force: force)

        let staging = parent.appendingPathComponent(PackLeftovers.partialName(for: out) + UUID().uuidString)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw PackError.io("\(parent.path): cannot create the pack's temporary folder (\(FileErrorText.reason(error)))")
        }
        do {
            for (path, data) in files {
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
                try afterWrite?(path)
            }
            try moveIntoPlace(staging, out, force: force)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    /// Without force, a rename that never replaces: a folder that appeared at `out` meanwhile
    /// stays. With force, one atomic exchange; what comes out is deleted only if it is our pack
    /// (else it is exchanged back). Where the exchange is unavailable, the old pack is moved aside
    /// to `.<name>.old-*`, the new one renamed in, and the old one deleted; a run killed between
    /// the renames is repaired by the next run (`PackLeftovers`).
    private static func moveIntoPlace(_ staging: URL, _ out: URL, force: Bool) throws {
        var info = stat()
        let exists = lstat(out.path, &info) == 0
        if exists {
            guard force else { throw PackError.outputExists(out.path) }
            try PackDestination.check(out, force: true)
        }
        switch exists ? FolderSwap.exchange(staging, out) : FolderSwap.renameNoReplace(staging, out) {
        case .done:
            if exists { try removeReplaced(staging, restoringTo: out) }
        case .exists:
            throw PackError.outputExists(out.path)
        case let .failed(reason):
            throw PackError.io("\(out.path): cannot rename the finished pack into place (\(reason))")
        case .unsupported:
            try renameInTwoSteps(staging, out, replacing: exists)
        }
    }

    /// After the exchange `staging` holds what stood at `out`: deleted only if it is our pack.
    private static func removeReplaced(_ staging: URL, restoringTo out: URL) throws {
        if let reason = PackDestination.notAPackReason(staging) {
            _ = FolderSwap.exchange(staging, out)
            throw PackError.notAPack(path: out.path, reason: reason)
        }
        try? FileManager.default.removeItem(at: staging)
    }

    private static func renameInTwoSteps(_ staging: URL, _ out: URL, replacing: Bool) throws {
        var aside: URL?
        if replacing {
            let old = out.deletingLastPathComponent().appendingPathComponent(PackLeftovers.oldName(for: out) + UUID().uuidString)
            guard rename(out.path, old.path) == 0 else { throw PackError.io("\(out.path): cannot move the old pack aside") }
            if let reason = PackDestination.notAPackReason(old) {
                _ = rename(old.path, out.path)
                throw PackError.notAPack(path: out.path, reason: reason)
            }
            aside = old
        }
        guard rename(staging.path, out.path) == 0 else {
            let code = errno
            if let aside { _ = rename(aside.path, out.path) }
            if code == EEXIST || code == ENOTEMPTY { throw PackError.outputExists(out.path) }
            throw PackError.io("\(out.path): cannot rename the finished pack into place (\(String(cString: strerror(code))))")
        }
        if let aside { try? FileManager.default.removeItem(at: aside) }
    }
}

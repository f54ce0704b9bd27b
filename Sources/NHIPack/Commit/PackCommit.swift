import Foundation
import NHIFiles
import NHIModel

/// Puts a pack in place. Under the pack's lock: recover an interrupted run's leftovers, check the
/// destination, write each file into `.<name>.partial-*` beside it as soon as it is rendered (so
/// that no more than one output per rendering thread is held in memory), check again, then rename
/// the folder into place. A failure at any step removes the temporary folder and leaves the
/// destination as it was; nothing that is not provably our pack is ever deleted. Files may be
/// written from several threads at once (`PackTasks`): each has a file of its own, and the list
/// of what was written is kept under a lock.
final class PackCommit: @unchecked Sendable {
    private let out: URL
    private let force: Bool
    private let staging: URL
    private let lock: PackLock
    private let afterWrite: (@Sendable (String) throws -> Void)?
    private let writtenLock = NSLock()
    private var entries: [Manifest.Entry] = []

    /// Path, SHA-256 and size of every file written so far.
    var written: [Manifest.Entry] { writtenLock.withLock { entries } }

    /// Takes the lock, repairs leftovers, checks the destination and creates the temporary folder.
    init(
        to out: URL, force: Bool, afterWrite: (@Sendable (String) throws -> Void)?,
        notice: (@Sendable (String) -> Void)?
    ) throws {
        let parent = out.deletingLastPathComponent()
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw PackError.io(
                "\(parent.path): cannot create the pack's parent folder (\(FileErrorText.reason(error)))")
        }
        let lock = try PackLock.acquire(for: out)
        do {
            PackLeftovers.recover(out, notice: notice ?? { _ in })
            try PackDestination.check(out, force: force)
            staging = parent.appendingPathComponent(PackLeftovers.partialName(for: out) + UUID().uuidString)
            do {
                try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            } catch {
                throw PackError.io(
                    "\(parent.path): cannot create the pack's temporary folder (\(FileErrorText.reason(error)))")
            }
        } catch {
            lock.release()
            throw error
        }
        self.out = out; self.force = force; self.lock = lock; self.afterWrite = afterWrite
    }

    /// Writes one file of the pack and returns its manifest entry.
    @discardableResult
    func write(_ path: String, _ data: Data) throws -> Manifest.Entry {
        let url = staging.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        let entry = Manifest.Entry(path: path, sha256: SHA256Hex.of(data), size: Int64(data.count))
        writtenLock.withLock { entries.append(entry) }
        try afterWrite?(path)
        return entry
    }

    /// Writes one file of the pack piece by piece (`PackFile`) and returns its manifest entry.
    @discardableResult
    func write(_ path: String, streaming body: (PackFile) throws -> Void) throws -> Manifest.Entry {
        let file = try PackFile(path: path, in: staging)
        try body(file)
        let entry = try file.close()
        writtenLock.withLock { entries.append(entry) }
        try afterWrite?(path)
        return entry
    }

    /// The temporary folder's copy of a file written so far.
    func staged(_ path: String) -> URL { staging.appendingPathComponent(path) }

    /// Renames the finished folder into place and releases the lock.
    func finish() throws {
        defer { lock.release() }
        do {
            try Self.moveIntoPlace(staging, out, force: force)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    /// Removes the temporary folder and releases the lock (after a failure).
    func abandon() {
        try? FileManager.default.removeItem(at: staging)
        lock.release()
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
            let old = out.deletingLastPathComponent().appendingPathComponent(
                PackLeftovers.oldName(for: out) + UUID().uuidString)
            guard rename(out.path, old.path) == 0 else {
                throw PackError.io("\(out.path): cannot move the old pack aside")
            }
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
            throw PackError.io(
                "\(out.path): cannot rename the finished pack into place (\(String(cString: strerror(code))))")
        }
        if let aside { try? FileManager.default.removeItem(at: aside) }
    }
}

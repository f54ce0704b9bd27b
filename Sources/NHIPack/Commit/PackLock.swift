import Foundation

/// An exclusive lock on one pack path for the whole write: `flock` on `.<name>.lock` beside the
/// pack. A second writer does not wait: it fails at once, naming the process that holds the lock.
/// The lock file is removed on release; because another process may have opened it just before,
/// a writer that locks a file checks it is still the one at the path (else it locks again).
final class PackLock {
    private let url: URL
    private let descriptor: Int32
    /// Released already: a second release must neither unlink a lock file another writer has
    /// created since nor close a descriptor number the process may have reused.
    private var released = false

    private init(url: URL, descriptor: Int32) { self.url = url; self.descriptor = descriptor }

    static func lockFile(for out: URL) -> URL {
        out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).lock")
    }

    static func acquire(for out: URL) throws -> PackLock {
        let url = lockFile(for: out)
        while true {
            let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else {
                throw PackError.io(
                    "\(url.path): cannot create the pack's lock file (\(String(cString: strerror(errno))))")
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let holder = (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(
                    in: .whitespacesAndNewlines)
                close(descriptor)
                throw PackError.busy(
                    path: out.path, holder: holder.flatMap { $0.isEmpty ? nil : $0 } ?? "another process")
            }
            var held = stat(), current = stat()
            guard fstat(descriptor, &held) == 0, stat(url.path, &current) == 0,
                held.st_ino == current.st_ino, held.st_dev == current.st_dev
            else {
                close(descriptor)
                continue
            }
            let note = "nhi-audit (pid \(getpid()))"
            _ = ftruncate(descriptor, 0)
            _ = note.withCString { write(descriptor, $0, strlen($0)) }
            return PackLock(url: url, descriptor: descriptor)
        }
    }

    /// Removes the lock file while still holding the lock, then lets go; once only.
    func release() {
        guard !released else { return }
        released = true
        unlink(url.path)
        close(descriptor)
    }
}

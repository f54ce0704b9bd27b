import Foundation
import Testing
import TestSupport

@testable import NHIPack

/// The pack lock is released once: a writer that fails while finishing releases it on the way
/// out and again when it abandons the pack.
@Suite struct PackLockTests {
    @Test func aSecondReleaseLeavesTheNextWritersLockAndDescriptorsAlone() throws {
        let folder = try Fixtures.temporaryFolder("nhi-lock")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("pack")
        let first = try PackLock.acquire(for: out)
        first.release()
        let second = try PackLock.acquire(for: out)
        defer { second.release() }
        // The second lock most likely holds the descriptor number the first had: closing it again
        // would drop the second writer's lock, and unlinking again its lock file.
        first.release()
        #expect(
            FileManager.default.fileExists(atPath: PackLock.lockFile(for: out).path), "the second writer's lock file")
        #expect(throws: PackError.self, "the second writer still holds the lock") { try PackLock.acquire(for: out) }
    }
}

import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

/// A run killed part way leaves `.<name>.partial-*` or `.<name>.old-*` beside the pack; the next
/// run restores or removes them and says so. The kills are simulated by leaving those folders as
/// a killed run would.
@Suite struct LeftoverRecoveryTests {
    final class Notices: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    /// Writes a pack whose results carry the notice "new"; returns what the writer said it recovered.
    @discardableResult
    private static func write(_ out: URL, force: Bool, notices: Notices = Notices()) throws -> [String] {
        var document = SampleResults.document()
        document.notices = ["new"]
        var options = SampleResults.options(force: force)
        options.notice = { notices.add($0) }
        try PackWriter.write(results: document, catalogs: [], inputFiles: [], to: out, options: options)
        return notices.all
    }

    private static func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// Killed after moving the old pack aside and before renaming the new one in: the pack path is
    /// missing. The next run puts the old pack back first.
    @Test func aPackMovedAsideIsRestored() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let before = try fixture.data(PackLayout.manifest)
        let aside = fixture.root.appendingPathComponent(".pack.old-1")
        try FileManager.default.moveItem(at: fixture.pack, to: aside)
        let staging = fixture.root.appendingPathComponent(".pack.partial-2")
        try FileManager.default.createDirectory(
            at: staging.appendingPathComponent("oscal"), withIntermediateDirectories: true)
        try Data("{".utf8).write(to: staging.appendingPathComponent(PackLayout.results))

        let notices = Notices()
        let error = #expect(throws: PackError.self) { try Self.write(fixture.pack, force: false, notices: notices) }
        #expect(error == .outputExists(fixture.pack.path), "the restored pack is not replaced without --force")
        #expect(
            notices.all == [
                "\(fixture.pack.path): restored the pack an interrupted run had moved aside to .pack.old-1",
                "\(staging.path): removed the unfinished folder of an interrupted run",
            ])
        #expect(try Self.names(fixture.root) == ["evidence", "pack"])
        #expect(Verifier.verify(pack: fixture.pack, publicKey: nil).isEmpty)
        #expect(try fixture.data(PackLayout.manifest) == before)
    }

    @Test func leftoversBesideAnIntactPackAreRemovedAndReported() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let replaced = fixture.root.appendingPathComponent(".pack.old-1")
        try FileManager.default.copyItem(at: fixture.pack, to: replaced)
        let staging = fixture.root.appendingPathComponent(".pack.partial-2")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data("<html>".utf8).write(to: staging.appendingPathComponent(PackLayout.html))

        let recovered = try Self.write(fixture.pack, force: true)
        #expect(
            recovered == [
                "\(replaced.path): removed the pack an interrupted run had replaced",
                "\(staging.path): removed the unfinished folder of an interrupted run",
            ])
        #expect(try Self.names(fixture.root) == ["evidence", "pack"])
        #expect(try fixture.text(PackLayout.results).contains("\"new\""))
    }

    @Test func restoredThenReplacedWithForce() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        try FileManager.default.moveItem(at: fixture.pack, to: fixture.root.appendingPathComponent(".pack.old-1"))
        let recovered = try Self.write(fixture.pack, force: true)
        #expect(
            recovered == ["\(fixture.pack.path): restored the pack an interrupted run had moved aside to .pack.old-1"])
        #expect(try Self.names(fixture.root) == ["evidence", "pack"])
        #expect(try fixture.text(PackLayout.results).contains("\"new\""))
    }

    /// Only folders holding nothing but pack files are touched; the user's look-alike stays.
    @Test func aLookAlikeHoldingOtherFilesIsLeftAlone() throws {
        let root = try Fixtures.temporaryFolder("nhi-leftover")
        defer { try? FileManager.default.removeItem(at: root) }
        let lookAlike = root.appendingPathComponent(".pack.partial-mine")
        try FileManager.default.createDirectory(at: lookAlike, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: lookAlike.appendingPathComponent("thesis.txt"))
        let recovered = try Self.write(root.appendingPathComponent("pack"), force: false)
        #expect(
            recovered == ["\(lookAlike.path): left alone: named like an interrupted pack write but holds other files"])
        #expect(FileManager.default.fileExists(atPath: lookAlike.appendingPathComponent("thesis.txt").path))
    }
}

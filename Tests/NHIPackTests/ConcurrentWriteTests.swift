import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

/// One writer at a time per pack path, and nothing that appears at the path meanwhile is lost.
@Suite struct ConcurrentWriteTests {
    private static func write(_ out: URL, _ options: PackOptions) throws {
        try PackWriter.write(results: SampleResults.document(), catalogs: [], inputFiles: [], to: out, options: options)
    }

    /// Result of a second write started while the first holds the lock (from its afterWrite hook).
    final class Second: @unchecked Sendable {
        var error: PackError?
        var outcome = "not run"
    }

    @Test(arguments: [false, true])
    func aSecondWriterToTheSamePathFailsNamingTheFirst(force: Bool) throws {
        let root = try Fixtures.temporaryFolder("nhi-lock")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("pack")
        if force { try Self.write(out, SampleResults.options()) }
        let second = Second()
        try Self.write(
            out,
            SampleResults.options(
                force: force,
                afterWrite: { path in
                    guard path == PackLayout.html else { return }
                    do {
                        try Self.write(out, SampleResults.options(force: true))
                        second.outcome = "written"
                    } catch let error as PackError {
                        second.error = error
                        second.outcome = "refused"
                    }
                }))
        #expect(second.outcome == "refused")
        #expect(second.error == .busy(path: out.path, holder: "nhi-audit (pid \(getpid()))"))
        #expect(second.error?.description.contains("is writing this pack now") == true)
        #expect(Verifier.verify(pack: out, publicKey: nil).isEmpty)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.path) == ["pack"], "lock or temporary file left")
    }

    /// Without force, a folder created at the output while the pack is rendered stays untouched.
    @Test func aFolderThatAppearsMeanwhileIsNeverReplacedWithoutForce() throws {
        let root = try Fixtures.temporaryFolder("nhi-appears")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("pack")
        let error = #expect(throws: PackError.self) {
            try Self.write(
                out,
                SampleResults.options(afterWrite: { path in
                    guard path == PackLayout.manifest else { return }
                    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
                    try Data("mine".utf8).write(to: out.appendingPathComponent("thesis.txt"))
                }))
        }
        #expect(error == .outputExists(out.path))
        #expect(try String(contentsOf: out.appendingPathComponent("thesis.txt"), encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["pack"])
    }

    /// With force, what stands at the output when the pack is renamed in must still be a pack.
    @Test func aFolderSwappedInMeanwhileIsNeverReplacedWithForce() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let out = fixture.pack
        let error = #expect(throws: PackError.self) {
            try Self.write(
                out,
                SampleResults.options(
                    force: true,
                    afterWrite: { path in
                        guard path == PackLayout.manifest else { return }
                        try FileManager.default.removeItem(at: out)
                        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
                        try Data("mine".utf8).write(to: out.appendingPathComponent("thesis.txt"))
                    }))
        }
        #expect(error == .notAPack(path: out.path, reason: "it has no manifest.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["thesis.txt"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).sorted() == ["evidence", "pack"])
    }
}

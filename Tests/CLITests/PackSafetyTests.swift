import Foundation
import Testing
import TestSupport

/// `pack` never deletes what is not its own, end to end.
@Suite struct PackSafetyTests {
    static let evidence = Fixtures.own("detect/each-rule").path

    /// `mkdir -p u/src; echo '{}' >u/manifest.json; echo x >u/src/app.js; nhi-audit pack EV --out u --force`
    @Test func forceKeepsAFolderThatOnlyHasAManifestNamedFile() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let user = root.appendingPathComponent("u")
        try FileManager.default.createDirectory(
            at: user.appendingPathComponent("src"), withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: user.appendingPathComponent("manifest.json"))
        try Data("x\n".utf8).write(to: user.appendingPathComponent("src/app.js"))
        let result = try CLIRunner.run(["pack", Self.evidence, "--out", user.path, "--force"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "nhi-audit: \(user.path): not an evidence pack (its manifest.json is not an nhi-audit manifest); refusing to replace it\n"
        )
        #expect(try String(contentsOf: user.appendingPathComponent("src/app.js"), encoding: .utf8) == "x\n")
        #expect(try String(contentsOf: user.appendingPathComponent("manifest.json"), encoding: .utf8) == "{}\n")
    }

    @Test func theEvidenceFolderIsNeverTheOutput() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let evidence = root.appendingPathComponent("ev")
        try FileManager.default.copyItem(atPath: Self.evidence, toPath: evidence.path)
        let before = try FileManager.default.contentsOfDirectory(atPath: evidence.path).sorted()
        for out in [evidence, evidence.appendingPathComponent("pack"), root] {
            let result = try CLIRunner.run(["pack", evidence.path, "--out", out.path, "--force"])
            #expect(result.status == 2, "\(out.path): \(result.stdout)")
            #expect(
                result.stderr.contains("the evidence folder \(evidence.path); write the pack elsewhere"),
                "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: evidence.path).sorted() == before)
    }

    /// A pack being written by another process (its lock held) makes this run exit 2 naming it.
    @Test func aConcurrentPackToTheSameOutputExitsTwo() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("pack")
        let lockPath = root.appendingPathComponent(".pack.lock").path
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        _ = "nhi-audit (pid 4242)".withCString { write(descriptor, $0, strlen($0)) }
        let result = try CLIRunner.run(["pack", Self.evidence, "--out", out.path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "nhi-audit: \(out.path): nhi-audit (pid 4242) is writing this pack now; try again when it has finished\n"
        )
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// Two packs started together to one --out: one writes it, the other exits 2 (it found the
    /// first one writing, or the pack already there), never both 0 with one pack lost.
    @Test func twoPacksRacingToOneOutputLeaveOneWinner() async throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("pack").path
        async let first = CLIRunner.run(["pack", Self.evidence, "--out", out])
        async let second = CLIRunner.run(["pack", Self.evidence, "--out", out])
        let results = try await [first, second]
        #expect(results.map(\.status).sorted() == [0, 2], "\(results.map(\.stderr))")
        let loser = try #require(results.first { $0.status == 2 })
        #expect(
            loser.stderr.contains("is writing this pack now") || loser.stderr.contains("already exists"),
            "\(loser.stderr)")
        #expect(try CLIRunner.run(["verify", out, "--allow-unsigned"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["pack"])
    }

    @Test func anInterruptedReplacementIsRepairedAndReported() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("pack")
        #expect(try CLIRunner.run(["pack", Self.evidence, "--out", out.path]).status == 0)
        try FileManager.default.moveItem(at: out, to: root.appendingPathComponent(".pack.old-x"))
        let result = try CLIRunner.run(["pack", Self.evidence, "--out", out.path, "--force"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("\(out.path): restored the pack an interrupted run had moved aside to .pack.old-x"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["pack"])
    }
}

import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

/// `--force` replaces only a folder that is provably one of our packs, and never the evidence.
@Suite struct ForcedReplaceTests {
    private func write(to out: URL, options: PackOptions = SampleResults.options(force: true)) throws {
        try PackWriter.write(results: SampleResults.document(), catalogs: [], inputFiles: [], to: out, options: options)
    }

    private func refusal(_ out: URL, options: PackOptions = SampleResults.options(force: true)) -> String {
        do {
            try write(to: out, options: options)
            return "written"
        } catch {
            return "\(error)"
        }
    }

    /// The reproduction: a folder with `manifest.json` `{}` and a source tree is not a pack.
    @Test func aManifestNamedFileDoesNotMakeAFolderAPack() throws {
        let root = try Fixtures.temporaryFolder("nhi-force-u")
        defer { try? FileManager.default.removeItem(at: root) }
        let user = root.appendingPathComponent("u")
        try FileManager.default.createDirectory(
            at: user.appendingPathComponent("src"), withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: user.appendingPathComponent("manifest.json"))
        try Data("x\n".utf8).write(to: user.appendingPathComponent("src/app.js"))
        #expect(
            refusal(user)
                == "\(user.path): not an evidence pack (its manifest.json is not an nhi-audit manifest); refusing to replace it"
        )
        #expect(try String(contentsOf: user.appendingPathComponent("src/app.js"), encoding: .utf8) == "x\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.path) == ["u"], "no temporary or lock file left")
    }

    /// The planted entry, and the first entry the check names (a folder the manifest does not
    /// imply is named before what it holds).
    @Test(arguments: [
        ("notes.txt", "notes.txt"), ("oscal/extra.json", "oscal/extra.json"), (".git/HEAD", ".git"),
        ("empty-folder/", "empty-folder"),
    ])
    func aPackHoldingAnUnlistedEntryIsNotReplaced(planted: String, name: String) throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let url = fixture.pack.appendingPathComponent(planted)
        if planted.hasSuffix("/") {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } else {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("mine".utf8).write(to: url)
        }
        #expect(
            refusal(fixture.pack)
                == "\(fixture.pack.path): not an evidence pack (it holds \(name), which its manifest does not list); refusing to replace it"
        )
        #expect(FileManager.default.fileExists(atPath: url.path))
    }

    @Test func aPackOrAnEmptyFolderIsReplaced() throws {
        let signed = try VerifierTests.signedPack()
        defer { signed.remove() }
        try write(to: signed.pack)
        #expect(!FileManager.default.fileExists(atPath: signed.pack.appendingPathComponent(PackLayout.signature).path))
        #expect(Verifier.verify(pack: signed.pack, publicKey: nil).isEmpty)

        let empty = signed.root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        try write(to: empty)
        #expect(Verifier.verify(pack: empty, publicKey: nil).isEmpty)
    }

    @Test func aSymbolicLinkAtTheOutputIsNotReplaced() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let link = fixture.root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: fixture.pack)
        #expect(refusal(link).contains("not an evidence pack (it is a symbolic link)"))
        #expect(Verifier.verify(pack: fixture.pack, publicKey: nil).isEmpty)
    }

    /// Equal to, inside or containing the evidence folder, also when spelt through a symbolic link.
    @Test(arguments: [("evidence", "is"), ("evidence/pack", "is inside"), ("", "contains"), ("alias/sub", "is inside")])
    func theEvidenceFolderIsNeverTheOutput(relative: String, relation: String) throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        try FileManager.default.createSymbolicLink(
            at: fixture.root.appendingPathComponent("alias"), withDestinationURL: fixture.evidence)
        let out = relative.isEmpty ? fixture.root : fixture.root.appendingPathComponent(relative)
        var options = SampleResults.options(force: true)
        options.evidenceFolders = [fixture.evidence]
        let message = refusal(out, options: options)
        #expect(
            message == "\(out.path): \(relation) the evidence folder \(fixture.evidence.path); write the pack elsewhere"
        )
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: fixture.evidence.path).sorted()
                == ["aws", "k8s", "notes", "owners.csv", "waivers.yaml"])
    }
}

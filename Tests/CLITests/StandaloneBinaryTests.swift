import Foundation
import Testing
import TestSupport

/// The binary carries mappings/ and templates/ (compiled in by the EmbedShippedData plugin): a copy
/// alone in an empty folder, run from another empty folder, still packs Northwind, and what it
/// carries is exactly what the folders hold.
@Suite struct StandaloneBinaryTests {
    static let quarter = Fixtures.packageRoot.appendingPathComponent("evidence/northwind/2026-Q4")
    static let repoMappings = Fixtures.packageRoot.appendingPathComponent("mappings").path
    static let repoTemplates = Fixtures.packageRoot.appendingPathComponent("templates").path

    /// The built binary copied alone into a fresh folder.
    static func loneBinary() throws -> URL {
        let folder = try Fixtures.temporaryFolder("nhi-lone-bin")
        let copy = folder.appendingPathComponent("nhi-audit")
        try FileManager.default.copyItem(at: CLIRunner.executable, to: copy)
        return copy
    }

    static func run(_ binary: URL, _ arguments: [String], in folder: URL) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, currentDirectory: folder, executable: binary)
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func aLoneCopyRunsFindingsAndPackFromAnyFolder() throws {
        let binary = try Self.loneBinary()
        let elsewhere = try Fixtures.temporaryFolder("nhi-lone-cwd")
        let findings = try Self.run(binary, ["findings", Self.quarter.path, "--format", "json"], in: elsewhere)
        #expect(findings.status == 0, "\(findings.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(findings.stdout.utf8)) as? [String: Any])
        #expect(((report["findings"] as? [Any])?.count ?? 0) > 0)

        let pack = elsewhere.appendingPathComponent("pack")
        let packed = try Self.run(
            binary, ["pack", Self.quarter.path, "--out", pack.path, "--generated-at", "2027-01-05T09:00:00Z"],
            in: elsewhere)
        #expect(packed.status == 0, "\(packed.stderr)")
        let manifest = try Self.json(pack.appendingPathComponent("manifest.json"))
        let mappings = try #require(manifest["mappings"] as? [String: Any])
        #expect(mappings["kind"] as? String == "embedded")
        #expect(mappings["sha256"] as? String == manifest["mappingDigest"] as? String)
        #expect((manifest["templates"] as? [String: Any])?["kind"] as? String == "embedded")
        #expect(manifest["templateOverrides"] == nil)
        let html = try String(contentsOf: pack.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("Northwind"))
    }

    @Test func theEmbeddedDataIsTheFoldersData() throws {
        let elsewhere = try Fixtures.temporaryFolder("nhi-embedded-digest")
        let pack = { (name: String, extra: [String]) throws -> [String: Any] in
            let out = elsewhere.appendingPathComponent(name)
            let result = try CLIRunner.run(
                ["pack", Self.quarter.path, "--out", out.path, "--generated-at", "2027-01-05T09:00:00Z"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try Self.json(out.appendingPathComponent("manifest.json"))
        }
        let embedded = try pack("embedded", [])
        let folders = try pack("folders", ["--mappings", Self.repoMappings, "--templates", Self.repoTemplates])
        let folderMappings = try #require(folders["mappings"] as? [String: Any])
        #expect(folderMappings["kind"] as? String == "folder")
        #expect(folderMappings["folder"] as? String == Self.repoMappings)
        #expect(
            folderMappings["sha256"] as? String == (embedded["mappings"] as? [String: Any])?["sha256"] as? String,
            "the mappings built into the binary differ from mappings/: rebuild")
        let override = try #require(folders["templateOverrides"] as? [String: Any])
        #expect(override["kind"] as? String == "folder")
        #expect(
            override["sha256"] as? String == (embedded["templates"] as? [String: Any])?["sha256"] as? String,
            "the templates built into the binary differ from templates/: rebuild")
        // The same data gives the same results, whichever way it came.
        let outputs = { (manifest: [String: Any]) in
            (manifest["outputs"] as? [[String: Any]])?.first { $0["path"] as? String == "results.json" }?["sha256"]
                as? String
        }
        #expect(outputs(embedded) != nil && outputs(embedded) == outputs(folders))
    }

    @Test func frameworksAndValidateSayWhereTheMappingsCameFrom() throws {
        let elsewhere = try Fixtures.temporaryFolder("nhi-source-cwd")
        let builtIn = try CLIRunner.run(["frameworks"], currentDirectory: elsewhere)
        #expect(builtIn.status == 0, "\(builtIn.stderr)")
        #expect(builtIn.stdout.contains("Mappings: built into nhi-audit (sha256 "))
        let folder = try CLIRunner.run(["frameworks", "--mappings", Self.repoMappings])
        #expect(folder.stdout.contains("Mappings: folder \(Self.repoMappings) (sha256 "))

        let validated = try CLIRunner.run(["validate"], currentDirectory: elsewhere)
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.hasPrefix("mappings built into nhi-audit (sha256 "))
        let validatedFolder = try CLIRunner.run(["validate", "--mappings", Self.repoMappings])
        #expect(validatedFolder.stdout.hasPrefix("mappings folder \(Self.repoMappings) (sha256 "))
        // A ./mappings in the current folder (here a broken one) is not picked up behind the user's back.
        let decoy = elsewhere.appendingPathComponent("mappings/catalogs")
        try FileManager.default.createDirectory(at: decoy, withIntermediateDirectories: true)
        try Data("controls: [unclosed\n".utf8).write(to: decoy.appendingPathComponent("broken.yaml"))
        let withDecoy = try CLIRunner.run(["validate"], currentDirectory: elsewhere)
        #expect(withDecoy.status == 0, "\(withDecoy.stderr)")
    }

    @Test func theExtractedDataIsRemovedAtExit() throws {
        let scratch = try Fixtures.temporaryFolder("nhi-tmpdir")
        let result = try CLIRunner.run(["validate"], currentDirectory: scratch, environment: ["TMPDIR": scratch.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty,
            "the embedded data was left in TMPDIR")
    }
}

import Foundation
import Testing
import TestSupport

/// `pack` with symbolic links and old packs in the evidence folder.
@Suite struct EvidenceLinkCommandTests {
    static let evidence = Fixtures.own("detect/each-rule")

    private static func manifestInputs(_ pack: URL) throws -> [String: String] {
        let data = try Data(contentsOf: pack.appendingPathComponent("manifest.json"))
        let inputs =
            (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["inputs"] as? [[String: Any]] ?? []
        return Dictionary(
            uniqueKeysWithValues: inputs.compactMap { entry in
                (entry["path"] as? String).map { ($0, entry["sha256"] as? String ?? "") }
            })
    }

    @Test func aWaiverFileLinkedFromOutsideIsRefusedUnlessFollowed() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let evidence = root.appendingPathComponent("evidence")
        try FileManager.default.copyItem(at: Self.evidence, to: evidence)
        let waivers = root.appendingPathComponent("waivers.yaml")
        try Data("waivers: []\n".utf8).write(to: waivers)
        try FileManager.default.createSymbolicLink(
            at: evidence.appendingPathComponent("waivers.yaml"), withDestinationURL: waivers)
        let owners = root.appendingPathComponent("owners.csv")
        try FileManager.default.moveItem(at: evidence.appendingPathComponent("owners.csv"), to: owners)
        try FileManager.default.createSymbolicLink(
            at: evidence.appendingPathComponent("owners.csv"), withDestinationURL: owners)
        let out = root.appendingPathComponent("pack")

        let refused = try CLIRunner.run(["pack", evidence.path, "--out", out.path])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.hasPrefix(
                evidence.appendingPathComponent("owners.csv").path + ": symbolic link to \(owners.path), outside"),
            "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let followed = try CLIRunner.run(["pack", evidence.path, "--out", out.path, "--follow-symlinks"])
        #expect(followed.status == 0, "\(followed.stderr)")
        let inputs = try Self.manifestInputs(out)
        #expect(
            inputs["waivers.yaml"] == "0fe964782f0de3e329da96a3093e84fce48af340fbb3442bb0f391e863d8ee54",
            "the SHA-256 of the linked file's content")
        let results = try String(contentsOf: out.appendingPathComponent("results.json"), encoding: .utf8)
        #expect(results.contains("through a symbolic link to \(waivers.path)"))
        #expect(results.contains("\"link\":\"\(owners.path)\""), "the ledger entry of owners.csv names its target")
        #expect(inputs["owners.csv"] != nil)
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<code>owners.csv</code> (symbolic link to <code>\(owners.path)</code>)"))
        let xml = try String(contentsOf: out.appendingPathComponent("evidence-pack.xml"), encoding: .utf8)
        #expect(xml.contains("link=\"\(owners.path)\""))
    }

    /// A pack copied into the evidence folder is listed as a pack, not read, and not an input.
    @Test func aPackInsideTheEvidenceFolderIsNotIngested() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let evidence = root.appendingPathComponent("evidence")
        try FileManager.default.copyItem(at: Self.evidence, to: evidence)
        let first = root.appendingPathComponent("first")
        #expect(
            try CLIRunner.run(["pack", evidence.path, "--out", first.path, "--generated-at", "2026-12-31T00:00:00Z"])
                .status == 0)
        try FileManager.default.copyItem(at: first, to: evidence.appendingPathComponent("old-pack"))

        let second = root.appendingPathComponent("second")
        let result = try CLIRunner.run([
            "pack", evidence.path, "--out", second.path, "--generated-at", "2026-12-31T00:00:00Z",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.manifestInputs(second) == (try Self.manifestInputs(first)))
        let results = try String(contentsOf: second.appendingPathComponent("results.json"), encoding: .utf8)
        #expect(results.contains("old-pack/"))
        #expect(!results.contains("old-pack/results.json"))
    }
}

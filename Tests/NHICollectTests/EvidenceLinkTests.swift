import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// Symbolic links in an evidence folder: none passes silently, none pulls a file from outside the
/// folder in unless asked, and a pack inside the folder is not read back as evidence.
@Suite struct EvidenceLinkTests {
    static let source = Fixtures.own("detect/each-rule")

    /// A copy of the each-rule evidence in `root/evidence`, and a folder `root/outside` beside it.
    private static func stage() throws -> (root: URL, evidence: URL, outside: URL) {
        let root = try Fixtures.temporaryFolder("nhi-links")
        let evidence = root.appendingPathComponent("evidence"), outside = root.appendingPathComponent("outside")
        try FileManager.default.copyItem(at: source, to: evidence)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        return (root, evidence, outside)
    }

    private static func link(_ evidence: URL, _ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(
            atPath: evidence.appendingPathComponent(name).path, withDestinationPath: target)
    }

    @Test(arguments: ["waivers.yaml", "attestations.yaml", "extra/owners.csv"])
    func aLinkLeavingTheFolderIsRefused(name: String) throws {
        let (root, evidence, outside) = try Self.stage()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = outside.appendingPathComponent("target")
        try Data("- rule: unowned-identity\n".utf8).write(to: target)
        try FileManager.default.createDirectory(
            at: evidence.appendingPathComponent("extra"), withIntermediateDirectories: true)
        try Self.link(evidence, name, to: target.path)
        let error = #expect(throws: CollectError.self) { try Collector().collect(folder: evidence) }
        #expect(
            error?.description.hasPrefix(
                "\(name): symbolic link to \(target.path), outside the evidence folder: not read") == true,
            "\(String(describing: error))")
        #expect(error?.description.contains("--follow-symlinks") == true)
    }

    @Test func followedLinksAreReadAndListed() throws {
        let (root, evidence, outside) = try Self.stage()
        defer { try? FileManager.default.removeItem(at: root) }
        let owners = outside.appendingPathComponent("owners.csv")
        try FileManager.default.moveItem(at: evidence.appendingPathComponent("owners.csv"), to: owners)
        try Self.link(evidence, "owners.csv", to: owners.path)
        let waivers = outside.appendingPathComponent("waivers.yaml")
        try Data("[]\n".utf8).write(to: waivers)
        try Self.link(evidence, "waivers.yaml", to: waivers.path)

        let inventory = try Collector(options: .init(followSymlinks: true)).collect(folder: evidence)
        let entry = try #require(inventory.ledger.entries.first { $0.file == "owners.csv" })
        #expect(entry.link == owners.path)
        #expect(entry.accepted > 0)
        #expect(
            inventory.ledger.skipped.contains(
                SkippedFile(
                    file: "waivers.yaml",
                    reason: "read by the assessment stage, through a symbolic link to \(waivers.path)")))
        #expect(inventory.ledger.entries.filter { $0.file != "owners.csv" }.allSatisfy { $0.link == nil })
    }

    /// Inside the folder: a second name for a file is not read twice; a link to a folder or to
    /// nothing is listed as not read; a link to a file read by no other name is read.
    @Test func linksInsideTheFolderAreAccountedFor() throws {
        let (root, evidence, _) = try Self.stage()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.link(evidence, "owners-again.csv", to: "owners.csv")
        try Self.link(evidence, "all-aws", to: "aws")
        try Self.link(evidence, "gone.json", to: "nowhere.json")
        try FileManager.default.createDirectory(
            at: evidence.appendingPathComponent(".kept"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            at: evidence.appendingPathComponent("changes.csv"), to: evidence.appendingPathComponent(".kept/changes.csv")
        )
        try Self.link(evidence, "changes.csv", to: ".kept/changes.csv")

        let inventory = try Collector().collect(folder: evidence)
        let skipped = Dictionary(uniqueKeysWithValues: inventory.ledger.skipped.map { ($0.file, $0.reason) })
        #expect(skipped["owners-again.csv"] == "symbolic link to owners.csv, which is read under its own name")
        #expect(
            skipped["all-aws"] == "symbolic link to the folder aws: not followed (link the files, or copy the folder)")
        #expect(skipped["gone.json"] == "symbolic link to nowhere.json, which does not exist: not read")
        #expect(inventory.ledger.entries.first { $0.file == "changes.csv" }?.link == ".kept/changes.csv")
        #expect(inventory.ledger.entries.filter { $0.file == "owners.csv" }.count == 1)
    }

    /// A pack copied (or written by another tool) into the evidence folder is one skipped entry.
    @Test func aPackInsideTheFolderIsNotReadAsEvidence() throws {
        let (root, evidence, _) = try Self.stage()
        defer { try? FileManager.default.removeItem(at: root) }
        let pack = evidence.appendingPathComponent("packs/2026-Q3")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try Data(
            #"{"schemaVersion":"1.0","tool":{"name":"nhi-audit","version":"0.1.0"},"inputs":[],"outputs":[]}"#.utf8
        )
        .write(to: pack.appendingPathComponent("manifest.json"))
        try FileManager.default.copyItem(
            at: evidence.appendingPathComponent("owners.csv"), to: pack.appendingPathComponent("owners.csv"))
        let inventory = try Collector().collect(folder: evidence)
        #expect(
            inventory.ledger.skipped.contains(
                SkippedFile(
                    file: "packs/2026-Q3/",
                    reason: "an nhi-audit evidence pack (its manifest.json lists its files): a report, not evidence")))
        #expect(!inventory.ledger.entries.contains { $0.file.hasPrefix("packs/") })
        #expect(
            !inventory.ledger.skipped.contains { $0.file.hasPrefix("packs/2026-Q3/") && $0.file != "packs/2026-Q3/" })
    }

    /// An evidence folder named through a link (a quarter linked into place) is read as the folder
    /// itself: the same files, records and identities, and its own links judged against the folder.
    @Test func aFolderNamedThroughALinkIsReadAsTheFolder() throws {
        let (root, evidence, _) = try Self.stage()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.link(evidence, "owners-again.csv", to: "owners.csv")
        let named = root.appendingPathComponent("current")
        try FileManager.default.createSymbolicLink(atPath: named.path, withDestinationPath: evidence.path)

        let direct = try Collector().collect(folder: evidence)
        let linked = try Collector().collect(folder: named)
        #expect(!direct.ledger.entries.isEmpty)
        #expect(linked.ledger.entries.map(\.file) == direct.ledger.entries.map(\.file))
        #expect(linked.ledger.entries.map(\.accepted) == direct.ledger.entries.map(\.accepted))
        #expect(linked.ledger.skipped == direct.ledger.skipped)
        #expect(linked.identities.map(\.id) == direct.identities.map(\.id))
    }
}

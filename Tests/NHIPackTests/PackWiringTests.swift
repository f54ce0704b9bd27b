import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

/// The pieces the pack command wires together: input hashing, the mapping digest, the summary
/// it prints.
@Suite struct PackWiringTests {
    @Test func folderDigestChangesWithContentNotWithHiddenFiles() throws {
        let root = try Fixtures.temporaryFolder("nhi-digest")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("frameworks"), withIntermediateDirectories: true)
        try Data("a: 1\n".utf8).write(to: root.appendingPathComponent("frameworks/owasp.yaml"))
        try Data("b: 2\n".utf8).write(to: root.appendingPathComponent("policy.yaml"))
        let first = try FolderDigest.sha256(of: root)
        #expect(first.count == 64)
        try Data("junk".utf8).write(to: root.appendingPathComponent(".DS_Store"))
        #expect(try FolderDigest.sha256(of: root) == first)
        try Data("a: 2\n".utf8).write(to: root.appendingPathComponent("frameworks/owasp.yaml"))
        #expect(try FolderDigest.sha256(of: root) != first)
        try Data("a: 1\n".utf8).write(to: root.appendingPathComponent("frameworks/owasp.yaml"))
        try FileManager.default.moveItem(
            at: root.appendingPathComponent("policy.yaml"), to: root.appendingPathComponent("policy2.yaml"))
        #expect(try FolderDigest.sha256(of: root) != first, "a renamed file changes the digest")
    }

    @Test func inputsAreHashedSortedAndDeduplicated() throws {
        let root = try Fixtures.temporaryFolder("nhi-inputs")
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try SampleResults.inputs(in: root)
        let inputs = try PackInput.hashing(evidenceFolder: root, paths: ["owners.csv", "k8s/audit.log", "owners.csv"])
        #expect(inputs.map(\.path) == ["k8s/audit.log", "owners.csv"])
        #expect(inputs.last?.sha256 == SampleResults.sha("owners.csv"))
        #expect(inputs.last?.size == Int64(SampleResults.files["owners.csv"]!.utf8.count))
        let error = #expect(throws: PackError.self) { try PackInput.hashing(evidenceFolder: root, paths: ["gone.csv"]) }
        #expect(error?.description.contains("gone.csv") == true)
    }

    @Test func summaryNamesCountsSeveritiesAndLocation() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let lines = PackSummaryText.lines(results: SampleResults.document(), summary: fixture.summary)
        #expect(
            lines.first
                == "OWASP Non-Human Identities Top 10 2025: 1 not-satisfied, 1 satisfied, 1 partially-assessed, "
                + "1 not-assessed, 1 waived, 1 attested, 1 not-applicable")
        #expect(lines.contains("open findings: 4 (1 critical, 1 high, 0 medium, 1 low, 1 info); waived: 1"))
        #expect(lines.last?.contains(fixture.pack.path) == true)
        #expect(lines.last?.contains(fixture.summary.manifestDigest) == true)
    }
}

import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// Every platform's reader reads a zip member as the file it would be unzipped: GCP, Entra and
/// GitHub exports zipped (deflated, as `zip` and Python's `zipfile` write them) give the same
/// ledger entries and identities as the same files on disk.
@Suite struct ZipPlatformMembersTests {
    static let members = [
        "gcp/audit.jsonl", "gcp/keys.json", "gcp/asset-resources.jsonl", "entra/service-principals.json",
        "entra/la-service-principal-sign-ins.json", "github/audit.jsonl",
    ]

    @Test func platformExportsInAZipReadAsTheFilesUnzipped() throws {
        let plain = try Fixtures.temporaryFolder("nhi-zip-plain")
        let zipped = try Fixtures.temporaryFolder("nhi-zip-members")
        defer {
            try? FileManager.default.removeItem(at: plain)
            try? FileManager.default.removeItem(at: zipped)
        }
        for member in Self.members {
            let target = plain.appendingPathComponent(member)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Fixtures.own(member), to: target)
        }
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
                for name in sys.argv[3:]:
                    archive.write(sys.argv[2] + "/" + name, name)
            """
        let made = try ExternalProgram.python(
            ["-c", script, zipped.appendingPathComponent("exports.zip").path, plain.path] + Self.members)
        try #require(made.status == 0, "python zipfile: \(made.output)")
        let fromZip = try CollectTestSupport.collect(zipped), fromFiles = try CollectTestSupport.collect(plain)
        for member in Self.members {
            let inZip = try #require(CollectTestSupport.entry(fromZip, "exports.zip!\(member)"), "\(member)")
            let file = try #require(CollectTestSupport.entry(fromFiles, member))
            #expect(inZip.format == file.format && inZip.accepted > 0, "\(member)")
            #expect(
                inZip.read == file.read && inZip.accepted == file.accepted && inZip.rejected == file.rejected
                    && inZip.sha256 == file.sha256, "\(member)")
        }
        #expect(fromZip.identities.map(\.id) == fromFiles.identities.map(\.id))
        #expect(fromZip.activity.count == fromFiles.activity.count)
    }
}

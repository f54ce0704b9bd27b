import Foundation
import Testing
import TestSupport

/// A zip bomb or a damaged zip stops the command with exit 2 and one line naming the archive or
/// member; `--keep-going` lists it as failed and reads the rest.
@Suite struct ZipArchiveCLITests {
    @Test func bombAndDamageExitTwoWithOneLine() throws {
        var archive = [UInt8](try Data(contentsOf: Fixtures.own("archives/scanners.zip")))
        // The first central directory entry's uncompressed size, declared as 100 bytes.
        let entry = try #require(
            (0..<(archive.count - 4)).first { archive[$0..<$0 + 4] == [0x50, 0x4b, 0x01, 0x02] })
        archive.replaceSubrange((entry + 24)..<(entry + 28), with: [100, 0, 0, 0])
        let evidence = try Fixtures.temporaryFolder("nhi-zip-cli")
        defer { try? FileManager.default.removeItem(at: evidence) }
        try Data(archive).write(to: evidence.appendingPathComponent("reports.zip"))
        let failed = try CLIRunner.run(["inventory", evidence.path])
        #expect(failed.status == 2, "\(failed.stderr)")
        let line =
            "reports.zip!reports/gitleaks.sarif: zip member inflates past its declared 100 bytes (a zip bomb, or a damaged archive): not read\n"
        #expect(failed.stderr.hasSuffix(line), "\(failed.stderr)")
        #expect(failed.stderr.filter { $0 == "\n" }.count == 1)
        let kept = try CLIRunner.run(["inventory", evidence.path, "--keep-going"])
        #expect(kept.status == 0 && kept.stdout.contains("reports.zip!reports/trufflehog3.json"), "\(kept.stdout)")
        #expect(kept.stdout.contains("reports.zip!reports/gitleaks.sarif: failed"), "\(kept.stdout)")
    }
}

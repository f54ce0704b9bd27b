import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// Zip archives read in place: each member in the ledger as `archive.zip!member`, read as the file
/// it would be unzipped; damaged archives and bombs fail with one line naming the archive or member.
@Suite struct ZipArchiveTests {
    private func folder(with files: [String: Data]) throws -> URL {
        let folder = try Fixtures.temporaryFolder("nhi-zip")
        for (name, data) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return folder
    }

    private func fixture(_ name: String) throws -> Data { try Data(contentsOf: Fixtures.own("archives/\(name)")) }

    /// `archive` with the central directory entry of member `index` (0-based) patched.
    private func patched(_ archive: Data, entry index: Int, at offset: Int, bytes: [UInt8]) -> Data {
        var data = [UInt8](archive)
        var found = -1, position = 0
        while found < index, let start = Self.find([0x50, 0x4b, 0x01, 0x02], in: data, from: position) {
            found += 1
            position = start + 4
        }
        let entry = position - 4
        for (step, byte) in bytes.enumerated() { data[entry + offset + step] = byte }
        return Data(data)
    }

    private static func find(_ needle: [UInt8], in data: [UInt8], from start: Int) -> Int? {
        guard data.count >= needle.count, start <= data.count - needle.count else { return nil }
        return (start...(data.count - needle.count)).first { Array(data[$0..<$0 + needle.count]) == needle }
    }

    @Test func membersAreReadInPlaceUnderTheirArchiveName() throws {
        let root = try folder(with: ["scans/q3.zip": try fixture("scanners.zip")])
        defer { try? FileManager.default.removeItem(at: root) }
        let inventory = try CollectTestSupport.collect(root)
        let sarif = try #require(CollectTestSupport.entry(inventory, "scans/q3.zip!reports/gitleaks.sarif"))
        #expect(sarif.format == "sarif-secrets" && sarif.read == 3 && sarif.accepted == 2)
        let content = try Data(contentsOf: Fixtures.own("scanner-reports/gitleaks.sarif"))
        #expect(sarif.sha256 == FileDigest.sha256(of: content) && sarif.size == Int64(content.count))
        #expect(sarif.rejections.first?.locators == ["scans/q3.zip!reports/gitleaks.sarif /runs/0/results/2"])
        let stored = try #require(CollectTestSupport.entry(inventory, "scans/q3.zip!reports/trufflehog3.json"))
        #expect(stored.format == "trufflehog3" && stored.read == 2 && stored.accepted == 1)
        let gzipped = try #require(CollectTestSupport.entry(inventory, "scans/q3.zip!reports/trufflehog-v2.jsonl.gz"))
        #expect(gzipped.format == "trufflehog-v2" && gzipped.read == 3 && gzipped.accepted == 2)
        #expect(
            inventory.ledger.skipped == [
                SkippedFile(file: "scans/q3.zip!reports/notes.txt", reason: "no reader recognises its content")
            ])
        let leak = try #require(inventory.leaks.first { $0.detector == "aws-access-token" })
        #expect(leak.evidence.file == "scans/q3.zip!reports/gitleaks.sarif")
    }

    @Test func cloudTrailInAZipReadsAsTheFilesUnzipped() throws {
        let zipped = try folder(with: ["trail.zip": try fixture("cloudtrail.zip")])
        let plain = try folder(with: [
            "AWSLogs/records.json.gz": try Data(contentsOf: Fixtures.own("aws/cloudtrail/records.json.gz")),
            "AWSLogs/lines.jsonl": try Data(contentsOf: Fixtures.own("aws/cloudtrail/lines.jsonl")),
        ])
        defer {
            try? FileManager.default.removeItem(at: zipped)
            try? FileManager.default.removeItem(at: plain)
        }
        let fromZip = try CollectTestSupport.collect(zipped), fromFiles = try CollectTestSupport.collect(plain)
        for name in ["AWSLogs/records.json.gz", "AWSLogs/lines.jsonl"] {
            let member = try #require(CollectTestSupport.entry(fromZip, "trail.zip!\(name)"))
            let file = try #require(CollectTestSupport.entry(fromFiles, name))
            #expect(member.format == "aws-cloudtrail" && member.accepted > 0)
            #expect(member.read == file.read && member.accepted == file.accepted && member.sha256 == file.sha256)
        }
        #expect(fromZip.activity.count == fromFiles.activity.count && !fromZip.activity.isEmpty)
        #expect(fromZip.identities.map(\.id) == fromFiles.identities.map(\.id))
    }

    @Test func unsupportedMembersAreListedWithWhy() throws {
        let root = try folder(with: ["old.zip": try fixture("unsupported.zip")])
        defer { try? FileManager.default.removeItem(at: root) }
        let inventory = try CollectTestSupport.collect(root)
        #expect(inventory.ledger.entries.isEmpty)
        let reasons = Dictionary(uniqueKeysWithValues: inventory.ledger.skipped.map { ($0.file, $0.reason) })
        #expect(reasons["old.zip!secret.json"] == "encrypted zip member: not read")
        #expect(
            reasons["old.zip!packed.json"]
                == "zip member compressed with method 12: not supported (stored and deflate are)")
        #expect(reasons["old.zip"] == "zip with no supported member (of 2)")
    }

    /// Each damaged archive stops the run with one line naming it (exit 2 on the command line), and
    /// with `--keep-going` is a failed ledger entry instead.
    @Test(arguments: [
        ("cut", "corrupt zip: no end of central directory record"),
        ("bomb", "zip member inflates past its declared 100 bytes (a zip bomb, or a damaged archive): not read"),
        ("overlap", "overlap at byte"),
        ("crc", "corrupt zip member: its CRC-32 does not match the directory"),
    ])
    func damagedArchivesFailWithOneLine(damage: String, message: String) throws {
        let good = try fixture("scanners.zip")
        let bad: Data =
            switch damage {
            case "cut": good.prefix(good.count - 30)
            case "bomb": patched(good, entry: 0, at: 24, bytes: [100, 0, 0, 0])
            case "overlap": patched(good, entry: 1, at: 42, bytes: [0, 0, 0, 0])
            default: patched(good, entry: 1, at: 16, bytes: [0xde, 0xad, 0xbe, 0xef])
            }
        let root = try folder(with: ["bad.zip": bad])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect {
            try CollectTestSupport.collect(root)
        } throws: { error in
            let text = (error as? CollectError)?.description ?? ""
            return text.hasPrefix("bad.zip") && text.contains(message) && !text.contains("\n")
        }
        let kept = try Collector(options: .init(keepGoing: true)).collect(folder: root)
        let failed = try #require(kept.ledger.entries.first { $0.status == .failed })
        #expect(failed.file.hasPrefix("bad.zip") && failed.error?.contains(message) == true)
    }
}

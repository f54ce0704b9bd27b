import Foundation
import Testing
import TestSupport

/// `nhi-audit inventory` end to end, on copies of the AWS fixtures.
@Suite struct InventoryCommandTests {
    private func folder(_ files: [String: String]) throws -> URL {
        let folder = try Fixtures.temporaryFolder("nhi-cli")
        for (destination, source) in files {
            let target = folder.appendingPathComponent(destination)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Fixtures.own("aws/\(source)"), to: target)
        }
        return folder
    }

    private let good = [
        "iam/report.csv": "credential-report.csv", "iam/page-1.json": "authz/page-1.json",
        "logs/records.json.gz": "cloudtrail/records.json.gz", "logs/lines.jsonl": "cloudtrail/lines.jsonl",
    ]

    @Test func jsonHasIdentitiesAndLedgerWithTheAgreedKeys() throws {
        let evidence = try folder(good)
        let result = try CLIRunner.run(["inventory", evidence.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let identities = try #require(object["identities"] as? [[String: Any]])
        #expect(identities.count >= 6)
        for identity in identities {
            for key in ["id", "platform", "kind", "isHuman", "owner", "environments", "credentials", "lastActivity"] {
                #expect(identity.keys.contains(key), "\(key)")
            }
        }
        let ledger = try #require(object["ledger"] as? [[String: Any]])
        #expect(ledger.count == 4)
        for entry in ledger {
            for key in ["file", "format", "sha256", "status", "read", "accepted", "rejected"] {
                #expect(entry.keys.contains(key), "\(key)")
            }
            #expect((entry["read"] as? Int) == (entry["accepted"] as? Int ?? -1) + (entry["rejected"] as? Int ?? -1))
        }
        #expect(ledger.first { $0["file"] as? String == "logs/lines.jsonl" }?["rejected"] as? Int == 2)
    }

    @Test func tableAndCSVListIdentitiesThenTheLedger() throws {
        let evidence = try folder(good)
        let table = try CLIRunner.run(["inventory", evidence.path])
        #expect(table.status == 0)
        #expect(
            table.stdout.contains("arn:aws:iam::111122223333:role/deploy")
                && table.stdout.contains("Ingest ledger (4 files)"))
        #expect(table.stdout.contains("logs/lines.jsonl: 1 rejected: malformed JSON"))
        let csv = try CLIRunner.run(["inventory", evidence.path, "--format", "csv"])
        #expect(csv.status == 0)
        let sections = csv.stdout.components(separatedBy: "\n\n")
        #expect(sections.count == 2)
        #expect(
            sections[0].hasPrefix("id,platform,kind,human")
                && sections[1].hasPrefix("file,format,status,read,accepted,rejected"))
    }

    @Test func truncatedGzipExitsTwoNamingTheFile() throws {
        var files = good
        files["logs/bad.json.gz"] = "cloudtrail/truncated.json.gz"
        let evidence = try folder(files)
        let result = try CLIRunner.run(["inventory", evidence.path, "--format", "json"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "\(evidence.path)/logs/bad.json.gz: truncated gzip: the compressed data ends at byte 420 before the end of the stream\n"
        )

        let kept = try CLIRunner.run(["inventory", evidence.path, "--format", "json", "--keep-going"])
        #expect(kept.status == 0)
        let ledger = try #require(
            (try JSONSerialization.jsonObject(with: Data(kept.stdout.utf8)) as? [String: Any])?["ledger"]
                as? [[String: Any]])
        #expect(ledger.first { $0["file"] as? String == "logs/bad.json.gz" }?["status"] as? String == "failed")
    }

    @Test func nonJSONPinnedToCloudTrailExitsTwoWithLineAndColumn() throws {
        var files = good
        files["logs/notes.json"] = "cloudtrail/not-json.json"
        let evidence = try folder(files)
        try "organisation: t\nsources:\n  - path: logs/**\n    format: aws-cloudtrail\n"
            .write(to: evidence.appendingPathComponent("scope.yaml"), atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["inventory", evidence.path])
        #expect(result.status == 2)
        #expect(result.stderr == "\(evidence.path)/logs/notes.json:1:1: not JSON: expected '{' or '['\n")

        let kept = try CLIRunner.run(["inventory", evidence.path, "--keep-going", "--format", "csv"])
        #expect(kept.status == 0)
        #expect(kept.stdout.contains("logs/notes.json,aws-cloudtrail,failed,0,0,0,"))
    }

    @Test func aMissingFolderExitsTwo() throws {
        let result = try CLIRunner.run(["inventory", "/nonexistent/evidence"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("/nonexistent/evidence: evidence folder not found"))
    }
}

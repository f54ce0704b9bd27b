import Foundation
import Testing
import TestSupport

/// `pack` end to end on a small evidence folder where every rule fires once.
@Suite struct PackCommandTests {
    static let evidence = Fixtures.own("detect/each-rule").path

    private func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            result[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return result
    }

    @Test func writesTheWholePackDeterministically() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var packs: [[String: Data]] = []
        for name in ["a", "b"] {
            let out = root.appendingPathComponent(name)
            let result = try CLIRunner.run([
                "pack", Self.evidence, "--out", out.path, "--generated-at", "2026-12-31T00:00:00Z",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("pack: \(out.path)"))
            packs.append(try files(in: out))
        }
        let catalogs = ["nist-csf-2.0", "nist-sp800-207", "nist-sp800-53r5", "owasp-nhi-2025"].flatMap {
            ["/oscal/catalogs/\($0).json", "/oscal/catalogs/\($0).xml"]
        }
        #expect(
            Set(packs[0].keys)
                == Set(
                    [
                        "/index.html", "/evidence-pack.xml", "/oscal/assessment-results.json",
                        "/oscal/assessment-results.xml", "/oscal/assessment-plan.json", "/oscal/assessment-plan.xml",
                        "/results.json", "/manifest.json", "/findings.csv",
                    ] + catalogs))
        #expect(packs[0] == packs[1], "two runs with the same inputs and --generated-at differ")
        let verify = try CLIRunner.run(["verify", root.appendingPathComponent("a").path, "--allow-unsigned"])
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("pack").path
        #expect(try CLIRunner.run(["pack", Self.evidence, "--out", out]).status == 0)
        let again = try CLIRunner.run(["pack", Self.evidence, "--out", out])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        #expect(try CLIRunner.run(["pack", Self.evidence, "--out", out, "--force"]).status == 0)
    }

    @Test func badInputExitsTwoAndLeavesNothing() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let evidence = root.appendingPathComponent("evidence")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        try Data("organisation: x\nsources:\n  - {path: trail.json, format: aws-cloudtrail}\n".utf8)
            .write(to: evidence.appendingPathComponent("scope.yaml"))
        try Data("{\"Records\": [{\"eventTime\": ".utf8).write(to: evidence.appendingPathComponent("trail.json"))
        let out = root.appendingPathComponent("pack")
        let result = try CLIRunner.run(["pack", evidence.path, "--out", out.path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(evidence.appendingPathComponent("trail.json").path + ":"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.path) == ["evidence"],
            "a failed run left files behind")
    }

    @Test func signsAndChainsAndGates() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let key = root.appendingPathComponent("signing").path
        #expect(try CLIRunner.run(["keygen", "--out", key]).status == 0)
        let first = root.appendingPathComponent("q3").path, second = root.appendingPathComponent("q4").path
        #expect(try CLIRunner.run(["pack", Self.evidence, "--out", first, "--sign-key", key + ".key"]).status == 0)
        let gated = try CLIRunner.run([
            "pack", Self.evidence, "--out", second, "--previous", first,
            "--sign-key", key + ".key", "--fail-on", "critical",
        ])
        #expect(gated.status == 1, "every rule fires in this folder, including critical ones: \(gated.stderr)")
        let verify = try CLIRunner.run(["verify", second, "--public-key", key + ".pub", "--previous", first])
        #expect(verify.status == 0, "\(verify.stdout)")
        let html = try String(contentsOfFile: second + "/index.html", encoding: .utf8)
        #expect(html.contains("id=\"since-previous\""))
        #expect(html.contains("<svg"))
    }

    @Test func packsAFolderOfQuartersInOrderChained() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let quarters = root.appendingPathComponent("org")
        for name in ["2026-Q4", "2026-Q3"] {
            try FileManager.default.copyItem(atPath: Self.evidence, toPath: quarters.appendingPathComponent(name).path)
        }
        let out = root.appendingPathComponent("packs")
        let result = try CLIRunner.run(["pack", quarters.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.range(of: "== 2026-Q3")!.lowerBound < result.stdout.range(of: "== 2026-Q4")!.lowerBound)
        let verify = try CLIRunner.run([
            "verify", out.appendingPathComponent("2026-Q4").path,
            "--previous", out.appendingPathComponent("2026-Q3").path, "--allow-unsigned",
        ])
        #expect(verify.status == 0, "\(verify.stdout)")
    }
}

import Foundation
import Testing
import TestSupport

/// `findings --format sarif` on Northwind 2026-Q4 (which has waived findings): valid SARIF 2.1.0,
/// one rule per registry rule, one result per finding, waived ones suppressed.
@Suite struct SARIFOutputTests {
    static let quarter = "evidence/northwind/2026-Q4"
    static let schema = Fixtures.own("sarif/sarif-schema-2.1.0.json")
    static let script = Fixtures.packageRoot.appendingPathComponent("scripts/validate-sarif.py")

    static func sarif() throws -> [String: Any] {
        let result = try CLIRunner.run(["findings", quarter, "--format", "sarif"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ExternalProgram.run(["/usr/bin/env", "python3"] + arguments)
    }

    static let jsonschemaAvailable = (try? python(["-c", "import jsonschema"]))?.status == 0

    @Test func passesTheSARIFSchema() throws {
        guard Self.jsonschemaAvailable else {
            print("SARIF schema check skipped: Python jsonschema is absent (pip install jsonschema)")
            return
        }
        let result = try CLIRunner.run(["findings", Self.quarter, "--format", "sarif"])
        let file = try Fixtures.temporaryFolder("nhi-sarif").appendingPathComponent("findings.sarif")
        try Data(result.stdout.utf8).write(to: file)
        let check = try Self.python([Self.script.path, Self.schema.path, file.path])
        #expect(check.status == 0, "\(check.output)")
        // The check itself catches a broken log: a result without its message is rejected.
        var broken = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        var runs = try #require(broken["runs"] as? [[String: Any]])
        var results = try #require(runs[0]["results"] as? [[String: Any]])
        results[0]["message"] = nil
        results[0]["level"] = "severe"
        runs[0]["results"] = results
        broken["runs"] = runs
        try JSONSerialization.data(withJSONObject: broken).write(to: file)
        #expect(try Self.python([Self.script.path, Self.schema.path, file.path]).status == 1)
    }

    @Test func rulesAndResultsMatchTheFindings() throws {
        let log = try Self.sarif()
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let registry = try CLIRunner.run(["rules", "--format", "json"])
        let registryRules = try #require(
            try JSONSerialization.jsonObject(with: Data(registry.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rules.compactMap { $0["id"] as? String }) == Set(registryRules.compactMap { $0["id"] as? String }))

        let findings = try CLIRunner.run(["findings", Self.quarter, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(findings.stdout.utf8)) as? [String: Any])
        let items = try #require(report["findings"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == items.count)
        #expect(items.contains { $0["waived"] as? Bool == true }, "Northwind 2026-Q4 has a waived finding to check")
        for item in items {
            let id = try #require(item["id"] as? String)
            let result = try #require(
                results.first { ($0["partialFingerprints"] as? [String: String])?["nhiAuditFindingId/v1"] == id })
            #expect(result["ruleId"] as? String == item["rule"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == item["rule"] as? String, "ruleIndex points at the rule")
            let suppressed = (result["suppressions"] as? [[String: Any]])?.first
            #expect((suppressed != nil) == (item["waived"] as? Bool == true), "\(id): suppressed exactly when waived")
            if let suppressed { #expect(suppressed["status"] as? String == "accepted") }
            let level = result["level"] as? String
            switch item["severity"] as? String {
            case "critical", "high": #expect(level == "error")
            case "medium": #expect(level == "warning")
            default: #expect(level == "note")
            }
            let evidence = try #require(item["evidence"] as? [[String: Any]])
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(locations.count == max(evidence.count, 1), "\(id): one location per evidence record, at least one")
            if evidence.isEmpty {
                let artifact =
                    (locations.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
                #expect(
                    artifact?["uri"] as? String == Self.quarter + "/scope.yaml",
                    "\(id): without evidence, at the scope file")
            }
            for (location, ref) in zip(
                locations, evidence.sorted { ($0["file"] as? String ?? "") < ($1["file"] as? String ?? "") })
            {
                let physical = try #require(location["physicalLocation"] as? [String: Any])
                let artifact = try #require(physical["artifactLocation"] as? [String: Any])
                let uri = try #require(artifact["uri"] as? String)
                #expect(uri.hasPrefix(Self.quarter + "/"), "\(uri) is relative to where nhi-audit ran")
                #expect(
                    uri.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._~:/@!$&'()*+,=%".contains($0)) },
                    "\(uri) is a URI reference")
                if let line = ref["line"] as? Int {
                    #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == line)
                }
            }
        }
        let withControls = rules.first {
            ($0["properties"] as? [String: Any]).flatMap { $0["controls"] as? [String] }?.isEmpty == false
        }
        let tags = try #require((withControls?["properties"] as? [String: Any])?["tags"] as? [String])
        #expect(tags.contains { $0.hasPrefix("owasp-nhi") || $0.contains(":") }, "mapped controls are tags")
        let help = try #require((rules.first?["help"] as? [String: Any])?["text"] as? String)
        #expect(help.contains("Why it matters:") && help.contains("Remediation:"))
    }
}

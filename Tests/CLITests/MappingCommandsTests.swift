import Foundation
import NHIDetect
import Testing
import TestSupport

/// validate, frameworks and rules, run through the built executable.
@Suite struct MappingCommandsTests {
    static func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    /// A copy of the shipped mappings whose CSF mapping cites the CSF 1.1 id PR.AC-4.
    static func brokenCopy() throws -> URL {
        let root = try Fixtures.temporaryFolder("nhi-cli-mappings").appendingPathComponent("mappings")
        try FileManager.default.copyItem(at: Fixtures.packageRoot.appendingPathComponent("mappings"), to: root)
        let file = root.appendingPathComponent("frameworks/nist-csf-2.0.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "- control: \"PR.AA-05\"", with: "- control: \"PR.AC-4\"").utf8).write(
            to: file)
        return root
    }

    @Test func validateAcceptsTheShippedMappings() throws {
        let result = try CLIRunner.run(["validate"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("mappings: 4 frameworks"))
        #expect(result.stdout.contains("policy: valid"))
        #expect(result.stdout.contains("authority classes: valid"))
    }

    @Test func validateChecksAnEvidenceFolderAndAPolicyOverride() throws {
        let evidence = Fixtures.own("detect/each-rule").path
        let good = try CLIRunner.run(["validate", evidence])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("evidence:") && good.stdout.contains("0 failed"))

        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let policy = folder.appendingPathComponent("policy.yaml")
        try Data("stale_after_days: 30\nno_such_threshold: 1\n".utf8).write(to: policy)
        try Data("organisation: x\nsources:\n  - {path: trail.json, format: aws-cloudtrail}\n".utf8).write(
            to: folder.appendingPathComponent("scope.yaml"))
        try Data("{\"Records\": [".utf8).write(to: folder.appendingPathComponent("trail.json"))
        let bad = try CLIRunner.run(["validate", folder.path, "--policy", policy.path])
        #expect(bad.status == 2)
        let lines = bad.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.contains { $0.hasPrefix(policy.path + ":2:") && $0.contains("no_such_threshold") }, "\(bad.stderr)")
        #expect(lines.contains { $0.hasPrefix("trail.json:") }, "\(bad.stderr)")
        try Data("hello".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let warned = try CLIRunner.run(["validate", folder.path])
        #expect(
            warned.stdout.contains("warning: notes.txt: skipped: no reader recognises its content"), "\(warned.stdout)")
    }

    /// Waivers and attestations written with the OWASP seed ids are pointed at the catalog's own.
    @Test func validateSuggestsTheRealIdForSeedStyleIdsInTheEvidence() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("organisation: x\n".utf8).write(to: folder.appendingPathComponent("scope.yaml"))
        try Data("# review\n".utf8).write(to: folder.appendingPathComponent("review.md"))
        try Data(
            """
            attestations:
              - controls: ["NHI-01", "PR.AA-05"]
                statement: "Quarterly access review"
                evidence: review.md
                attested_by: ciso@example.com
                attested_at: 2026-12-16
                expires: 2027-06-30

            """.utf8
        ).write(to: folder.appendingPathComponent("attestations.yaml"))
        let result = try CLIRunner.run(["validate", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "warning: attestations.yaml: control \"NHI-01\" is in no catalog (did you mean NHI1:2025?)"),
            "\(result.stdout)")
        #expect(!result.stdout.contains("PR.AA-05\" is in no catalog"))
    }

    @Test func validateRejectsACSF11IdWithOneLinePerProblem() throws {
        let root = try Self.brokenCopy()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let result = try CLIRunner.run(["validate", "--mappings", root.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(
            lines.contains {
                $0.hasSuffix("PR.AC-4 is a withdrawn CSF 1.1 id; use PR.AA-05") && $0.contains("nist-csf-2.0.yaml:")
            })
    }

    @Test func otherCommandsRefuseInvalidMappingsInOneLine() throws {
        let root = try Self.brokenCopy()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let result = try CLIRunner.run(["frameworks", "--mappings", root.path])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("run `nhi-audit validate`"))
    }

    @Test func frameworksJSONReportsCoverage() throws {
        let result = try CLIRunner.run(["frameworks", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let frameworks = try Self.json(result.stdout)
        for framework in frameworks {
            #expect(
                Set(framework.keys) == [
                    "id", "title", "version", "controls", "automated", "manual", "notApplicable", "mappings",
                ])
            let source = try #require(framework["mappings"] as? [String: Any])
            #expect(source["kind"] as? String == "embedded" && source["folder"] == nil)
            #expect((source["sha256"] as? String)?.count == 64)
            let parts = ["automated", "manual", "notApplicable"].compactMap { framework[$0] as? Int }.reduce(0, +)
            #expect(parts == framework["controls"] as? Int)
        }
        let counts = Dictionary(
            uniqueKeysWithValues: frameworks.compactMap { f in
                (f["id"] as? String).map { ($0, f["controls"] as? Int ?? -1) }
            })
        #expect(counts == ["owasp-nhi-2025": 10, "nist-csf-2.0": 106, "nist-sp800-207": 18, "nist-sp800-53r5": 45])
    }

    @Test func frameworksJSONNamesAMappingsFolder() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("mappings").path
        let result = try CLIRunner.run(["frameworks", "--format", "json", "--mappings", folder])
        #expect(result.status == 0, "\(result.stderr)")
        for framework in try Self.json(result.stdout) {
            let source = try #require(framework["mappings"] as? [String: Any])
            #expect(source["kind"] as? String == "folder" && source["folder"] as? String == folder)
        }
    }

    @Test func frameworksTableHasOneRowPerFramework() throws {
        let result = try CLIRunner.run(["frameworks"])
        #expect(result.status == 0)
        let table = result.stdout.components(separatedBy: "\n\nNotes:\n")
        #expect(table.count == 2)
        let lines = table[0].split(separator: "\n")
        #expect(lines.first?.hasPrefix("FRAMEWORK") == true)
        #expect(lines.count == 5)
        #expect(table[1].contains("nist-sp800-207: SP 800-207 defines no control identifiers"))
    }

    @Test func rulesJSONCarriesEveryRuleWithItsControls() throws {
        let result = try CLIRunner.run(["rules", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rules = try Self.json(result.stdout)
        #expect(rules.count == RuleRegistry.rules.count)
        #expect(Set(rules.compactMap { $0["id"] as? String }) == RuleRegistry.ids)
        for rule in rules {
            #expect(
                Set(rule.keys).isSuperset(of: [
                    "id", "title", "severity", "inputs", "rationale", "remediation", "thresholds", "controls",
                ]))
        }
        let longLived = try #require(rules.first { $0["id"] as? String == "long-lived-credential" })
        #expect(longLived["thresholds"] as? [String] == ["credential_max_age_days"])
        let dualUse = try #require(rules.first { $0["id"] as? String == "dual-use-authority" })
        let controls = try #require(dualUse["controls"] as? [String: [String]])
        #expect(Set(controls.keys) == ["owasp-nhi-2025", "nist-csf-2.0", "nist-sp800-207", "nist-sp800-53r5"])
        #expect(controls["owasp-nhi-2025"]?.contains("NHI9:2025") == true)
        #expect(controls["nist-csf-2.0"]?.contains("PR.AA-05") == true)
    }

    @Test func rulesMarkdownIsATableThenOneSectionPerRule() throws {
        let result = try CLIRunner.run(["rules", "--format", "markdown"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("| RULE | SEVERITY | INPUTS |") })
        #expect(
            Set(lines.compactMap { line in RuleRegistry.ids.first { line.hasPrefix("| \($0) | ") } })
                == RuleRegistry.ids)
        #expect(lines.filter { $0.hasPrefix("## ") }.count == RuleRegistry.rules.count)
        #expect(result.stdout.contains("`credential_max_age_days` | 90 |"))
        #expect(result.stdout.contains("`trusted_accounts` | (none) |"))
        #expect(
            result.stdout.contains(
                "| `ci_user_agents` | `*GitHub-Actions*`, `*github-actions*`, `*GitLab-Runner*`, … (12 in all) |"))
    }

    @Test func docsRulesIsCurrent() throws {
        let result = try CLIRunner.run(["rules", "--format", "markdown"])
        let committed = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(
            committed == result.stdout,
            "docs/rules.md is stale: run `swift run nhi-audit rules --format markdown > docs/rules.md`")
    }

    @Test func usageErrorsExitTwoWithOneLine() throws {
        for arguments in [
            ["frameworks", "--format", "xml"], ["rules", "--mappings", "/nonexistent/mappings"],
            ["validate", "--bogus"],
        ] {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
    }

    @Test func defaultMappingsAreFoundFromTheExecutable() throws {
        let elsewhere = try Fixtures.temporaryFolder("nhi-cli-cwd")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let result = try CLIRunner.run(["validate"], currentDirectory: elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
    }
}

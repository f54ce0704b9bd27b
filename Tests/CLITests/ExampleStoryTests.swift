import Foundation
import NHIDetect
import Testing
import TestSupport

/// The example organisation's story, end to end: both quarters pack cleanly, every rule finds
/// something in one of the two quarters, and the Q3 → Q4 diff has a regression, a closed control,
/// resolved findings and the expired waiver (evidence/northwind/README.md is the answer key).
@Suite(.serialized) struct ExampleStoryTests {
    static let quarters = Fixtures.packageRoot.appendingPathComponent("evidence/northwind")

    /// Both quarters packed once, Q4 chained to Q3.
    static let packs: Result<(q3: URL, q4: URL), PackFailure> = {
        do {
            let out = try Fixtures.temporaryFolder("example-story")
            let q3 = out.appendingPathComponent("2026-Q3"), q4 = out.appendingPathComponent("2026-Q4")
            let first = try CLIRunner.run([
                "pack", quarters.appendingPathComponent("2026-Q3").path, "--out", q3.path,
                "--generated-at", "2026-10-01T00:00:00Z",
            ])
            guard first.status == 0 else { return .failure(PackFailure(message: "2026-Q3: \(first.stderr)")) }
            let second = try CLIRunner.run([
                "pack", quarters.appendingPathComponent("2026-Q4").path, "--out", q4.path,
                "--previous", q3.path, "--generated-at", "2027-01-01T00:00:00Z",
            ])
            guard second.status == 0 else { return .failure(PackFailure(message: "2026-Q4: \(second.stderr)")) }
            return .success((q3, q4))
        } catch {
            return .failure(PackFailure(message: "\(error)"))
        }
    }()

    struct PackFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    @Test
    func bothQuartersPackWithNothingRejected() throws {
        let (q3, q4) = try Self.packs.get()
        for pack in [q3, q4] {
            let entries =
                try Self.results(pack)["ledger"].flatMap { ($0 as? [String: Any])?["entries"] as? [[String: Any]] }
                ?? []
            #expect(!entries.isEmpty, "\(pack.lastPathComponent): the ledger lists no files")
            for entry in entries {
                #expect(entry["status"] as? String == "ok", "\(pack.lastPathComponent): \(entry["file"] ?? "?") failed")
                #expect(
                    entry["rejected"] as? Int == 0,
                    "\(pack.lastPathComponent): \(entry["file"] ?? "?") has rejected records")
            }
        }
    }

    /// A real year of remediation leaves some Q3 problems fixed in Q4, so "every rule fires" holds
    /// for the two quarters together.
    @Test
    func everyRuleFindsSomethingInOneOfTheQuarters() throws {
        let (q3, q4) = try Self.packs.get()
        var fired = Set<String>()
        for pack in [q3, q4] {
            let results = try Self.results(pack)
            let rules = Set((results["ruleEvaluations"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
            #expect(
                rules == RuleRegistry.ids,
                "\(pack.lastPathComponent): ruleEvaluations should name every rule of the registry")
            fired.formUnion((results["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
        }
        #expect(RuleRegistry.ids.subtracting(fired).sorted() == [], "rules without a finding in either quarter")
        let q4Fired = Set(
            (try Self.results(q4)["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
        #expect(q4Fired.contains("dual-use-authority"))
    }

    /// The headline incident's scale-only UpdateService (cluster, service, desiredCount) is
    /// operations, so deploy-pipeline's dual use counts all three recovery calls; the Terraform role
    /// that stopped the staging trail is reported for it (README, "Regressed or new").
    @Test
    func q4DualUseCountsTheScaleAndTerraformStoppingTheTrailIsTampering() throws {
        let (_, q4) = try Self.packs.get()
        let findings = try Self.results(q4)["findings"] as? [[String: Any]] ?? []
        let dual = try #require(
            findings.first {
                $0["rule"] as? String == "dual-use-authority"
                    && ($0["subject"] as? String)?.hasSuffix(":role/deploy-pipeline") == true
            })
        let operations = (dual["details"] as? [String: String])?["operations_actions"] ?? ""
        #expect(operations.contains("ecs:UpdateService ×1"), "\(operations)")
        #expect(operations.contains("codedeploy:StopDeployment") && operations.contains("cloudformation:RollbackStack"))
        let tampering = findings.filter { $0["rule"] as? String == "audit-tampering" }
        #expect(tampering.count == 1, "\(tampering)")
        let finding = try #require(tampering.first)
        #expect(finding["subject"] as? String == "arn:aws:iam::444455556666:role/terraform-staging")
        #expect(finding["severity"] as? String == "high")
        let actions = (finding["details"] as? [String: String])?["actions"] ?? ""
        #expect(
            actions.contains("cloudtrail:StopLogging ×1") && actions.contains("cloudtrail:UpdateTrail ×1"), "\(actions)"
        )
        #expect((finding["evidence"] as? [Any])?.count == 2)
    }

    /// Q3's digests verify every log file; in Q4 one production log file was edited after delivery
    /// and the staging trail's stop left days no digest covers.
    @Test
    func logIntegrityHoldsInQ3AndIsBrokenInQ4() throws {
        let (q3, q4) = try Self.packs.get()
        #expect(try Self.findings(q3, rule: "log-integrity").isEmpty)
        let q3Evaluation = try #require(
            (try Self.results(q3)["ruleEvaluations"] as? [[String: Any]])?.first {
                $0["rule"] as? String == "log-integrity"
            })
        #expect(
            (q3Evaluation["missingInputs"] as? [Any])?.isEmpty == true,
            "Q3's digests should let log-integrity be evaluated")
        let problems = try Self.findings(q4, rule: "log-integrity").map {
            ($0["details"] as? [String: String])?["problem"] ?? ""
        }
        #expect(problems.sorted() == ["changed", "digests-missing"])
        let changed = try Self.findings(q4, rule: "log-integrity").first {
            ($0["details"] as? [String: String])?["problem"] == "changed"
        }
        #expect(
            (changed?["details"] as? [String: String])?["files"]?.contains(
                "/CloudTrail/eu-west-1/2026/11/20/111122223333_CloudTrail_") == true)
    }

    /// INC-2026-1105 was reviewed by marco.rossi, who used break-glass in it; Q3's reviewers did not.
    @Test
    func breakGlassSelfReviewOnlyInQ4() throws {
        let (q3, q4) = try Self.packs.get()
        #expect(try Self.findings(q3, rule: "break-glass-self-review").isEmpty)
        #expect(
            try Self.findings(q4, rule: "break-glass-self-review").map { $0["subject"] as? String } == ["INC-2026-1105"]
        )
    }

    /// INC-2026-1019 lists marco.rossi alone; the SRE failover runbook (ops-autoscaler, aisha.khan's)
    /// fails the payments database over inside it. Its later scaling outside every incident stays
    /// with recovery-without-incident.
    @Test
    func q4RecoveryByNonResponder() throws {
        let (q3, q4) = try Self.packs.get()
        #expect(try Self.findings(q3, rule: "recovery-by-non-responder").isEmpty)
        let found = try Self.findings(q4, rule: "recovery-by-non-responder")
        #expect(found.map { $0["subject"] as? String } == ["arn:aws:iam::111122223333:role/ops-autoscaler"])
        let details = try #require(found.first?["details"] as? [String: String])
        #expect(details["incident"] == "INC-2026-1019")
        #expect(details["actions"] == "rds:FailoverDBCluster ×1")
        #expect(details["owner"] == "aisha.khan@northwind.example")
        let withoutIncident = try Self.findings(q4, rule: "recovery-without-incident").compactMap {
            $0["subject"] as? String
        }
        #expect(
            withoutIncident.sorted() == [
                "arn:aws:iam::111122223333:role/contractor-migration", "arn:aws:iam::111122223333:role/ops-autoscaler",
            ])
    }

    /// In Q4 ops-autoscaler's trust admits deploy-pipeline: the pipeline that ships payments can
    /// operate production through the runbook role. Q3's trust admitted only Lambda, and
    /// break-glass-admin's trust admits only the engineers' SSO role, whatever AdministratorAccess allows.
    @Test
    func q4DeployPipelineCanOperateThroughTheRunbookRole() throws {
        let (q3, q4) = try Self.packs.get()
        #expect(try Self.findings(q3, rule: "dual-use-through-assumed-role").isEmpty)
        let found = try Self.findings(q4, rule: "dual-use-through-assumed-role")
        #expect(found.map { $0["subject"] as? String } == ["arn:aws:iam::111122223333:role/deploy-pipeline"])
        let details = try #require(found.first?["details"] as? [String: String])
        #expect(details["chain"] == "deploy-pipeline → ops-autoscaler")
        #expect(details["trusts"] == "ops-autoscaler trusts arn:aws:iam::111122223333:role/ci/deploy-pipeline")
        #expect(details["operations_actions"]?.contains("rds:FailoverDBCluster ×1") == true, "\(details)")
    }

    /// The Q4 report draws the headline incident: deploy-pipeline's release before the declaration
    /// and its three recovery calls inside it on one row; the accountability table says the
    /// production CloudTrail has a changed log file.
    @Test
    func q4ReportDrawsTheHeadlineIncidentAndAccountability() throws {
        let (_, q4) = try Self.packs.get()
        let html = try String(contentsOf: q4.appendingPathComponent("index.html"), encoding: .utf8)
        let figure = try #require(
            html.range(of: "id=\"timeline-incident-INC-2026-1105\"").map { html[$0.lowerBound...] })
        let svg = String(figure[..<figure.range(of: "</svg>")!.upperBound])
        #expect(
            svg.contains("deploy-pipeline: cloudformation:UpdateStack (delivery)"), "the release before the incident")
        for action in ["ecs:UpdateService", "codedeploy:StopDeployment", "cloudformation:RollbackStack"] {
            #expect(svg.contains("deploy-pipeline: \(action) (operations)"), "\(action) missing")
        }
        #expect(html.contains("id=\"timeline-incident-INC-2026-1019\""))
        #expect(html.contains("Not named by the record: <bdi>ops-autoscaler</bdi>"))
        #expect(html.contains(" log files verified by a signed digest; 1 changed after delivery"))
        // Beyond the authority table's first page: in its data, flagged (the script shows the flags).
        let open = try #require(html.range(of: "<script type=\"application/json\" id=\"authority-data\">"))
        let close = try #require(html[open.upperBound...].range(of: "</script>"))
        let data = try #require(
            try JSONSerialization.jsonObject(with: Data(html[open.upperBound..<close.lowerBound].utf8))
                as? [String: Any])
        let contractor = try #require(
            (data["rows"] as? [[Any]])?.first { $0[1] as? String == "arn:aws:iam::777766665555:root" },
            "the contractor account's root is shown, not dropped")
        #expect(contractor[10] as? Int == 1 && contractor[11] as? Int == 1, "not in any inventory, outside the scope")
    }

    static func findings(_ pack: URL, rule: String) throws -> [[String: Any]] {
        (try results(pack)["findings"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == rule }
    }

    /// The fake secret values in the example's gitleaks report (evidence/northwind/README.md).
    static let leakedSecrets = [
        "nwfFAKEsecretBUILDcacheSYNC000000000000L0",
        "nwfFAKEsecretREPORTINGexport0000000000L1",
        "nwfFAKEsecretSTAGINGartifacts0000000000L3",
        "ghp_svcNorthwindCiClassicTokenExample0000",
    ]

    @Test
    func noSecretValueReachesAnyOutput() throws {
        let (q3, q4) = try Self.packs.get()
        let report = try String(
            contentsOf: Self.quarters.appendingPathComponent("2026-Q4/scanners/gitleaks.json"), encoding: .utf8)
        for secret in Self.leakedSecrets {
            #expect(report.contains(secret), "the fixture no longer holds \(secret): update the list")
        }
        var checked = 0
        for pack in [q3, q4] {
            let enumerator = FileManager.default.enumerator(at: pack, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard let data = try? Data(contentsOf: url), !data.isEmpty else { continue }
                let text = String(decoding: data, as: UTF8.self)
                for secret in Self.leakedSecrets {
                    #expect(!text.contains(secret), "\(url.path) contains a secret value")
                }
                checked += 1
            }
        }
        #expect(checked >= 12)
        let inventory = try CLIRunner.run([
            "inventory", Self.quarters.appendingPathComponent("2026-Q4").path, "--format", "json",
        ])
        for secret in Self.leakedSecrets { #expect(!inventory.stdout.contains(secret)) }
    }

    @Test
    func quarterDiffShowsRegressionResolutionAndExpiredWaiver() throws {
        let (q3, q4) = try Self.packs.get()
        let run = try CLIRunner.run(["diff", q3.path, q4.path, "--format", "json"])
        try #require(run.status == 0, "diff failed: \(run.stderr)")
        let diff = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let controls = diff["controls"] as? [String: Any] ?? [:]
        let findings = diff["findings"] as? [String: Any] ?? [:]
        let waivers = diff["waivers"] as? [String: Any] ?? [:]
        #expect((controls["regressed"] as? [Any])?.isEmpty == false, "no control regressed from Q3 to Q4")
        #expect(
            (controls["closed"] as? [Any])?.isEmpty == false,
            "no control closed (not-satisfied → satisfied) from Q3 to Q4")
        #expect((findings["resolved"] as? [Any])?.isEmpty == false, "no finding was resolved from Q3 to Q4")
        let expired = try JSONSerialization.data(withJSONObject: waivers["expired"] ?? [])
        #expect(
            String(decoding: expired, as: UTF8.self).contains("WVR-2026-012"),
            "waiver WVR-2026-012 should be listed as expired")
    }

    static func results(_ pack: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: pack.appendingPathComponent("results.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

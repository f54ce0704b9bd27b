import Foundation
import NHIDetect
import NHIModel
import Testing
import TestSupport

/// End to end: `nhi-audit findings` on Tests/Fixtures/detect/each-rule, where each rule fires once
/// (log-integrity has no CloudTrail digests there, so it is not evaluated; Tests/NHICollectTests
/// CloudTrailDigestTests check digests end to end through the collector):
///
/// | rule | identity (account 111122223333 unless noted) |
/// |---|---|
/// | dual-use-authority | role/admin-automation: UpdateStack in CHG-1, SetDesiredCapacity during INC-1 |
/// | dual-use-through-assumed-role | role/admin-automation: may assume role/ops (AdministratorAccess, ops trusts the account), which scaled production |
/// | latent-dual-use | role/release: holds ecs:*, only registered a task definition |
/// | self-approved-change | CHG-3, approved by dana, executed by role/release which dana owns |
/// | unapproved-production-change | role/hotfix: Lambda code outside every change window |
/// | recovery-without-incident | role/ops: SetDesiredCapacity with no incident or change |
/// | recovery-by-non-responder | role/reporter: SetDesiredCapacity during INC-1, whose responders are lee and admin-automation |
/// | break-glass-standing-access | user/break-glass-admin (owners.csv purpose): active access key |
/// | break-glass-unreviewed | user/break-glass-admin: used during INC-2, reviewed three weeks late |
/// | break-glass-self-review | INC-2: reviewed by lee, owner of user/break-glass-admin |
/// | purpose-drift | role/admin-automation: declared delivery, SetDesiredCapacity during INC-1 |
/// | stale-identity | role/old-batch: last used in May |
/// | unowned-identity | role/orphan: not in owners.csv |
/// | shadow-identity | role/ghost-migrator: only in CloudTrail |
/// | long-lived-credential | user/legacy-sync: key last rotated 2025-06-01 |
/// | overprivileged-identity | role/admin-automation: AdministratorAccess |
/// | unused-permissions | role/reporter: never used sqs |
/// | cross-environment-reuse | role/shared-ci: production and staging |
/// | human-use-of-nhi | role/etl: Safari user agent |
/// | static-ci-credentials | user/ci-deployer: GitHub Actions with an AKIA key |
/// | loose-oidc-trust | role/release: sub repo:detect/* |
/// | leaked-active-secret | user/ci-deployer: its key is in the gitleaks report |
/// | third-party-trust | role/vendor-audit: account 999988887777 without external id |
/// | audit-coverage-gap | sandbox: no audit source |
/// | nhi-reuse | user/ci-deployer: its key called from GitHub Actions and from Jenkins |
/// | audit-tampering | role/monitor (staging, 444455556666): StopLogging |
/// | root-account-use | root: active access key |
/// | console-user-with-access-keys | user/ops-alice: password without MFA and an active key |
///
/// and privilege-escalation three times: role/admin-automation (AdministratorAccess), role/hotfix
/// (lambda:UpdateFunctionCode), user/break-glass-admin (iam:CreateAccessKey on other users).
@Suite struct FindingsCommandTests {
    static let folder = Fixtures.own("detect/each-rule")
    static let mappings = Fixtures.packageRoot.appendingPathComponent("mappings").path

    struct Report: Decodable {
        struct Item: Decodable {
            var id: String; var rule: String; var severity: String; var subject: String; var waived: Bool
        }
        struct ControlItem: Decodable { var id: String; var status: String; var missingInputs: [String] }
        struct NotEvaluated: Decodable {
            var rule: String; var state: String; var missingInputs: [String]; var uncovered: [String]
        }
        var findings: [Item]
        var controls: [String: [ControlItem]]
        var notEvaluated: [NotEvaluated]
    }

    func findings(_ arguments: [String]) throws -> (CLIRunner.Result, Report?) {
        let result = try CLIRunner.run(["findings"] + arguments + ["--mappings", Self.mappings])
        let report = try? JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        return (result, report)
    }

    /// A copy of the fixture folder to add or remove files in.
    func copy(removing: [String] = [], adding: [String: String] = [:]) throws -> URL {
        let target = try Fixtures.temporaryFolder().appendingPathComponent("evidence")
        try FileManager.default.copyItem(at: Self.folder, to: target)
        for path in removing { try FileManager.default.removeItem(at: target.appendingPathComponent(path)) }
        for (path, text) in adding {
            try text.write(to: target.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        return target
    }

    @Test
    func eachRuleFiresOnce() throws {
        let (result, report) = try findings([Self.folder.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let parsed = try #require(report)
        var perRule: [String: Int] = [:]
        for finding in parsed.findings { perRule[finding.rule, default: 0] += 1 }
        for rule in RuleRegistry.ids.sorted() where !["log-integrity", "privilege-escalation"].contains(rule) {
            #expect(perRule[rule] == 1, "\(rule): \(perRule[rule] ?? 0) findings")
        }
        #expect(
            Set(parsed.findings.filter { $0.rule == "privilege-escalation" }.map(\.subject))
                == [
                    "arn:aws:iam::111122223333:role/admin-automation", "arn:aws:iam::111122223333:role/hotfix",
                    "arn:aws:iam::111122223333:user/break-glass-admin",
                ])
        // Without digest files the logs' integrity is unknown: not evaluated, never passed.
        #expect(parsed.notEvaluated.first { $0.rule == "log-integrity" }?.missingInputs == ["log-digests"])
        // The sandbox account is declared without any evidence (which is how audit-coverage-gap
        // fires), so every rule judging identities ran on part of the scope only, and says so.
        for evaluation in parsed.notEvaluated where evaluation.rule != "log-integrity" {
            #expect(evaluation.state == "partially-evaluated", "\(evaluation.rule): \(evaluation.state)")
            #expect(
                evaluation.uncovered.count == 1
                    && evaluation.uncovered[0].hasPrefix("AWS account 777788889999 in sandbox: no "),
                "\(evaluation.rule): \(evaluation.uncovered)")
        }
        #expect(!parsed.notEvaluated.contains { $0.rule == "audit-coverage-gap" })
        let dual = try #require(parsed.findings.first { $0.rule == "dual-use-authority" })
        #expect(dual.subject == "arn:aws:iam::111122223333:role/admin-automation")
        #expect(dual.id.range(of: "^NHI-[0-9a-f]{12}$", options: .regularExpression) != nil)
        #expect(parsed.controls.values.flatMap { $0 }.contains { $0.status == "not-satisfied" })
    }

    /// A gitleaks report holding a classic GitHub token nobody can tie to an identity and a PEM
    /// private key: both are findings, so the secret-leakage risk is not satisfied.
    @Test
    func githubTokenAndPrivateKeyLeaksLeaveNHI2NotSatisfied() throws {
        let report = """
            [
             {"RuleID": "github-pat", "File": "tools/release.sh", "StartLine": 7, "Commit": "9a8b7c",
              "Match": "GITHUB_TOKEN=ghp_e2eFIXTUREe2eFIXTUREe2eFIXTURE012345", "Secret": "ghp_e2eFIXTUREe2eFIXTUREe2eFIXTURE012345"},
             {"RuleID": "private-key", "File": "keys/deploy.pem", "StartLine": 1, "Commit": "9a8b7c",
              "Match": "-----BEGIN RSA PRIVATE KEY-----", "Secret": "-----BEGIN RSA PRIVATE KEY-----\\nMIIEfixture\\n-----END RSA PRIVATE KEY-----"}
            ]
            """
        let evidence = try copy(adding: ["scanners/gitleaks.json": report])
        let (result, parsed) = try findings([evidence.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let outcome = try #require(parsed)
        let leaks = outcome.findings.filter { $0.rule == "leaked-active-secret" }
        #expect(leaks.map(\.severity).sorted() == ["high", "medium"], "\(leaks)")
        let nhi2 = try #require(outcome.controls["owasp-nhi-2025"]?.first { $0.id == "NHI2:2025" })
        #expect(nhi2.status == "not-satisfied")
        #expect(!result.stdout.contains("ghp_e2eFIXTURE"), "the token reached the output")
        #expect(!result.stdout.contains("MIIEfixture"), "the key reached the output")
    }

    @Test
    func findingIdsAreStableAcrossRuns() throws {
        let first = try #require(try findings([Self.folder.path, "--format", "json"]).1)
        let second = try #require(try findings([Self.folder.path, "--format", "json"]).1)
        #expect(first.findings.map(\.id) == second.findings.map(\.id))
    }

    @Test
    func tableListsFindingsControlsAndNotEvaluated() throws {
        let evidence = try copy(removing: ["aws/cloudtrail"])
        let result = try CLIRunner.run(["findings", evidence.path, "--mappings", Self.mappings])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Findings: "))
        #expect(result.stdout.contains("\nCRITICAL (") || result.stdout.contains("\nHIGH ("))
        #expect(result.stdout.contains("\nControls\n"))
        #expect(
            result.stdout.contains("\nNot evaluated or partially evaluated\n  audit-coverage-gap: missing audit-log"))
    }

    @Test
    func tableNamesWhoMadeEachUnclassifiedCall() throws {
        let event =
            #"{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:automation","arn":"arn:aws:sts::111122223333:assumed-role/monitor/automation","accountId":"111122223333","accessKeyId":"ASIA0000000000000001","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111122223333:role/monitor","accountId":"111122223333","userName":"monitor"}}},"eventTime":"2026-11-02T10:00:00Z","eventSource":"sqs.amazonaws.com","eventName":"PurgeQueue","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.10","userAgent":"aws-cli/2.15.0","requestParameters":{"queueUrl":"q"},"eventID":"00000000-0000-0000-0000-000000000901","readOnly":false,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}"#
        let evidence = try copy(adding: ["aws/cloudtrail/extra.jsonl": event + "\n"])
        let result = try CLIRunner.run(["findings", evidence.path, "--mappings", Self.mappings])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("  aws sqs:PurgeQueue ×1 by arn:aws:iam::111122223333:role/monitor\n"),
            "\(result.stdout)")
    }

    @Test
    func folderWithoutAuditLogShowsWhichControlsAreNotAssessed() throws {
        let evidence = try copy(removing: ["aws/cloudtrail"])
        let (result, report) = try findings([evidence.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let parsed = try #require(report)
        let notEvaluated = Dictionary(uniqueKeysWithValues: parsed.notEvaluated.map { ($0.rule, $0) })
        #expect(notEvaluated["dual-use-authority"]?.missingInputs == ["audit-log"])
        #expect(notEvaluated["recovery-without-incident"]?.missingInputs == ["audit-log"])
        // It ran (on every account but the sandbox, declared without evidence).
        #expect(notEvaluated["latent-dual-use"]?.state == "partially-evaluated")
        #expect(notEvaluated["latent-dual-use"]?.missingInputs == [])
        let controls = parsed.controls.values.flatMap { $0 }
        #expect(controls.contains { $0.status == "not-assessed" && $0.missingInputs == ["audit-log"] })
        #expect(!controls.contains { $0.status == "satisfied" && $0.missingInputs.contains("audit-log") })
        #expect(!parsed.findings.contains { $0.rule == "dual-use-authority" })
    }

    @Test
    func failOnSetsTheExitCode() throws {
        #expect(try findings([Self.folder.path, "--fail-on", "critical"]).0.status == 1)
        #expect(try findings([Self.folder.path, "--fail-on", "none"]).0.status == 0)
        #expect(try findings([Self.folder.path]).0.status == 0)
    }

    @Test
    func waiversAreAppliedAndExpiredOnesKeepFindingsOpen() throws {
        let evidence = try copy(adding: [
            "waivers.yaml": """
            waivers:
              - id: WVR-1
                rule: unused-permissions
                identity: "arn:aws:iam::111122223333:role/reporter"
                justification: Quarterly export job
                owner: kim@detect.example
                approved_by: lee@detect.example
                expires: 2027-03-31
              - id: WVR-2
                rule: stale-identity
                identity: "arn:aws:iam::111122223333:role/old-*"
                justification: Decommissioning
                owner: kim@detect.example
                approved_by: lee@detect.example
                expires: 2026-12-31
            """
        ])
        let report = try #require(try findings([evidence.path, "--format", "json"]).1)
        #expect(report.findings.first { $0.rule == "unused-permissions" }?.waived == true)
        #expect(report.findings.first { $0.rule == "stale-identity" }?.waived == false)
    }

    @Test
    func policyOverrideChangesThresholds() throws {
        let policy = try Fixtures.temporaryFolder().appendingPathComponent("policy.yaml")
        try "credential_max_age_days: 800\n".write(to: policy, atomically: true, encoding: .utf8)
        let report = try #require(try findings([Self.folder.path, "--format", "json", "--policy", policy.path]).1)
        #expect(!report.findings.contains { $0.rule == "long-lived-credential" })
    }

    @Test func unknownPolicyKeyExitsTwoNamingFileAndLine() throws {
        let policy = try Fixtures.temporaryFolder().appendingPathComponent("policy.yaml")
        try "stale_after_days: 30\nmax_age: 1\n".write(to: policy, atomically: true, encoding: .utf8)
        let (result, _) = try findings([Self.folder.path, "--policy", policy.path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(policy.path):2:1: unknown key \"max_age\""))
        #expect(result.stdout.isEmpty)
    }

    @Test func missingEvidenceFolderExitsTwo() throws {
        let (result, _) = try findings(["/nonexistent/evidence"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("/nonexistent/evidence: evidence folder not found"))
    }

    @Test
    func attestationLeavingTheFolderExitsTwo() throws {
        let evidence = try copy(adding: [
            "attestations.yaml": """
            attestations:
              - controls: [GV.RR-02]
                statement: s
                evidence: ../../etc/passwd
                attested_by: ciso@detect.example
                attested_at: 2026-12-15
            """
        ])
        let (result, _) = try findings([evidence.path])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "attestations.yaml:4:15: evidence file \"../../etc/passwd\" leaves the evidence folder"))
        #expect(result.stdout.isEmpty)
    }
}

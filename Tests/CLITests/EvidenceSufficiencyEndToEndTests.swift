import Foundation
import NHIModel
import Testing
import TestSupport

/// End to end: a control is satisfied only on evidence that covers the declared scope, an input
/// counts only when it contributed, and the policy's silencing overrides and audit gap reach the run.
@Suite struct EvidenceSufficiencyEndToEndTests {
    static let mappings = Fixtures.packageRoot.appendingPathComponent("mappings").path

    static let credentialHeader =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

    /// One credential-report row (a recently rotated, recently used key) and its owner.
    static let thinFiles: [String: String] = [
        "credential-report.csv": credentialHeader + "\n"
            + "ci-sync,arn:aws:iam::111122223333:user/ci-sync,2026-09-01T10:00:00+00:00,false,N/A,N/A,N/A,false,true,2026-11-01T09:00:00+00:00,2026-12-20T10:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n",
        "owners.csv":
            "identity,owner,team,purpose,environment\nci-sync,dana@thin.example,platform,integration,production\n",
    ]

    static let thinScope = """
        organisation: Thin
        period: {start: 2026-10-01, end: 2026-12-31}
        environments:
          - name: production
            production: true
            aws_accounts: ["111122223333"]
            kubernetes: ["prod-eu-1"]
            github: ["thin/payments:production"]
        """

    static func folder(_ files: [String: String], scope: String?) throws -> URL {
        let folder = try Fixtures.temporaryFolder().appendingPathComponent("evidence")
        for (path, text) in files.merging(
            scope.map { ["scope.yaml": $0] } ?? [:], uniquingKeysWith: { first, _ in first })
        {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    /// results.json of a pack built from `folder`.
    static func pack(_ folder: URL, extra: [String] = []) throws -> ResultsDocument {
        try packWithFolder(folder, extra: extra).doc
    }

    static func packWithFolder(_ folder: URL, extra: [String] = []) throws -> (doc: ResultsDocument, pack: URL) {
        let out = try Fixtures.temporaryFolder().appendingPathComponent("pack")
        let run = try CLIRunner.run(
            [
                "pack", folder.path, "--out", out.path, "--mappings", mappings,
                "--generated-at", "2027-01-05T00:00:00Z",
            ] + extra)
        try #require(run.status == 0, "pack failed: \(run.stderr)")
        let doc = try NHIJSON.decoder().decode(
            ResultsDocument.self, from: Data(contentsOf: out.appendingPathComponent("results.json")))
        return (doc, out)
    }

    static func control(_ doc: ResultsDocument, _ framework: String, _ id: String) throws -> ControlResult {
        try #require(doc.frameworks.first { $0.framework == framework }?.controls.first { $0.id == id })
    }

    /// One credential-report row and owners.csv, in a scope that also declares a Kubernetes
    /// cluster and a GitHub repository: nothing about those identities was read, so nothing is satisfied.
    @Test func thinEvidenceGivesNoSatisfiedControl() throws {
        let (doc, pack) = try Self.packWithFolder(Self.folder(Self.thinFiles, scope: Self.thinScope))
        let satisfied = doc.frameworks.flatMap { framework in
            framework.controls.filter { $0.status == .satisfied }.map { "\(framework.framework) \($0.id)" }
        }
        #expect(satisfied.isEmpty, "satisfied on thin evidence: \(satisfied)")
        for (framework, id) in [
            ("owasp-nhi-2025", "NHI1:2025"), ("owasp-nhi-2025", "NHI7:2025"), ("nist-csf-2.0", "ID.AM-08"),
            ("nist-sp800-53r5", "AC-2(2)"), ("nist-sp800-53r5", "AC-2(3)"), ("nist-sp800-53r5", "IA-13(3)"),
        ] {
            let control = try Self.control(doc, framework, id)
            #expect(control.status == .partiallyAssessed, "\(framework) \(id): \(control.status)")
            #expect(
                control.uncovered.contains { $0.hasPrefix("Kubernetes cluster prod-eu-1") },
                "\(id): \(control.uncovered)")
            #expect(
                control.uncovered.contains { $0.hasPrefix("GitHub repository thin/payments:production") },
                "\(id): \(control.uncovered)")
        }
        let unowned = try #require(doc.ruleEvaluations.first { $0.rule == "unowned-identity" })
        #expect(unowned.state == .partiallyEvaluated)
        // The cover's table: per declared target, what evidence covered it.
        let coverage = try #require(doc.coverage)
        #expect(coverage.map(\.target) == ["111122223333", "prod-eu-1", "thin/payments:production"])
        #expect(coverage[0].inputs == [.inventory] && coverage[0].missing == [.auditLog, .entitlements])
        #expect(coverage[1].inputs.isEmpty && coverage[2].inputs.isEmpty)
        let html = try String(contentsOf: pack.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(
            html.contains(
                "<td>production</td><td>kubernetes prod-eu-1</td><td>none</td><td><strong>audit-log, entitlements, inventory</strong></td>"
            ))
        #expect(
            html.contains(
                "Not covered by the evidence: <span class=\"tag\">GitHub repository thin/payments:production in production: no inventory</span> <span class=\"tag\">Kubernetes cluster prod-eu-1 in production: no inventory</span>"
            ))
        let xml = try String(contentsOf: pack.appendingPathComponent("evidence-pack.xml"), encoding: .utf8)
        #expect(xml.contains("<uncovered>Kubernetes cluster prod-eu-1 in production: no inventory</uncovered>"))
        #expect(
            xml.contains("<target environment=\"production\" platform=\"github\" name=\"thin/payments:production\">"))
    }

    /// The same evidence with a scope of the one AWS account: the inventory rules are fully
    /// evaluated, and a satisfied control names the population it rests on.
    @Test func coveredScopeSatisfiesAndNamesThePopulation() throws {
        let scope = """
            organisation: Thin
            period: {start: 2026-10-01, end: 2026-12-31}
            environments:
              - {name: production, production: true, aws_accounts: ["111122223333"]}
            """
        let folder = try Self.folder(Self.thinFiles, scope: scope)
        let (doc, pack) = try Self.packWithFolder(folder)
        let control = try Self.control(doc, "nist-sp800-53r5", "IA-13(3)")
        #expect(control.status == .satisfied)
        #expect(control.population?.summary == "1 non-human identities, 1 credentials from credential-report.csv")
        let html = try String(contentsOf: pack.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("no exception found in 1 non-human identities, 1 credentials from credential-report.csv"))
        let xml = try String(contentsOf: pack.appendingPathComponent("evidence-pack.xml"), encoding: .utf8)
        let population =
            "<population><count what=\"non-human identities\" count=\"1\"/><count what=\"credentials\" count=\"1\"/><source>credential-report.csv</source>"
        #expect(xml.contains(population))

        let table = try CLIRunner.run(["findings", folder.path, "--mappings", Self.mappings])
        #expect(table.stdout.contains("Satisfied: no exception found in the evaluated population"))
        #expect(
            table.stdout.contains(
                "nist-sp800-53r5 IA-13(3): 1 non-human identities, 1 credentials from credential-report.csv"))
        #expect(table.stdout.contains("production  aws 111122223333: inventory; missing audit-log, entitlements"))
    }

    /// An owners.csv with a header only, or whose every row is rejected, does not make the rules
    /// needing owners evaluated; the ledger and the rule's state say why.
    @Test(arguments: [
        ("identity,owner,team,purpose,environment\n", "contributed nothing: the file holds no records"),
        ("identity,owner,team,purpose,environment\n,,,,\n", "contributed nothing: every record (1) was rejected"),
    ])
    func anInputThatContributedNothingIsAbsent(owners: String, reason: String) throws {
        var files = Self.thinFiles
        files["owners.csv"] = owners
        let folder = try Self.folder(files, scope: nil)
        let doc = try Self.pack(folder)
        let entry = try #require(doc.ledger.entries.first { $0.file == "owners.csv" })
        #expect(entry.notes.contains(reason))
        let unowned = try #require(doc.ruleEvaluations.first { $0.rule == "unowned-identity" })
        #expect(unowned.state == .notEvaluated && unowned.missingInputs == [.owners])
        #expect(unowned.reasons == ["owners: owners.csv \(reason)"])
        #expect(try Self.control(doc, "owasp-nhi-2025", "NHI1:2025").status != .satisfied)

        let table = try CLIRunner.run(["findings", folder.path, "--mappings", Self.mappings])
        #expect(table.stdout.contains("unowned-identity: missing owners\n      owners: owners.csv \(reason)"))
    }

    /// The policy's audit_gap_hours reaches collection: below the default 24 it finds shorter gaps.
    @Test func auditGapHoursBelowTheDefaultFindsShorterGaps() throws {
        // Events every hour of 2026-10-01 except 06:00–16:00.
        let hours = Array(0...5) + Array(16...23)
        let records = hours.map { hour in
            """
            {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/ci-sync","accountId":"111122223333","accessKeyId":"AKIAEXAMPLE1"},"eventTime":"2026-10-01T\(String(format: "%02d", hour)):30:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.10","userAgent":"aws-cli/2.15.0","requestParameters":null,"responseElements":null,"requestID":"req-\(hour)","eventID":"00000000-0000-0000-0000-0000000000\(String(format: "%02d", hour))","eventType":"AwsApiCall","recipientAccountId":"111122223333","readOnly":true}
            """
        }
        let scope = """
            organisation: Gap
            period: {start: 2026-10-01, end: 2026-10-01}
            environments:
              - {name: production, production: true, aws_accounts: ["111122223333"]}
            """
        let folder = try Self.folder(
            ["cloudtrail.json": "{\"Records\":[\(records.joined(separator: ","))]}"], scope: scope)
        let policy = folder.deletingLastPathComponent().appendingPathComponent("policy.yaml")
        try Data("audit_gap_hours: 6\n".utf8).write(to: policy)

        let strict = try Self.pack(folder, extra: ["--policy", policy.path])
        let gap = try #require(strict.findings.first { $0.rule == "audit-coverage-gap" })
        #expect(
            gap.details["problems"]?.contains("no events from 2026-10-01T06:00:00Z to 2026-10-01T16:00:00Z") == true)
        let lenient = try Self.pack(folder)
        #expect(!lenient.findings.contains { $0.rule == "audit-coverage-gap" })
    }

    /// Overrides that silence rules get a notice, as loosened thresholds do.
    @Test func policyListsThatSilenceRulesAreNoticed() throws {
        let folder = try Self.folder(Self.thinFiles, scope: nil)
        let policy = folder.deletingLastPathComponent().appendingPathComponent("silence.yaml")
        try Data(
            """
            oidc_providers: []
            ci_user_agents: []
            admin_policy_names: []
            kubectl_user_agents: ["nothing-like-kubectl"]
            interactive_user_agents: ["Mozilla/5.0*"]
            trusted_accounts: []
            """.utf8
        ).write(to: policy)
        let notices = try Self.pack(folder, extra: ["--policy", policy.path]).notices
        for key in ["oidc_providers", "ci_user_agents", "admin_policy_names"] {
            #expect(
                notices.contains { $0.contains("silence.yaml: \(key) = [] empties the default list") },
                "\(key): \(notices)")
        }
        let kubectl = try #require(
            notices.first {
                $0.contains("kubectl_user_agents = [nothing-like-kubectl] matches none of the default entries")
            })
        #expect(kubectl.contains("(rules human-use-of-nhi)"))
        let oidc = try #require(notices.first { $0.contains("oidc_providers = []") })
        #expect(oidc.contains("loose-oidc-trust") && oidc.contains("owasp-nhi-2025"))
        // Narrowed but still overlapping the defaults, and trusted_accounts (empty is its default): no notice.
        #expect(!notices.contains { $0.contains("interactive_user_agents") || $0.contains("trusted_accounts") })
    }
}

import Foundation
import NHIFiles
import NHIModel
import NHIPack
import TestSupport

/// A realistic results document built by hand (collect/detect/assess are built elsewhere):
/// four frameworks, all seven control statuses, findings with evidence, active and expired
/// waivers, a ledger with rejections, authority rows with dual use, and hostile strings in
/// identity names, tags and user agents.
enum SampleResults {
    static let script = "<script>alert(1)</script>"
    /// Markup, both quote kinds, an ampersand and a C0 control character (U+0001).
    static let hostile = "\(script) \"dq\" 'sq' R&D \u{1}end"
    static let hostileIdentity = "arn:aws:iam::111122223333:role/\(hostile)"
    static let deployRole = "arn:aws:iam::111122223333:role/deploy"
    static let breakGlass = "k8s:prod-eu:serviceaccount:ops:break-glass"
    static let generatedAt = ISO8601.parse("2026-10-01T12:00:00Z")!

    static let files: [String: String] = [
        "aws/cloudtrail/2026-09.json": #"{"Records":[{"eventName":"UpdateStack"},{"eventName":"SetDesiredCapacity"}]}"#
            + "\n",
        "aws/credential-report.csv": "user,arn,access_key_1_active\nci,arn:aws:iam::111122223333:user/ci,true\n",
        "k8s/audit.log": #"{"verb":"update","objectRef":{"resource":"deployments","subresource":"scale"}}"# + "\n",
        "owners.csv": "identity,owner,team,purpose\ndeploy,platform,platform,delivery\n",
        "waivers.yaml": "- rule: unowned-identity\n  identity: legacy-*\n",
        "notes/README.txt": "exported by hand\n",
    ]

    static func sha(_ path: String) -> String { SHA256Hex.of(Data(files[path]!.utf8)) }

    /// Writes the sample evidence files into `folder` and returns them as pack inputs.
    static func inputs(in folder: URL) throws -> [PackInput] {
        try files.keys.sorted().map { path in
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(files[path]!.utf8).write(to: url)
            let digest = try SHA256Hex.ofFile(url)
            return PackInput(path: path, url: url, sha256: digest.sha256, size: digest.size)
        }
    }

    /// A policy whose `credential_max_age_days` (120) differs from the default, so that the report
    /// must show the value in force.
    static var longerMaxAge: Policy {
        var policy = Policy.defaults
        policy.credentialMaxAgeDays = 120
        return policy
    }

    static func options(force: Bool = false, afterWrite: (@Sendable (String) throws -> Void)? = nil) -> PackOptions {
        PackOptions(
            force: force, toolVersion: "0.1.0", mappingDigest: String(repeating: "a", count: 64),
            policyDigest: String(repeating: "b", count: 64),
            templatesDefault: Fixtures.packageRoot.appendingPathComponent("templates"),
            rules: [
                PackRule(
                    RuleDescriptor(
                        id: "dual-use-authority", title: "Identity both delivers and operates production",
                        severity: .critical, inputs: [.auditLog]), policy: .defaults),
                PackRule(
                    RuleDescriptor(
                        id: "long-lived-credential", title: "Key older than policy allows", severity: .high,
                        inputs: [.inventory],
                        thresholds: Policy.settings.filter { $0.key == "credential_max_age_days" }),
                    policy: longerMaxAge),
                PackRule(
                    RuleDescriptor(
                        id: "self-approved-change", title: "Change approved by its executor", severity: .high,
                        inputs: [.changes]), policy: .defaults),
                PackRule(
                    RuleDescriptor(
                        id: "leaked-active-secret", title: "Leaked secret still active", severity: .critical,
                        inputs: [.scannerReport, .inventory]), policy: .defaults),
            ],
            afterWrite: afterWrite
        )
    }

    static func document() -> ResultsDocument {
        ResultsDocument(
            tool: .init(name: "nhi-audit", version: "0.1.0"),
            generatedAt: generatedAt,
            scope: Scope(
                organisation: "Example & Co \(script)",
                periodStart: ISO8601.parse("2026-07-01"), periodEnd: ISO8601.parse("2026-09-30"),
                environments: [
                    EnvironmentScope(
                        name: "prod", production: true, awsAccounts: ["111122223333"], kubernetes: ["prod-eu"]),
                    EnvironmentScope(
                        name: "staging", production: false, awsAccounts: ["444455556666"],
                        github: ["example/app:staging"]),
                ],
                declared: true
            ),
            mappingDigest: String(repeating: "a", count: 64), policyDigest: String(repeating: "b", count: 64),
            metrics: Metrics(
                nhisInScope: 12, owned: 9, overPrivileged: 3, credentialsPastMaxAge: 2, dualUse: 1, humans: 4, shadow: 1
            ),
            frameworks: frameworks(),
            findings: findings(),
            ruleEvaluations: [
                RuleEvaluation(rule: "long-lived-credential", state: .evaluated, findings: 1),
                RuleEvaluation(rule: "dual-use-authority", state: .evaluated, findings: 1),
                RuleEvaluation(rule: "self-approved-change", state: .notEvaluated, missingInputs: [.changes]),
                RuleEvaluation(rule: "leaked-active-secret", state: .notEvaluated, missingInputs: [.scannerReport]),
                RuleEvaluation(rule: "unowned-identity", state: .evaluated, findings: 1),
                RuleEvaluation(rule: "stale-identity", state: .evaluated, findings: 1),
                RuleEvaluation(rule: "overprivileged-identity", state: .evaluated, findings: 1),
            ],
            waivers: [
                WaiverRecord(
                    id: "W-2", rule: "stale-identity", identityPattern: "legacy-*",
                    justification: "Decommission \(hostile)",
                    owner: "platform", approvedBy: "ciso", expires: ISO8601.parse("2026-08-01")!, state: .expired,
                    matchedFindings: ["f-stale"]),
                WaiverRecord(
                    id: "W-1", rule: "unowned-identity", identityPattern: "batch-*", control: "NHI3:2025",
                    justification: "Owner being appointed", owner: "data", approvedBy: "ciso", reference: "CHG-42",
                    expires: ISO8601.parse("2026-12-31")!, approved: ISO8601.parse("2026-06-15"), state: .active,
                    matchedFindings: ["f-unowned"]),
                WaiverRecord(
                    id: "W-3", rule: "human-use-of-nhi", identityPattern: "nobody", justification: "Old",
                    owner: "sec", approvedBy: "ciso", expires: ISO8601.parse("2027-01-31")!, state: .unmatched),
            ],
            attestations: [
                AttestationRecord(
                    controls: ["NHI6:2025"], statement: "Quarterly access review held",
                    evidenceFile: "notes/README.txt",
                    evidenceSha256: sha("notes/README.txt"), attestedBy: "auditor",
                    attestedAt: ISO8601.parse("2026-09-15")!,
                    expires: ISO8601.parse("2027-09-15"), active: true)
            ],
            authority: [
                AuthoritySummary(
                    identity: IdentityID(hostileIdentity), name: hostile, environments: ["staging"], delivery: 3,
                    operations: 0, identityAdmin: 0, read: 10, canDeliver: true, canOperate: false, dualUse: false),
                AuthoritySummary(
                    identity: IdentityID(deployRole), name: "deploy", environments: ["prod", "staging"], delivery: 140,
                    operations: 12, identityAdmin: 1, read: 300, canDeliver: true, canOperate: true, dualUse: true),
                AuthoritySummary(
                    identity: IdentityID(breakGlass), name: "ops/break-glass", environments: ["prod"], delivery: 0,
                    operations: 4, identityAdmin: 0, read: 2, canDeliver: false, canOperate: true, dualUse: false),
            ],
            unclassifiedActions: [
                UnclassifiedAction(
                    platform: .aws, action: "custom:\(hostile)", count: 7,
                    identities: [IdentityID("arn:aws:iam::111122223333:role/caller-\(hostile)")])
            ],
            ledger: ledger(),
            notices: ["Policy max key age (120 days) is looser than the control's 90 days"],
            trend: [
                TrendPoint(
                    label: "2026-Q2", generatedAt: ISO8601.parse("2026-07-01T12:00:00Z")!,
                    satisfiedShare: ["owasp-nhi-2025": 0.25, "nist-csf-2.0": 0.5],
                    openFindings: ["high": 2, "critical": 1])
            ]
        )
    }

    static func findings() -> [Finding] {
        let trail = EvidenceRef(
            file: "aws/cloudtrail/2026-09.json", sha256: sha("aws/cloudtrail/2026-09.json"), record: 0,
            pointer: "/Records/0")
        let trail2 = EvidenceRef(
            file: "aws/cloudtrail/2026-09.json", sha256: sha("aws/cloudtrail/2026-09.json"), record: 1)
        let report = EvidenceRef(file: "aws/credential-report.csv", sha256: sha("aws/credential-report.csv"), line: 2)
        let owners = EvidenceRef(file: "owners.csv", sha256: sha("owners.csv"), line: 2)
        return [
            Finding(
                id: "f-stale", rule: "stale-identity", severity: .low,
                subject: "arn:aws:iam::111122223333:user/legacy-batch",
                summary: "Unused for 200 days", details: ["lastUsed": "2026-03-01"], evidence: [report],
                waiver: WaiverApplication(waiverId: "W-2", expires: ISO8601.parse("2026-08-01")!, active: false)),
            Finding(
                id: "f-unowned", rule: "unowned-identity", severity: .medium,
                subject: "arn:aws:iam::111122223333:role/batch-etl",
                summary: "No owner in owners.csv", evidence: [owners],
                waiver: WaiverApplication(
                    waiverId: "W-1", expires: ISO8601.parse("2026-12-31")!, active: true,
                    approved: ISO8601.parse("2026-06-15"))),
            Finding(
                id: "f-dual", rule: "dual-use-authority", severity: .critical, subject: deployRole, environment: "prod",
                summary: "Deployed (UpdateStack ×140) and recovered (SetDesiredCapacity ×12) production",
                details: [
                    "userAgent": hostile, "delivery": "cloudformation:UpdateStack",
                    "operations": "autoscaling:SetDesiredCapacity",
                ],
                evidence: [trail2, trail]),
            Finding(
                id: "f-key", rule: "long-lived-credential", severity: .high, subject: hostileIdentity,
                environment: "staging",
                summary: "Access key 400 days old for \(hostile)",
                details: ["tag:team": hostile, "userAgent": "aws-cli/2 \u{1}"],
                evidence: [report]),
            Finding(
                id: "f-admin", rule: "overprivileged-identity", severity: .info, subject: breakGlass,
                summary: "cluster-admin binding",
                evidence: [EvidenceRef(file: "k8s/audit.log", sha256: sha("k8s/audit.log"), line: 1)]),
        ]
    }

    static func frameworks() -> [FrameworkAssessment] {
        [
            FrameworkAssessment(
                framework: "owasp-nhi-2025", title: "OWASP Non-Human Identities Top 10", version: "2025",
                controls: [
                    ControlResult(
                        id: "NHI1:2025", title: "Improper Offboarding", status: .notSatisfied, method: .rules,
                        rules: ["dual-use-authority"], rationale: "Dual use widens blast radius", findings: ["f-dual"]),
                    ControlResult(
                        id: "NHI2:2025", title: "Secret Leakage", status: .satisfied, method: .rules,
                        rules: ["long-lived-credential"], rationale: "Keys rotate"),
                    ControlResult(
                        id: "NHI3:2025", title: "Vulnerable Third-Party NHI", status: .waived, method: .rules,
                        rules: ["unowned-identity"], rationale: "Owners known", findings: ["f-unowned"]),
                    ControlResult(
                        id: "NHI4:2025", title: "Insecure Authentication", status: .partiallyAssessed, method: .rules,
                        rules: ["self-approved-change", "long-lived-credential"], rationale: "Needs changes",
                        missingInputs: [.changes]),
                    ControlResult(
                        id: "NHI5:2025", title: "Overprivileged NHI", status: .notAssessed, method: .rules,
                        rules: ["leaked-active-secret"], rationale: "Needs scanner", missingInputs: [.scannerReport]),
                    ControlResult(
                        id: "NHI6:2025", title: "Insecure Cloud Deployment Configurations", status: .attested,
                        method: .manual,
                        rules: [], rationale: "Reviewed by hand", attestation: "Quarterly access review held"),
                    ControlResult(
                        id: "NHI7:2025", title: "Long-Lived Secrets", status: .notApplicable, method: .notApplicable,
                        rules: [], rationale: "Out of scope"),
                ]),
            FrameworkAssessment(
                framework: "nist-csf-2.0", title: "NIST Cybersecurity Framework", version: "2.0",
                controls: [
                    ControlResult(
                        id: "PR.AA-05", title: "Access permissions are managed", status: .notSatisfied, method: .rules,
                        rules: ["dual-use-authority", "long-lived-credential"], rationale: "Least privilege",
                        findings: ["f-key", "f-dual"]),
                    ControlResult(
                        id: "PR.AA-01", title: "Identities are managed", status: .satisfied, method: .rules,
                        rules: ["unowned-identity"], rationale: "Inventory"),
                    ControlResult(
                        id: "GV.RR-02", title: "Roles are established", status: .notAssessed, method: .manual,
                        rules: [], rationale: "Manual control without attestation"),
                ]),
            FrameworkAssessment(
                framework: "nist-sp800-207", title: "NIST SP 800-207 Zero Trust Architecture", version: "2020",
                note: "ZT-* identifiers are nhi-audit's; SP 800-207 defines none",
                controls: [
                    ControlResult(
                        id: "ZT-1", title: "All data sources and computing services are resources",
                        status: .notSatisfied,
                        method: .rules, rules: ["overprivileged-identity"], rationale: "Admin", findings: ["f-admin"]),
                    ControlResult(
                        id: "ZT-10", title: "Collect information to improve security posture", status: .satisfied,
                        method: .rules, rules: ["stale-identity"], rationale: "Logs"),
                ]),
            FrameworkAssessment(
                framework: "nist-sp800-53r5", title: "NIST SP 800-53", version: "Rev 5",
                controls: [
                    ControlResult(
                        id: "AC-2(4)", title: "Automated Audit Actions", status: .notSatisfied, method: .rules,
                        rules: ["stale-identity"], rationale: "Stale accounts", findings: ["f-stale"]),
                    ControlResult(
                        id: "AC-6", title: "Least Privilege", status: .partiallyAssessed, method: .rules,
                        rules: ["overprivileged-identity", "self-approved-change"], rationale: "Privileges",
                        missingInputs: [.changes]),
                ]),
        ]
    }

    static func ledger() -> IngestLedger {
        var trail = LedgerEntry(
            file: "aws/cloudtrail/2026-09.json", format: "cloudtrail", sha256: sha("aws/cloudtrail/2026-09.json"),
            size: 90)
        trail.accept(2)
        trail.reject(reason: "missing userIdentity", locator: "aws/cloudtrail/2026-09.json#3")
        trail.reject(reason: "missing userIdentity", locator: "aws/cloudtrail/2026-09.json#7")
        trail.reject(reason: "bad agent \(hostile)", locator: "aws/cloudtrail/2026-09.json#9")
        trail.notes = ["1 event of an earlier audit stage not counted"]
        trail.firstRecordAt = ISO8601.parse("2026-09-02T10:00:00Z")
        trail.lastRecordAt = ISO8601.parse("2026-09-29T18:30:00Z")
        var report = LedgerEntry(
            file: "aws/credential-report.csv", format: "aws-credential-report",
            sha256: sha("aws/credential-report.csv"), size: 70)
        report.accept(1)
        var audit = LedgerEntry(
            file: "k8s/audit.log", format: "k8s-audit", sha256: sha("k8s/audit.log"), size: 80, status: .failed)
        audit.error = "k8s/audit.log:2:1: unexpected end of input"
        var owners = LedgerEntry(file: "owners.csv", format: "owners", sha256: sha("owners.csv"), size: 60)
        owners.accept(1)
        return IngestLedger(
            entries: [report, trail, owners, audit],
            skipped: [
                SkippedFile(file: "notes/README.txt", reason: "no reader handles this file")
            ])
    }

    static func catalogs() -> [Catalog] {
        [
            Catalog(
                id: "owasp-nhi-2025", title: "OWASP Non-Human Identities Top 10", version: "2025", publisher: "OWASP",
                controls: [
                    Control(id: "NHI1:2025", title: "Improper Offboarding", text: "Identities outlive their purpose.")
                ]),
            Catalog(
                id: "nist-sp800-207", title: "NIST SP 800-207", version: "2020", publisher: "NIST",
                note: "ZT-* identifiers are nhi-audit's; SP 800-207 defines none",
                controls: [
                    Control(id: "ZT-1", title: "Resources", text: "All data sources \(script)", textIsOfficial: false)
                ]),
        ]
    }
}

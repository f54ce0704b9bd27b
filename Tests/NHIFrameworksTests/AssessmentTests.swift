import Foundation
import NHIDetect
import NHIFrameworks
import NHIModel
import Testing

/// Control status (docs/auditor-guide.md, "Which status wins"), on catalogs and mappings built in code.
@Suite struct AssessmentTests {
    static let periodEnd = ExampleKit.periodEnd

    static let catalog = Catalog(
        id: "test-fw", title: "Test framework", version: "1",
        controls: [
            Control(id: "GROUP", title: "A grouping", assessable: false),
            Control(id: "C-DUAL", title: "Separation of duties", parent: "GROUP"),
            Control(id: "C-CHANGE", title: "Change control"),
            Control(id: "C-MANUAL", title: "Access review"),
            Control(id: "C-NA", title: "Physical security"),
            Control(id: "C-COVERAGE", title: "Logging"),
        ])

    static let mapping = FrameworkMapping(
        framework: "test-fw",
        controls: [
            ControlMapping(
                control: "C-DUAL", method: .rules, rules: ["dual-use-authority", "latent-dual-use"],
                rationale: "dual use"),
            ControlMapping(
                control: "C-CHANGE", method: .rules, rules: ["unapproved-production-change", "self-approved-change"],
                rationale: "changes"),
            ControlMapping(control: "C-MANUAL", method: .manual, rationale: "reviewed by people"),
            ControlMapping(control: "C-NA", method: .notApplicable, rationale: "cloud only"),
            ControlMapping(control: "C-COVERAGE", method: .rules, rules: ["audit-coverage-gap"], rationale: "logs"),
        ])

    static let assessor = Assessor(mappingSet: MappingSet(catalogs: [catalog], mappings: [mapping]))

    static func finding(_ rule: String, _ subject: String, severity: Severity = .high) -> Finding {
        Finding(
            id: FindingID.make(rule: rule, subject: subject, scope: ""), rule: rule, severity: severity,
            subject: subject, summary: "s")
    }

    static func evaluated(_ rules: [String], findings: [Finding] = []) -> [RuleEvaluation] {
        rules.map { rule in
            RuleEvaluation(rule: rule, state: .evaluated, findings: findings.filter { $0.rule == rule }.count)
        }
    }

    static func waiver(
        _ id: String, rule: String = "dual-use-authority", identity: String = "arn:aws:iam::*:role/deploy",
        control: String? = nil, expires: String
    ) -> Waiver {
        Waiver(
            id: id, rule: rule, identityPattern: identity, control: control, justification: "j", owner: "o",
            approvedBy: "a",
            expires: ExampleKit.date(expires))
    }

    static let allRules = [
        "dual-use-authority", "latent-dual-use", "unapproved-production-change", "self-approved-change",
        "audit-coverage-gap",
    ]
    static let deploy = "arn:aws:iam::111122223333:role/deploy"

    func status(_ assessment: Assessment, _ control: String) throws -> ControlResult {
        try #require(assessment.frameworks.first?.controls.first { $0.id == control })
    }

    @Test func openFindingMakesNotSatisfiedAndCleanRulesSatisfied() throws {
        let findings = [Self.finding("dual-use-authority", Self.deploy)]
        let result = Self.assessor.assess(
            findings: findings, evaluations: Self.evaluated(Self.allRules, findings: findings),
            waivers: [], attestations: [], periodEnd: Self.periodEnd)
        let dual = try status(result, "C-DUAL")
        #expect(dual.status == .notSatisfied)
        #expect(dual.findings == findings.map(\.id))
        #expect(try status(result, "C-CHANGE").status == .satisfied)
        #expect(try status(result, "C-NA").status == .notApplicable)
        #expect(try status(result, "C-MANUAL").status == .notAssessed)
        // Groupings are not assessed as controls.
        #expect(result.frameworks[0].controls.map(\.id) == ["C-DUAL", "C-CHANGE", "C-MANUAL", "C-NA", "C-COVERAGE"])
    }

    @Test func partiallyAssessedNamesTheMissingInputs() throws {
        let evaluations = [
            RuleEvaluation(rule: "dual-use-authority", state: .evaluated),
            RuleEvaluation(rule: "latent-dual-use", state: .notEvaluated, missingInputs: [.entitlements]),
            RuleEvaluation(
                rule: "unapproved-production-change", state: .notEvaluated, missingInputs: [.auditLog, .changes]),
            RuleEvaluation(rule: "self-approved-change", state: .notEvaluated, missingInputs: [.changes]),
        ]
        let result = Self.assessor.assess(
            findings: [], evaluations: evaluations, waivers: [], attestations: [], periodEnd: Self.periodEnd)
        let dual = try status(result, "C-DUAL")
        #expect(dual.status == .partiallyAssessed)
        #expect(dual.missingInputs == [.entitlements])
        let change = try status(result, "C-CHANGE")
        #expect(change.status == .notAssessed)
        #expect(change.missingInputs == [.auditLog, .changes])
    }

    @Test func folderWithoutAuditLogLeavesAuditControlsNotAssessed() throws {
        // Detection on an inventory with entitlements and changes but no audit log.
        let deploy = ExampleKit.roleID("deploy")
        let inventory = ExampleKit.inventory(
            identities: [ExampleKit.role("deploy")], grants: [ExampleKit.grant(deploy, ["cloudformation:UpdateStack"])],
            changes: [
                ChangeRecord(id: "CHG-1", approvedBy: "lee@example.com", executedBy: "deploy", status: "approved")
            ],
            inputs: [.inventory, .entitlements, .changes, .scope])
        let detection = Detector(policy: .defaults, classifier: ExampleKit.classifier).run(
            inventory, asOf: Self.periodEnd)
        let result = Self.assessor.assess(
            findings: detection.findings, evaluations: detection.evaluations, waivers: [],
            attestations: [], periodEnd: Self.periodEnd)
        let coverage = try status(result, "C-COVERAGE")
        #expect(coverage.status == .notAssessed)
        #expect(coverage.missingInputs == [.auditLog])
        let dual = try status(result, "C-DUAL")
        #expect(dual.status == .partiallyAssessed)
        #expect(dual.missingInputs == [.auditLog])
        let change = try status(result, "C-CHANGE")
        #expect(change.status == .partiallyAssessed)
        #expect(change.missingInputs == [.auditLog])
    }

    @Test func waiverExpiringAfterThePeriodEndWaives() throws {
        let findings = [Self.finding("dual-use-authority", Self.deploy)]
        let result = Self.assessor.assess(
            findings: findings, evaluations: Self.evaluated(Self.allRules, findings: findings),
            waivers: [Self.waiver("W-1", expires: "2027-01-01")], attestations: [], periodEnd: Self.periodEnd)
        #expect(try status(result, "C-DUAL").status == .waived)
        #expect(
            result.findings[0].waiver
                == WaiverApplication(waiverId: "W-1", expires: ExampleKit.date("2027-01-01"), active: true))
        #expect(!result.findings[0].isOpen)
        #expect(result.waivers.map(\.state) == [.active])
        #expect(result.waivers[0].matchedFindings == findings.map(\.id))
    }

    @Test func waiverExpiringOnOrBeforeThePeriodEndLeavesTheFindingOpen() throws {
        let findings = [Self.finding("dual-use-authority", Self.deploy)]
        for expires in ["2026-12-31", "2026-12-31T23:59:59Z", "2026-11-15"] {
            let result = Self.assessor.assess(
                findings: findings, evaluations: Self.evaluated(Self.allRules, findings: findings),
                waivers: [Self.waiver("W-1", expires: expires)], attestations: [], periodEnd: Self.periodEnd)
            #expect(try status(result, "C-DUAL").status == .notSatisfied, "expires \(expires)")
            #expect(result.findings[0].isOpen)
            #expect(result.findings[0].waiver?.active == false)
            #expect(result.waivers.map(\.state) == [.expired])
            #expect(result.notices.contains { $0.hasPrefix("waiver W-1 expired") })
        }
    }

    /// The approval date travels to the finding and the record; a waiver without one, or approved
    /// after the period end, is named in the notices.
    @Test func approvalDatesAreCarriedAndTheirAbsenceIsTold() throws {
        let findings = [Self.finding("dual-use-authority", Self.deploy)]
        var dated = Self.waiver("W-1", expires: "2027-01-01")
        dated.approved = ExampleKit.date("2026-06-01")
        let result = Self.assessor.assess(
            findings: findings, evaluations: Self.evaluated(Self.allRules, findings: findings),
            waivers: [dated], attestations: [], periodEnd: Self.periodEnd)
        #expect(result.findings[0].waiver?.approved == ExampleKit.date("2026-06-01"))
        #expect(result.waivers[0].approved == ExampleKit.date("2026-06-01"))
        #expect(!result.notices.contains { $0.contains("approval date") || $0.contains("approved on") })

        let undated = Self.assessor.assess(
            findings: findings, evaluations: Self.evaluated(Self.allRules, findings: findings),
            waivers: [Self.waiver("W-1", expires: "2027-01-01")], attestations: [], periodEnd: Self.periodEnd)
        #expect(undated.waivers[0].approved == nil)
        #expect(undated.notices.contains { $0.hasPrefix("waiver W-1 has no approval date") })

        var late = Self.waiver("W-1", expires: "2027-06-01")
        late.approved = ExampleKit.date("2027-02-01")
        let afterwards = Self.assessor.assess(
            findings: findings, evaluations: Self.evaluated(Self.allRules, findings: findings),
            waivers: [late], attestations: [], periodEnd: Self.periodEnd)
        #expect(
            afterwards.notices.contains {
                $0.hasPrefix("waiver W-1 was approved on 2027-02-01") && $0.hasSuffix("after the period end")
            })
    }

    @Test func unmatchedWaiverIsReported() throws {
        let result = Self.assessor.assess(
            findings: [], evaluations: Self.evaluated(Self.allRules),
            waivers: [Self.waiver("W-9", identity: "arn:aws:iam::*:role/nothing", expires: "2027-06-30")],
            attestations: [], periodEnd: Self.periodEnd)
        #expect(result.waivers.map(\.state) == [.unmatched])
        #expect(result.notices.contains { $0.hasPrefix("waiver W-9") && $0.hasSuffix("matches no finding") })
        #expect(try status(result, "C-DUAL").status == .satisfied)
    }

    @Test func waiverLimitedToAControlWaivesOnlyThatControl() throws {
        let findings = [Self.finding("dual-use-authority", Self.deploy)]
        let mapping = FrameworkMapping(
            framework: "test-fw",
            controls: Self.mapping.controls + [
                ControlMapping(
                    control: "C-EXTRA", method: .rules, rules: ["dual-use-authority"], rationale: "also dual use")
            ])
        var catalog = Self.catalog
        catalog.controls.append(Control(id: "C-EXTRA", title: "Extra"))
        let assessor = Assessor(mappingSet: MappingSet(catalogs: [catalog], mappings: [mapping]))
        let result = assessor.assess(
            findings: findings, evaluations: Self.evaluated(Self.allRules, findings: findings),
            waivers: [Self.waiver("W-2", control: "C-EXTRA", expires: "2027-03-31")], attestations: [],
            periodEnd: Self.periodEnd)
        #expect(try status(result, "C-EXTRA").status == .waived)
        #expect(try status(result, "C-DUAL").status == .notSatisfied)
        #expect(result.findings[0].isOpen)
    }

    @Test func activeAttestationMakesManualControlAttested() throws {
        let attestation = AttestationRecord(
            controls: ["C-MANUAL"], statement: "s", evidenceFile: "attestations/review.pdf",
            evidenceSha256: "ab", attestedBy: "ciso", attestedAt: ExampleKit.date("2026-12-15"),
            expires: nil, active: true)
        var expired = attestation
        expired.active = false
        let attested = Self.assessor.assess(
            findings: [], evaluations: [], waivers: [], attestations: [attestation], periodEnd: Self.periodEnd)
        let control = try status(attested, "C-MANUAL")
        #expect(control.status == .attested)
        #expect(control.attestation == "attestations/review.pdf sha256:ab")
        let lapsed = Self.assessor.assess(
            findings: [], evaluations: [], waivers: [], attestations: [expired], periodEnd: Self.periodEnd)
        #expect(try status(lapsed, "C-MANUAL").status == .notAssessed)
        // An attestation does not turn a rule-assessed control into a pass.
        let onRules = AttestationRecord(
            controls: ["C-COVERAGE"], statement: "s", evidenceFile: "f", evidenceSha256: "ab",
            attestedBy: "ciso", attestedAt: ExampleKit.date("2026-12-15"), expires: nil, active: true)
        let notRun = Self.assessor.assess(
            findings: [], evaluations: [], waivers: [], attestations: [onRules], periodEnd: Self.periodEnd)
        #expect(try status(notRun, "C-COVERAGE").status == .notAssessed)
    }
}

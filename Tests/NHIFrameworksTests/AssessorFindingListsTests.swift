import Foundation
import NHIDetect
import NHIFrameworks
import NHIModel
import TestSupport
import Testing

/// Each rule-assessed control lists its rules' findings and takes its status from them as a scan of
/// every finding does, on random findings (in any order, ids repeated, rules mapped to several
/// controls or to none, waivers for the whole finding and for one control).
@Suite struct AssessorFindingListsTests {
    static let rules = AssessmentTests.allRules + ["stale-identity"]

    @Test(arguments: 0..<200) func controlsListTheScanOfEveryFinding(seed: Int) {
        var random = SeededRandom(state: UInt64(seed))
        let subjects = ["deploy", "ops", "batch", "Batch", "ci-é", "z"].map { "arn:aws:iam::111122223333:role/\($0)" }
        let drawn = (0..<random.next(60)).map { _ in
            AssessmentTests.finding(
                random.pick(Self.rules), random.pick(subjects), severity: random.pick(Severity.allCases))
        }
        // Half in report order, as detection hands them over: those are not sorted again.
        let findings = random.next(2) == 0 ? drawn : Finding.inReportOrder(drawn)
        let waivers = (0..<random.next(3)).map { index in
            AssessmentTests.waiver(
                "W-\(index)", rule: random.pick(Self.rules), identity: random.pick(subjects + ["*"]),
                control: random.pick([nil, "C-DUAL", "C-CHANGE"]), expires: random.pick(["2026-06-01", "2027-06-01"]))
        }
        let assessment = AssessmentTests.assessor.assess(
            findings: findings, evaluations: AssessmentTests.evaluated(AssessmentTests.allRules, findings: findings),
            waivers: waivers, attestations: [], periodEnd: AssessmentTests.periodEnd)
        let key = { (finding: Finding) in [finding.id, finding.rule, finding.subject] }
        #expect(assessment.findings.map(key) == Finding.inReportOrder(findings).map(key))
        let active = waivers.filter { $0.isActive(at: AssessmentTests.periodEnd) }
        let waived = assessment.findings
        for mapping in AssessmentTests.mapping.controls where mapping.method == .rules {
            let result = assessment.frameworks[0].controls.first { $0.id == mapping.control }
            let related = waived.filter { mapping.rules.contains($0.rule) }
            let open = related.contains { finding in
                finding.isOpen && !active.contains { $0.control == mapping.control && $0.covers(finding) }
            }
            #expect(result?.findings == related.map(\.id).sorted())
            #expect(result?.status == (open ? .notSatisfied : related.isEmpty ? .satisfied : .waived))
        }
    }
}

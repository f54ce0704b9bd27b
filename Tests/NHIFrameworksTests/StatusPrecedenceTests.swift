import Foundation
import NHIDetect
import NHIFrameworks
import NHIModel
import Testing

/// The precedence of control statuses (docs/auditor-guide.md), one case per pair of conditions, on
/// a control mapped to two rules: an open finding, then missing or partial evidence, then waived,
/// then satisfied.
@Suite struct StatusPrecedenceTests {
    typealias Fixture = AssessmentTests

    /// What one of the two mapped rules contributes.
    enum Side {
        case clean, open, waived, notEvaluated, partialClean, partialOpen, partialWaived

        var state: RuleEvaluationState {
            switch self {
            case .notEvaluated: return .notEvaluated
            case .partialClean, .partialOpen, .partialWaived: return .partiallyEvaluated
            default: return .evaluated
            }
        }
        var hasFinding: Bool { [.open, .waived, .partialOpen, .partialWaived].contains(self) }
        var isWaived: Bool { self == .waived || self == .partialWaived }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var dualUse: Side
        var latent: Side
        var expected: ControlStatus
        var testDescription: String { "\(dualUse) + \(latent) → \(expected.rawValue)" }
    }

    static let cases: [Case] = [
        // An open finding outranks everything.
        Case(dualUse: .open, latent: .notEvaluated, expected: .notSatisfied),
        Case(dualUse: .partialOpen, latent: .clean, expected: .notSatisfied),
        Case(dualUse: .open, latent: .waived, expected: .notSatisfied),
        Case(dualUse: .open, latent: .clean, expected: .notSatisfied),
        // Missing or partial evidence outranks waivers and a clean result.
        Case(dualUse: .waived, latent: .notEvaluated, expected: .partiallyAssessed),
        Case(dualUse: .waived, latent: .partialClean, expected: .partiallyAssessed),
        Case(dualUse: .partialWaived, latent: .clean, expected: .partiallyAssessed),
        Case(dualUse: .clean, latent: .notEvaluated, expected: .partiallyAssessed),
        Case(dualUse: .partialClean, latent: .clean, expected: .partiallyAssessed),
        Case(dualUse: .notEvaluated, latent: .notEvaluated, expected: .notAssessed),
        // Waived outranks satisfied.
        Case(dualUse: .waived, latent: .clean, expected: .waived),
        Case(dualUse: .clean, latent: .clean, expected: .satisfied),
    ]

    @Test(arguments: cases)
    func precedence(_ test: Case) throws {
        var findings: [Finding] = []
        var evaluations: [RuleEvaluation] = []
        var waivers: [Waiver] = []
        for (rule, side) in [("dual-use-authority", test.dualUse), ("latent-dual-use", test.latent)] {
            let subject = "arn:aws:iam::111122223333:role/\(rule)"
            if side.hasFinding { findings.append(Fixture.finding(rule, subject)) }
            if side.isWaived {
                waivers.append(Fixture.waiver("W-\(rule)", rule: rule, identity: subject, expires: "2027-06-30"))
            }
            evaluations.append(
                RuleEvaluation(
                    rule: rule, state: side.state, missingInputs: side == .notEvaluated ? [.entitlements] : [],
                    uncovered: side.state == .partiallyEvaluated
                        ? ["Kubernetes cluster prod in production: no audit-log"] : [],
                    findings: side.hasFinding ? 1 : 0))
        }
        let result = Fixture.assessor.assess(
            findings: findings, evaluations: evaluations, waivers: waivers, attestations: [],
            periodEnd: Fixture.periodEnd)
        let control = try #require(result.frameworks.first?.controls.first { $0.id == "C-DUAL" })
        #expect(control.status == test.expected)
        if test.dualUse.state == .partiallyEvaluated || test.latent.state == .partiallyEvaluated {
            #expect(control.uncovered == ["Kubernetes cluster prod in production: no audit-log"])
        }
    }

    @Test func satisfiedControlNamesThePopulationItsRulesEvaluated() throws {
        let population = { (what: String, file: String) in
            EvaluatedPopulation(
                counts: [.init(what: "non-human identities", count: 3), .init(what: what, count: 2)], sources: [file])
        }
        let evaluations = [
            RuleEvaluation(
                rule: "dual-use-authority", state: .evaluated, population: population("audit events", "trail.json")),
            RuleEvaluation(rule: "latent-dual-use", state: .evaluated, population: population("grants", "iam.json")),
        ]
        let result = Fixture.assessor.assess(
            findings: [], evaluations: evaluations, waivers: [], attestations: [], periodEnd: Fixture.periodEnd)
        let control = try #require(result.frameworks.first?.controls.first { $0.id == "C-DUAL" })
        #expect(control.status == .satisfied)
        #expect(
            control.population?.summary == "3 non-human identities, 2 audit events, 2 grants from iam.json, trail.json")
    }

    @Test func attestationOnARuleAssessedControlIsShownAndWarnedNotSilentlyIgnored() throws {
        let attestation = AttestationRecord(
            controls: ["C-DUAL", "C-MANUAL"], statement: "reviewed", evidenceFile: "review.md",
            evidenceSha256: String(repeating: "a", count: 64), attestedBy: "ciso@example.com",
            attestedAt: ExampleKit.date("2026-12-01"), expires: nil, active: true)
        let evaluations = [
            RuleEvaluation(rule: "dual-use-authority", state: .evaluated),
            RuleEvaluation(rule: "latent-dual-use", state: .notEvaluated, missingInputs: [.entitlements]),
        ]
        let result = Fixture.assessor.assess(
            findings: [], evaluations: evaluations, waivers: [], attestations: [attestation],
            periodEnd: Fixture.periodEnd)
        let dual = try #require(result.frameworks.first?.controls.first { $0.id == "C-DUAL" })
        // The rules decide: an attestation does not lift a partially assessed control.
        #expect(dual.status == .partiallyAssessed)
        #expect(dual.attestation == "review.md sha256:\(String(repeating: "a", count: 64))")
        #expect(
            result.notices.contains {
                $0.contains("test-fw C-DUAL is assessed by rules") && $0.contains("ciso@example.com")
            })
        // A manual control is still attested, without a warning.
        let manual = try #require(result.frameworks.first?.controls.first { $0.id == "C-MANUAL" })
        #expect(manual.status == .attested)
        #expect(!result.notices.contains { $0.contains("C-MANUAL") })
    }
}

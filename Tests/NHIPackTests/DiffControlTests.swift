import NHIModel
@testable import NHIPack
import Testing
import TestSupport

@Suite struct DiffControlTests {
    typealias F = ResultsFixture

    private func diff(_ old: [ControlResult], _ new: [ControlResult], framework: String = "owasp-nhi") throws
        -> PackDiff
    {
        try PackDiff(
            old: F.document(generatedAt: "2026-07-01T00:00:00Z", frameworks: [framework: old]),
            new: F.document(frameworks: [framework: new]))
    }

    @Test func passingControlThatFailsIsARegression() throws {
        for passing in [ControlStatus.satisfied, .attested, .waived] {
            let result = try diff([F.control("NHI1", passing)], [F.control("NHI1", .notSatisfied)])
            #expect(result.controls.regressed.map(\.id) == ["NHI1"])
            #expect(result.controls.regressed.first?.from == passing)
            #expect(result.controls.regressed.first?.to == .notSatisfied)
            #expect(result.hasRegression)
        }
    }

    @Test func changesCarryTheFindingsAndMissingInputsOfTheNewPack() throws {
        let result = try diff(
            [F.control("NHI1", .satisfied), F.control("NHI4", .satisfied)],
            [
                F.control("NHI1", .notSatisfied, findings: ["f-b", "f-a"]),
                F.control("NHI4", .notAssessed, missing: [.owners, .auditLog]),
            ])
        #expect(result.controls.regressed.first?.findings == ["f-a", "f-b"])
        #expect(result.controls.coverageLost.first?.missingInputs == [.auditLog, .owners])
        #expect(DiffTextRenderer().render(result).contains("missing: audit-log, owners"))
    }

    @Test func failingControlThatPassesIsClosed() throws {
        let result = try diff(
            [F.control("NHI2", .notSatisfied), F.control("NHI3", .notSatisfied)],
            [F.control("NHI2", .satisfied), F.control("NHI3", .attested)])
        #expect(result.controls.closed.map(\.id) == ["NHI2", "NHI3"])
        #expect(result.controls.regressed.isEmpty)
        #expect(!result.hasRegression)
    }

    @Test func missingInputLosesCoverage() throws {
        let result = try diff(
            [F.control("NHI4", .satisfied), F.control("NHI5", .partiallyAssessed)],
            [
                F.control("NHI4", .partiallyAssessed, missing: [.auditLog]),
                F.control("NHI5", .notAssessed, missing: [.auditLog]),
            ])
        #expect(result.controls.coverageLost.map(\.id) == ["NHI4", "NHI5"])
        #expect(result.hasRegression)
    }

    @Test func failingControlThatCannotBeAssessedAnyMoreIsCoverageLostNotClosed() throws {
        let result = try diff([F.control("NHI6", .notSatisfied)], [F.control("NHI6", .notAssessed)])
        #expect(result.controls.coverageLost.map(\.id) == ["NHI6"])
        #expect(result.controls.closed.isEmpty)
    }

    @Test func moreAssessedIsCoverageGained() throws {
        let result = try diff(
            [F.control("NHI7", .notAssessed), F.control("NHI8", .partiallyAssessed)],
            [F.control("NHI7", .notSatisfied), F.control("NHI8", .satisfied)])
        #expect(result.controls.coverageGained.map(\.id) == ["NHI7", "NHI8"])
        #expect(!result.hasRegression)
    }

    @Test func unchangedFailureIsStillFailingAndUnchangedPassIsNotListed() throws {
        let result = try diff(
            [F.control("NHI9", .notSatisfied), F.control("NHI10", .satisfied)],
            [F.control("NHI9", .notSatisfied), F.control("NHI10", .satisfied)])
        #expect(result.controls.stillFailing.map(\.id) == ["NHI9"])
        let everything = DiffPresentation.controlGroups(result.controls).flatMap(\.changes)
        #expect(!everything.contains { $0.id == "NHI10" })
    }

    @Test func controlsInOnlyOnePackAreChangedWithAnAbsentSide() throws {
        let result = try diff([F.control("NHI1", .satisfied)], [F.control("NHI2", .notSatisfied)])
        #expect(result.controls.changed.map(\.id) == ["NHI1", "NHI2"])
        #expect(result.controls.changed[0].to == nil)
        #expect(result.controls.changed[1].from == nil)
        #expect(!result.hasRegression)
    }

    @Test func controlsAreSortedByFrameworkThenNaturalId() throws {
        let old = F.document(frameworks: [
            "b": [F.control("X10", .satisfied), F.control("X2", .satisfied)], "a": [F.control("Y1", .satisfied)],
        ])
        let new = F.document(frameworks: [
            "b": [F.control("X10", .notSatisfied), F.control("X2", .notSatisfied)],
            "a": [F.control("Y1", .notSatisfied)],
        ])
        let result = try PackDiff(old: old, new: new)
        #expect(result.controls.regressed.map { "\($0.framework)/\($0.id)" } == ["a/Y1", "b/X2", "b/X10"])
    }

    @Test(arguments: [
        (ControlStatus.waived, ControlStatus.notSatisfied, ControlTransition.regressed),
        (.attested, .notAssessed, .coverageLost),
        (.notSatisfied, .waived, .changed),
        (.satisfied, .notApplicable, .changed),
        (.notApplicable, .notAssessed, .changed),
        (.notAssessed, .partiallyAssessed, .coverageGained),
    ])
    func transitions(from: ControlStatus, to: ControlStatus, expected: ControlTransition) {
        #expect(ControlTransition.classify(from: from, to: to) == expected)
    }

    @Test func sameStatusThatIsNotFailingIsNoTransition() {
        for status in ControlStatus.allCases where status != .notSatisfied {
            #expect(ControlTransition.classify(from: status, to: status) == nil)
        }
    }
}

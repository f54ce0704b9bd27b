import Foundation
@testable import NHIPack
import Testing

/// The assessment results cite their own objects by UUID (`OSCALFindingUUIDs` computes each
/// finding's once for every citation): every citation must name an object the document holds, of
/// the kind cited.
@Suite struct OSCALReferencesTests {
    @Test func everyCitedObservationRiskAndSubjectIsInTheDocument() throws {
        let result = try OSCALStreamingTests.parts(OSCALStreamingTests.document(extra: 30), .json).whole
            .assessmentResults.results[0]
        let observations = Set(result.observations?.map(\.uuid) ?? [])
        let risks = Set(result.risks?.map(\.uuid) ?? [])
        let subjects = Set(result.localDefinitions?.inventoryItems.map(\.uuid) ?? [])
        #expect(observations.isDisjoint(with: risks) && !risks.isEmpty)

        let verdicts = result.findings ?? []
        let citedObservations = verdicts.flatMap { $0.relatedObservations?.map(\.observationUUID) ?? [] }
        let citedRisks = verdicts.flatMap { $0.relatedRisks?.map(\.riskUUID) ?? [] }
        #expect(!citedObservations.isEmpty && !citedRisks.isEmpty)
        #expect(citedObservations.allSatisfy(observations.contains))
        #expect(citedRisks.allSatisfy(risks.contains))
        for risk in result.risks ?? [] {
            #expect(risk.relatedObservations.allSatisfy { observations.contains($0.observationUUID) })
        }
        let findingSubjects = (result.observations ?? []).compactMap { $0.subjects?.map(\.subjectUUID) }
        #expect(!findingSubjects.isEmpty && findingSubjects.joined().allSatisfy(subjects.contains))
    }
}

import NHIModel
import NHIPack
import Testing
import TestSupport

@Suite struct DiffMappingTests {
    typealias F = ResultsFixture

    @Test func differentDigestsWarnAndNameControlsThatChangedMeaning() throws {
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z", mappingDigest: "sha256:111111111111aaaa", policyDigest: "sha256:p1",
            frameworks: [
                "csf": [
                    F.control("PR.AA-05", .satisfied, rules: ["R1"]), F.control("DE.CM-01", .satisfied, rules: ["R2"]),
                    F.control("GV.OC-01", .attested, rules: [], method: .manual),
                ]
            ])
        let new = F.document(
            mappingDigest: "sha256:222222222222bbbb", policyDigest: "sha256:p2",
            frameworks: [
                "csf": [
                    F.control("PR.AA-05", .notSatisfied, rules: ["R1", "R3"]),
                    F.control("DE.CM-01", .satisfied, rules: ["R2"]),
                    F.control("GV.OC-01", .satisfied, rules: ["R4"], method: .rules),
                ]
            ])
        let result = try PackDiff(old: old, new: new)
        #expect(result.mapping.mappingDigestChanged)
        #expect(result.mapping.policyDigestChanged)
        #expect(result.mapping.controlsChangedMeaning.map(\.id) == ["GV.OC-01", "PR.AA-05"])
        let accessControl = try #require(result.mapping.controlsChangedMeaning.last)
        #expect(accessControl.fromRules == ["R1"] && accessControl.toRules == ["R1", "R3"])
        let manual = try #require(result.mapping.controlsChangedMeaning.first)
        #expect(manual.fromMethod == .manual && manual.toMethod == .rules)
        #expect(
            result.warnings.contains {
                $0.contains("different framework mappings (111111111111 → 222222222222)")
                    && $0.contains("2 controls changed meaning")
            })
        #expect(result.warnings.contains { $0.contains("different policies") })
    }

    @Test func sameDigestsGiveNoWarnings() throws {
        let old = F.document(
            generatedAt: "2026-07-01T00:00:00Z", frameworks: ["csf": [F.control("PR.AA-05", .satisfied)]])
        let new = F.document(frameworks: ["csf": [F.control("PR.AA-05", .notSatisfied)]])
        let result = try PackDiff(old: old, new: new)
        #expect(result.warnings.isEmpty)
        #expect(!result.mapping.mappingDigestChanged && !result.mapping.policyDigestChanged)
        #expect(result.mapping.controlsChangedMeaning.isEmpty)
    }

    @Test func swappedPacksAndDifferentOrganisationsAreWarned() throws {
        let result = try PackDiff(
            old: F.document(generatedAt: "2026-10-01T00:00:00Z", organisation: "A"),
            new: F.document(generatedAt: "2026-07-01T00:00:00Z", organisation: "B"))
        #expect(result.warnings.contains { $0.contains("wrong order") })
        #expect(result.warnings.contains { $0.contains("different organisations") })
    }

    @Test func unknownSchemaInAnInMemoryDocumentIsRefused() {
        #expect(
            throws: DiffInputError.unknownDocumentSchema(
                side: "new", found: "9.0", known: ResultsDocument.currentSchemaVersion)
        ) {
            try PackDiff(old: F.document(), new: F.document(schemaVersion: "9.0"))
        }
    }
}

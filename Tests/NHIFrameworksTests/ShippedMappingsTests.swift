import Foundation
import NHIDetect
import NHIFrameworks
import NHIModel
import Testing
import TestSupport

@Suite struct ShippedMappingsTests {
    static let folder = Fixtures.packageRoot.appendingPathComponent("mappings")

    static func shipped() throws -> MappingSet {
        try MappingSet.load(from: folder, knownRules: RuleRegistry.ids)
    }

    @Test func loadWithoutProblems() throws {
        #expect(throws: Never.self) { try Self.shipped() }
    }

    @Test func assessableControlCountsMatchTheReference() throws {
        let counts = Dictionary(uniqueKeysWithValues: try Self.shipped().coverage.map { ($0.id, $0.controls) })
        // SP 800-207: 7 tenets and 11 components (the PDP is a grouping of the PE and the PA).
        #expect(counts == ["owasp-nhi-2025": 10, "nist-csf-2.0": 106, "nist-sp800-207": 18, "nist-sp800-53r5": 45])
    }

    @Test func everyAssessableControlIsMappedOnce() throws {
        let set = try Self.shipped()
        for coverage in set.coverage {
            #expect(coverage.automated + coverage.manual + coverage.notApplicable == coverage.controls, "\(coverage.id)")
        }
    }

    @Test func owaspIdsAreExact() throws {
        let ids = try #require(try Self.shipped().catalog("owasp-nhi-2025")).controls.map(\.id)
        #expect(ids == (1...10).map { "NHI\($0):2025" })
    }

    @Test func csfWithdrawnIdsNameTheirSuccessors() throws {
        let csf = try #require(try Self.shipped().catalog("nist-csf-2.0"))
        for id in ["PR.AC-4", "PR.AC-04"] {
            guard case let .withdrawn(entry) = csf.lookup(id) else {
                Issue.record("\(id) is not listed as withdrawn")
                continue
            }
            #expect(entry.successors == ["PR.AA-05"])
        }
        guard case let .withdrawn(legacy) = csf.lookup("PR.AC-4") else { return }
        #expect(legacy.explanation == "PR.AC-4 is a withdrawn CSF 1.1 id; use PR.AA-05")
        guard case let .unknown(suggestion) = csf.lookup("PR.AA-5") else {
            Issue.record("PR.AA-5 resolved to something")
            return
        }
        #expect(suggestion == "PR.AA-05")
    }

    @Test func csfOutcomeTextIsOfficial() throws {
        let csf = try #require(try Self.shipped().catalog("nist-csf-2.0"))
        let control = try #require(csf.controls.first { $0.id == "PR.AA-05" })
        #expect(control.textIsOfficial)
        #expect(control.parent == "PR.AA")
        #expect(control.text == "Access permissions, entitlements, and authorizations are defined in a policy, managed, enforced, and reviewed, and incorporate the principles of least privilege and separation of duties")
        #expect(csf.controls.filter { !$0.assessable }.count == 6 + 22)
    }

    @Test func zeroTrustCatalogSaysTheIdsAreOurs() throws {
        let zt = try #require(try Self.shipped().catalog("nist-sp800-207"))
        #expect(zt.note?.contains("defines no control identifiers") == true)
        #expect(zt.controls.filter { $0.id.hasPrefix("ZT-T") }.count == 7)
        #expect(zt.controls.first { $0.id == "ZT-T6" }?.text == "All resource authentication and authorization are dynamic and strictly enforced before access is allowed.")
    }

    @Test(arguments: [
        ("dual-use-authority", "owasp-nhi-2025", ["NHI5:2025", "NHI9:2025"]),
        ("dual-use-authority", "nist-csf-2.0", ["PR.AA-05"]),
        ("dual-use-authority", "nist-sp800-207", ["ZT-T3", "ZT-T6"]),
        ("dual-use-authority", "nist-sp800-53r5", ["AC-5", "AC-6"]),
        ("leaked-active-secret", "owasp-nhi-2025", ["NHI2:2025"]),
        ("long-lived-credential", "owasp-nhi-2025", ["NHI7:2025"]),
    ])
    func keyRulesMapToTheirControls(rule: String, framework: String, expected: [String]) throws {
        let mapped = try Self.shipped().controls(assessedBy: rule)[framework] ?? []
        #expect(Set(expected).isSubset(of: Set(mapped)), "\(rule) in \(framework): \(mapped)")
    }

    @Test func noMappingCitesACSF11Id() throws {
        let csf = try #require(try Self.shipped().mapping("nist-csf-2.0"))
        for entry in csf.controls {
            #expect(entry.control.range(of: #"^[A-Z]{2}\.[A-Z]{2}-\d{2}$"#, options: .regularExpression) != nil, "\(entry.control)")
        }
    }
}

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
            #expect(
                coverage.automated + coverage.manual + coverage.notApplicable == coverage.controls, "\(coverage.id)")
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
        #expect(
            control.text
                == "Access permissions, entitlements, and authorizations are defined in a policy, managed, enforced, and reviewed, and incorporate the principles of least privilege and separation of duties"
        )
        #expect(csf.controls.filter { !$0.assessable }.count == 6 + 22)
    }

    @Test func zeroTrustCatalogSaysTheIdsAreOurs() throws {
        let zt = try #require(try Self.shipped().catalog("nist-sp800-207"))
        #expect(zt.note?.contains("defines no control identifiers") == true)
        #expect(zt.controls.filter { $0.id.hasPrefix("ZT-T") }.count == 7)
        #expect(
            zt.controls.first { $0.id == "ZT-T6" }?.text
                == "All resource authentication and authorization are dynamic and strictly enforced before access is allowed."
        )
    }

    @Test(arguments: [
        ("dual-use-authority", "owasp-nhi-2025", ["NHI5:2025", "NHI9:2025"]),
        ("dual-use-authority", "nist-csf-2.0", ["PR.AA-05"]),
        ("dual-use-authority", "nist-sp800-53r5", ["AC-5", "AC-6", "CM-5"]),
        ("latent-dual-use", "owasp-nhi-2025", ["NHI5:2025"]),
        ("static-ci-credentials", "owasp-nhi-2025", ["NHI7:2025"]),
        ("human-use-of-nhi", "nist-csf-2.0", ["PR.AA-01", "PR.AA-03"]),
        ("third-party-trust", "nist-csf-2.0", ["PR.AA-05"]),
        ("third-party-trust", "nist-sp800-53r5", ["AC-6"]),
        ("nhi-reuse", "owasp-nhi-2025", ["NHI9:2025"]),
        ("audit-coverage-gap", "nist-sp800-53r5", ["SI-4"]),
        ("audit-coverage-gap", "nist-csf-2.0", ["DE.CM-03"]),
        ("leaked-active-secret", "owasp-nhi-2025", ["NHI2:2025"]),
        ("long-lived-credential", "owasp-nhi-2025", ["NHI7:2025"]),
    ])
    func keyRulesMapToTheirControls(rule: String, framework: String, expected: [String]) throws {
        let mapped = try Self.shipped().controls(assessedBy: rule)[framework] ?? []
        #expect(Set(expected).isSubset(of: Set(mapped)), "\(rule) in \(framework): \(mapped)")
    }

    /// Mappings an independent review found wrong: a finding of the rule says nothing about the
    /// control (misuse found shows monitoring working; grant breadth is not reuse; per-session and
    /// enforcement tenets are not about duties; environments are not shared accounts).
    @Test(arguments: [
        ("latent-dual-use", "owasp-nhi-2025", ["NHI9:2025"]),
        ("dual-use-authority", "nist-sp800-207", ["ZT-T3", "ZT-T6"]),
        ("latent-dual-use", "nist-sp800-207", ["ZT-T3", "ZT-T6"]),
        ("cross-environment-reuse", "nist-sp800-53r5", ["AC-2(9)"]),
        ("human-use-of-nhi", "nist-sp800-53r5", ["SI-4"]),
        ("shadow-identity", "nist-sp800-53r5", ["SI-4"]),
        ("human-use-of-nhi", "nist-csf-2.0", ["DE.CM-03"]),
        ("shadow-identity", "nist-csf-2.0", ["DE.CM-03"]),
        ("long-lived-credential", "nist-sp800-207", ["ZT-C-PA"]),
        ("static-ci-credentials", "nist-sp800-207", ["ZT-C-PA"]),
    ])
    func reviewedMappingsAreGone(rule: String, framework: String, removed: [String]) throws {
        let mapped = try Self.shipped().controls(assessedBy: rule)[framework] ?? []
        #expect(Set(removed).isDisjoint(with: Set(mapped)), "\(rule) in \(framework): \(mapped)")
    }

    /// Each rationale of a corrected mapping rests on words of the control's own text or title.
    @Test(arguments: [
        ("owasp-nhi-2025", "NHI9:2025", "shared by several applications, services or components"),
        ("owasp-nhi-2025", "NHI7:2025", "very distant expiry or none"),
        ("nist-sp800-207", "ZT-T3", "per-session basis"),
        ("nist-sp800-207", "ZT-T4", "observable state of client identity"),
        ("nist-sp800-207", "ZT-T6", "strictly enforced before access is allowed"),
        ("nist-sp800-207", "ZT-C-IDM", "identity records with role, access attributes and assigned assets"),
        ("nist-sp800-207", "ZT-C-DATAPOLICY", "mission roles and needs"),
        ("nist-sp800-207", "ZT-C-ACTIVITYLOG", "resource access actions"),
        ("nist-sp800-53r5", "AC-2(9)", "shared and group accounts"),
        ("nist-sp800-53r5", "AC-6(5)", "Privileged accounts are restricted"),
        ("nist-sp800-53r5", "AC-6(9)", "Log the execution of privileged functions"),
        ("nist-sp800-53r5", "AU-2", "Event logging"),
        ("nist-sp800-53r5", "AU-10", "irrefutable evidence that an individual performed an action"),
        ("nist-sp800-53r5", "CM-5", "Access restrictions for change"),
        ("nist-sp800-53r5", "IA-9", "uniquely identified and authenticated"),
        ("nist-sp800-53r5", "IA-13(3)", "time-restricted"),
        ("nist-sp800-53r5", "SI-4", "System monitoring"),
        ("nist-csf-2.0", "PR.AA-01", "Identities and credentials for authorized users and services are managed"),
        ("nist-csf-2.0", "PR.AA-03", "Users and services are authenticated"),
        ("nist-csf-2.0", "PR.AA-05", "least privilege and separation of duties"),
        ("nist-csf-2.0", "DE.CM-03", "Technology usage is monitored to find potentially adverse events"),
    ])
    func correctedRationaleCitesTheControl(framework: String, control: String, words: String) throws {
        let entry = try #require(try Self.shipped().mapping(framework)?.controls.first { $0.control == control })
        #expect(entry.rationale.contains(words), "\(framework) \(control): \(entry.rationale)")
    }

    @Test func noMappingCitesACSF11Id() throws {
        let csf = try #require(try Self.shipped().mapping("nist-csf-2.0"))
        for entry in csf.controls {
            #expect(
                entry.control.range(of: #"^[A-Z]{2}\.[A-Z]{2}-\d{2}$"#, options: .regularExpression) != nil,
                "\(entry.control)")
        }
    }
}

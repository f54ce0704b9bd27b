import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

/// How the seven control statuses and waivers appear in the pack's OSCAL (docs/evidence-pack.md):
/// a target state only for a verdict, waivers as approved deviations.
@Suite struct OSCALStatusTests {
    @Test func onlyVerdictsCarryATargetState() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let oscal = try OSCALJSONView(pack: fixture.pack)
        #expect(
            oscal.targetStates == [
                "NHI1-2025_smt": "not-satisfied/fail", "NHI2-2025_smt": "satisfied/pass",
                "NHI6-2025_smt": "satisfied/other",
                "PR.AA-05_smt": "not-satisfied/fail", "PR.AA-01_smt": "satisfied/pass",
                "ZT-1_smt": "not-satisfied/fail",
                "ZT-10_smt": "satisfied/pass", "ac-2.4_smt": "not-satisfied/fail",
            ], "waived, partially assessed, not assessed and not applicable controls have no state")
        for finding in oscal.findings {
            #expect((finding["target"] as? [String: Any])?["type"] as? String == "statement-id")
        }
        let xml = try fixture.compactXML(PackLayout.oscalXML)
        #expect(
            xml.contains(
                #"<target type="statement-id" target-id="NHI1-2025_smt"><status state="not-satisfied" reason="fail"/>"#)
        )
        #expect(!xml.contains(#"target-id="NHI5-2025_smt""#), "a not-assessed control has no finding in XML either")
    }

    @Test func unassessedAndWaivedControlsAreReviewedAndDescribedWithoutAState() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let oscal = try OSCALJSONView(pack: fixture.pack)
        let included = Set(
            oscal.selections.flatMap {
                ($0["include-controls"] as? [[String: Any]] ?? []).compactMap { $0["control-id"] as? String }
            })
        for token in ["NHI3-2025", "NHI4-2025", "NHI5-2025", "GV.RR-02", "ac-6"] {
            #expect(included.contains(token), "\(token) is reviewed")
        }
        let byControl = Dictionary(
            oscal.observations.compactMap { observation in
                OSCALJSONView.prop(observation, "status").map { _ in
                    (OSCALJSONView.prop(observation, "control-id") ?? "", observation)
                }
            }
        ) { first, _ in first }
        #expect(Set(byControl.keys) == ["NHI3:2025", "NHI4:2025", "NHI5:2025", "GV.RR-02", "AC-6"])
        let notAssessed = try #require(byControl["NHI5:2025"])
        #expect(OSCALJSONView.prop(notAssessed, "status") == "not-assessed")
        #expect(OSCALJSONView.props(notAssessed, "missing-input") == ["scanner-report"])
        #expect(
            (notAssessed["description"] as? String)?.contains("secret-scanner report") == true,
            "the missing input is named")
        #expect(OSCALJSONView.props(try #require(byControl["AC-6"]), "missing-input") == ["changes"])
        #expect((byControl["GV.RR-02"]?["description"] as? String)?.contains("attestation") == true)
        #expect(
            (byControl["NHI3:2025"]?["description"] as? String)?.contains("W-1") == true,
            "a waived control names its waiver")
        let xml = try fixture.compactXML(PackLayout.oscalXML)
        #expect(xml.contains(#"<prop name="missing-input" ns="urn:nhi-audit" value="scanner-report"/>"#))
    }

    @Test func notApplicableControlsAreExcludedWithTheReason() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let oscal = try OSCALJSONView(pack: fixture.pack)
        let owasp = try #require(oscal.selections.first { OSCALJSONView.prop($0, "framework") == "owasp-nhi-2025" })
        #expect(
            (owasp["exclude-controls"] as? [[String: Any]])?.compactMap { $0["control-id"] as? String } == ["NHI7-2025"]
        )
        #expect((owasp["remarks"] as? String)?.contains("Not applicable: NHI7:2025: Out of scope") == true)
        #expect(
            !(owasp["include-controls"] as? [[String: Any]] ?? []).contains {
                $0["control-id"] as? String == "NHI7-2025"
            })
        #expect(try fixture.compactXML(PackLayout.oscalXML).contains(#"<exclude-control control-id="NHI7-2025"/>"#))
    }

    @Test func attestedControlsCiteTheAttestationWithItsHash() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let oscal = try OSCALJSONView(pack: fixture.pack)
        let finding = try #require(
            oscal.findings.first { ($0["target"] as? [String: Any])?["target-id"] as? String == "NHI6-2025_smt" })
        let related = try #require(
            (finding["related-observations"] as? [[String: Any]])?.first?["observation-uuid"] as? String)
        let observation = try #require(oscal.observations.first { $0["uuid"] as? String == related })
        let evidence = try #require((observation["relevant-evidence"] as? [[String: Any]])?.first)
        let resource = try #require(
            oscal.resource(evidence["href"] as? String ?? ""), "the evidence link opens a back-matter resource")
        let hash = (resource["rlinks"] as? [[String: Any]])?.first.flatMap { ($0["hashes"] as? [[String: Any]])?.first }
        #expect(hash?["algorithm"] as? String == "SHA-256")
        #expect(hash?["value"] as? String == SampleResults.sha("notes/README.txt"))
        #expect(OSCALJSONView.prop(resource, "evidence-path") == "notes/README.txt")
    }

    @Test func activeWaiversAreApprovedDeviationsAndExpiredOnesReopen() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let oscal = try OSCALJSONView(pack: fixture.pack)
        let byFinding = Dictionary(oscal.risks.map { (OSCALJSONView.prop($0, "finding-id") ?? "", $0) }) { first, _ in
            first
        }
        #expect(Set(byFinding.keys) == Set(SampleResults.findings().map(\.id)), "a risk per finding, waived or not")

        let waived = try #require(byFinding["f-unowned"])
        #expect(waived["status"] as? String == "deviation-approved")
        #expect(waived["deadline"] as? String == "2026-12-31T00:00:00Z")
        let response = try #require((waived["remediations"] as? [[String: Any]])?.first)
        #expect(response["description"] as? String == "Owner being appointed", "the justification is the response")
        let entry = try #require(((waived["risk-log"] as? [String: Any])?["entries"] as? [[String: Any]])?.first)
        #expect(entry["status-change"] as? String == "deviation-approved")
        #expect(entry["end"] as? String == "2026-12-31T00:00:00Z")
        #expect(entry["start"] as? String == "2026-06-15T00:00:00Z", "the deviation starts when it was approved")
        #expect(OSCALJSONView.prop(entry, "approved") == "2026-06-15T00:00:00Z")
        #expect(
            (entry["related-responses"] as? [[String: Any]])?.first?["response-uuid"] as? String == response["uuid"]
                as? String)
        let party = try #require((entry["logged-by"] as? [[String: Any]])?.first?["party-uuid"] as? String)
        let parties = oscal.metadata["parties"] as? [[String: Any]] ?? []
        #expect(
            parties.first { $0["uuid"] as? String == party }?["name"] as? String == "ciso",
            "the approver logs the entry")
        #expect((entry["description"] as? String)?.contains("CHG-42") == true)

        // W-2 expired and waivers.yaml gave no approval date: the log holds only the expiry, and
        // says the approval date is not recorded rather than inventing one.
        let expired = try #require(byFinding["f-stale"])
        #expect(expired["status"] as? String == "open")
        let expiredLog = try #require((expired["risk-log"] as? [String: Any])?["entries"] as? [[String: Any]])
        #expect(expiredLog.count == 1)
        let expiry = try #require(expiredLog.first)
        #expect(expiry["status-change"] as? String == "open")
        #expect(expiry["start"] as? String == "2026-08-01T00:00:00Z")
        #expect(OSCALJSONView.prop(expiry, "approved") == "not-recorded")
        #expect(byFinding["f-dual"]?["status"] as? String == "open")
        #expect(byFinding["f-dual"]?["risk-log"] == nil)

        let xml = try fixture.compactXML(PackLayout.oscalXML)
        #expect(xml.contains("<status>deviation-approved</status>"))
        #expect(xml.contains("<status-change>deviation-approved</status-change>"))
    }

    /// The other two cases: an expired waiver whose approval date is known logs the approval and
    /// then the expiry; an active waiver without one starts at the period end and says so.
    @Test func approvalDatesStartTheDeviationOrAreSaidToBeMissing() throws {
        var document = SampleResults.document()
        for index in document.findings.indices {
            switch document.findings[index].id {
            case "f-stale": document.findings[index].waiver?.approved = ISO8601.parse("2026-02-01")
            case "f-unowned": document.findings[index].waiver?.approved = nil
            default: break
            }
        }
        for index in document.waivers.indices {
            document.waivers[index].approved = document.waivers[index].id == "W-2" ? ISO8601.parse("2026-02-01") : nil
        }
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let out = fixture.root.appendingPathComponent("approvals")
        try PackWriter.write(
            results: document, catalogs: SampleResults.catalogs(), inputFiles: fixture.inputs, to: out,
            options: SampleResults.options())
        let risks = try OSCALJSONView(pack: out).risks
        func log(_ finding: String) throws -> [[String: Any]] {
            let risk = try #require(risks.first { OSCALJSONView.prop($0, "finding-id") == finding })
            return try #require((risk["risk-log"] as? [String: Any])?["entries"] as? [[String: Any]])
        }
        let expired = try log("f-stale")
        #expect(expired.map { $0["status-change"] as? String } == ["deviation-approved", "open"])
        #expect(expired.map { $0["start"] as? String } == ["2026-02-01T00:00:00Z", "2026-08-01T00:00:00Z"])
        let active = try log("f-unowned")
        #expect(active.count == 1)
        #expect(active.first?["start"] as? String == "2026-09-30T00:00:00Z")
        #expect(OSCALJSONView.prop(try #require(active.first), "approved") == "not-recorded")
        #expect((active.first?["description"] as? String)?.contains("records no approval date") == true)
        let xml = try String(contentsOf: out.appendingPathComponent(PackLayout.xml), encoding: .utf8)
        #expect(xml.contains(#"approved="2026-02-01T00:00:00Z""#))
    }

    @Test func frameworkVersionsAreNamedOnce() throws {
        var document = SampleResults.document()
        document.frameworks[1].title = "NIST Cybersecurity Framework (CSF) 2.0"
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let out = fixture.root.appendingPathComponent("csf")
        try PackWriter.write(
            results: document, catalogs: [], inputFiles: fixture.inputs, to: out, options: SampleResults.options())
        let descriptions = try OSCALJSONView(pack: out).selections.compactMap { $0["description"] as? String }
        #expect(descriptions.contains("NIST Cybersecurity Framework (CSF) 2.0"))
        #expect(descriptions.contains("OWASP Non-Human Identities Top 10 2025"))
        #expect(!descriptions.contains { $0.contains("2.0 2.0") })
    }
}

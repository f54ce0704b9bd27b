import Foundation
import NHIFiles
import NHIModel
import NHIPack
import Testing
import TestSupport

/// The pack's OSCAL files beyond the results' verdicts: per-pack UUIDs, the shipped assessment
/// plan and catalogs, back-matter links that resolve, and timestamps from the evidence.
@Suite struct OSCALPackFilesTests {
    static let oscalFiles =
        [PackLayout.oscalJSON, PackLayout.oscalXML, PackLayout.oscalPlanJSON, PackLayout.oscalPlanXML]
        + ["nist-csf-2.0", "nist-sp800-207", "nist-sp800-53r5", "owasp-nhi-2025"].flatMap {
            ["\(PackLayout.oscalCatalogs)/\($0).json", "\(PackLayout.oscalCatalogs)/\($0).xml"]
        }

    @Test func theManifestListsEveryOSCALFile() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let listed = Set(fixture.summary.files.map(\.path))
        for file in Self.oscalFiles { #expect(listed.contains(file), "\(file)") }
        try Data("{}".utf8).write(
            to: fixture.pack.appendingPathComponent("\(PackLayout.oscalCatalogs)/owasp-nhi-2025.json"))
        let problems = Verifier.verify(pack: fixture.pack, publicKey: nil)
        #expect(problems.map(\.path) == ["\(PackLayout.oscalCatalogs)/owasp-nhi-2025.json"])
    }

    @Test func uuidsDifferBetweenPeriodsButNotBetweenRuns() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        var nextQuarter = SampleResults.document()
        nextQuarter.scope.periodStart = ISO8601.parse("2026-10-01")
        nextQuarter.scope.periodEnd = ISO8601.parse("2026-12-31")
        nextQuarter.generatedAt = ISO8601.parse("2027-01-01T12:00:00Z")!
        let other = fixture.root.appendingPathComponent("q4")
        try PackWriter.write(
            results: nextQuarter, catalogs: SampleResults.catalogs(), inputFiles: fixture.inputs, to: other,
            options: SampleResults.options())
        for (path, model) in [
            (PackLayout.oscalJSON, "assessment-results"), (PackLayout.oscalPlanJSON, "assessment-plan"),
        ] {
            let first = try OSCALJSONView(pack: fixture.pack, path: path, model: model).allUUIDs
            let second = try OSCALJSONView(pack: other, path: path, model: model).allUUIDs
            #expect(first.count > 10)
            #expect(Set(first).intersection(second).isEmpty, "\(path): two periods share a UUID")
            #expect(Set(first).count == first.count, "\(path): a UUID is used twice")
        }
    }

    @Test func resultsImportTheShippedPlan() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let results = try OSCALJSONView(pack: fixture.pack)
        let href = try #require((results.root["import-ap"] as? [String: Any])?["href"] as? String)
        let oscalFolder = fixture.pack.appendingPathComponent("oscal")
        let plan = try OSCALJSONView(
            Data(contentsOf: oscalFolder.appendingPathComponent(href)), model: "assessment-plan")
        #expect(plan.metadata["oscal-version"] as? String == "1.2.0")
        #expect(results.metadata["oscal-version"] as? String == "1.2.0")
        #expect(try fixture.compactXML(PackLayout.oscalXML).contains(#"<import-ap href="assessment-plan.xml"/>"#))
        #expect(
            try fixture.compactXML(PackLayout.oscalPlanXML).contains(
                #"<assessment-plan uuid="\#(plan.root["uuid"] as? String ?? "-")" xmlns="http://csrc.nist.gov/ns/oscal/1.0">"#
            ))

        let activities = (plan.root["local-definitions"] as? [String: Any])?["activities"] as? [[String: Any]] ?? []
        #expect(
            activities.compactMap { OSCALJSONView.prop($0, "rule") }.sorted()
                == SampleResults.options().rules.map(\.rule.id).sorted())
        let dualUse = try #require(activities.first { OSCALJSONView.prop($0, "rule") == "dual-use-authority" })
        let informs = ((dualUse["related-controls"] as? [String: Any])?["control-selections"] as? [[String: Any]] ?? [])
            .flatMap { ($0["include-controls"] as? [[String: Any]] ?? []).compactMap { $0["control-id"] as? String } }
        #expect(informs.sorted() == ["NHI1-2025", "PR.AA-05"])
        #expect(Self.controlIDs(plan.selections) == Self.controlIDs(results.selections))
        let subjects =
            (plan.root["assessment-subjects"] as? [[String: Any]])?.first?["include-subjects"] as? [[String: Any]] ?? []
        #expect(subjects.count == SampleResults.files.count, "every evidence file is a subject")
        for subject in subjects { #expect(plan.resource("#\(subject["subject-uuid"] as? String ?? "")") != nil) }
        let ssp = try #require((plan.root["import-ssp"] as? [String: Any])?["href"] as? String)
        #expect((plan.resource(ssp)?["description"] as? String)?.contains("Environment prod") == true)
    }

    @Test func everySelectedControlAndTargetResolvesInItsShippedCatalog() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let oscalFolder = fixture.pack.appendingPathComponent("oscal")
        for (path, model) in [
            (PackLayout.oscalJSON, "assessment-results"), (PackLayout.oscalPlanJSON, "assessment-plan"),
        ] {
            let document = try OSCALJSONView(pack: fixture.pack, path: path, model: model)
            #expect(document.selections.count == 4)
            for selection in document.selections {
                let link = try #require(
                    (selection["links"] as? [[String: Any]])?.first?["href"] as? String,
                    "\(path): a selection names its catalog")
                let rlink = try #require((document.resource(link)?["rlinks"] as? [[String: Any]])?.first)
                let file = oscalFolder.appendingPathComponent(rlink["href"] as? String ?? "")
                let data = try Data(contentsOf: file)
                #expect((rlink["hashes"] as? [[String: Any]])?.first?["value"] as? String == SHA256Hex.of(data))
                let catalog = try #require(
                    (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["catalog"] as? [String: Any])
                let (controls, parts) = Self.catalogIDs(catalog)
                for id in Self.controlIDs([selection]) {
                    #expect(controls.contains(id), "\(path): \(id) is not in \(file.lastPathComponent)")
                }
                if model == "assessment-results" {
                    let framework = OSCALJSONView.prop(selection, "framework")
                    for finding in document.findings where OSCALJSONView.prop(finding, "framework") == framework {
                        let target = (finding["target"] as? [String: Any])?["target-id"] as? String ?? ""
                        #expect(parts.contains(target), "\(target) is not a statement of \(file.lastPathComponent)")
                    }
                }
            }
        }
        let owasp = try fixture.compactXML("\(PackLayout.oscalCatalogs)/owasp-nhi-2025.xml")
        #expect(
            owasp.contains(
                #"<control id="NHI1-2025"><title>Improper Offboarding</title><prop name="label" value="NHI1:2025"/>"#))
    }

    @Test func backMatterLinksResolveAndEvidenceIsNamedByHash() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let oscalFolder = fixture.pack.appendingPathComponent("oscal")
        for (path, model) in [
            (PackLayout.oscalJSON, "assessment-results"), (PackLayout.oscalPlanJSON, "assessment-plan"),
        ] {
            let document = try OSCALJSONView(pack: fixture.pack, path: path, model: model)
            var evidencePaths: [String] = []
            for resource in document.resources {
                for rlink in resource["rlinks"] as? [[String: Any]] ?? [] {
                    let href = rlink["href"] as? String ?? ""
                    let hash = (rlink["hashes"] as? [[String: Any]])?.first?["value"] as? String
                    if href.hasPrefix("ni:///sha-256;") {
                        let path = try #require(OSCALJSONView.prop(resource, "evidence-path"))
                        evidencePaths.append(path)
                        #expect(hash == SampleResults.sha(path))
                    } else {
                        let target = oscalFolder.appendingPathComponent(href).standardizedFileURL
                        #expect(target.path.hasPrefix(fixture.pack.standardizedFileURL.path), "\(href) leaves the pack")
                        #expect(
                            FileManager.default.fileExists(atPath: target.path), "\(path): \(href) does not resolve")
                    }
                }
            }
            #expect(evidencePaths.sorted() == SampleResults.files.keys.sorted(), "\(path)")
        }
    }

    @Test func timesComeFromTheEvidenceAndNeverPostdateTheDocument() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let oscal = try OSCALJSONView(pack: fixture.pack)
        let modified = try #require(oscal.metadata["last-modified"] as? String)
        #expect(oscal.result["start"] as? String == "2026-07-01T00:00:00Z")
        #expect(oscal.result["end"] as? String == "2026-09-30T00:00:00Z")
        #expect(try #require(oscal.result["end"] as? String) <= modified)
        for observation in oscal.observations {
            let collected = observation["collected"] as? String ?? ""
            #expect(collected <= modified)
            #expect(collected != modified, "collected is the evidence's time, not the pack's")
        }
        let attestation = oscal.observations.first { OSCALJSONView.prop($0, "attested-by") != nil }
        #expect(attestation?["collected"] as? String == "2026-09-15T00:00:00Z")

        func observation(_ finding: String) throws -> [String: Any] {
            try #require(oscal.observations.first { OSCALJSONView.prop($0, "finding-id") == finding })
        }
        // f-dual's evidence is the trail, whose first record the ledger dates.
        let dated = try observation("f-dual")
        #expect(dated["collected"] as? String == "2026-09-02T10:00:00Z")
        #expect(OSCALJSONView.prop(dated, "collected-from") == "record-time")
        #expect(
            (oscal.result["remarks"] as? String)?.contains("collected-from period-end") == true,
            "the prop is explained once")
        // The credential report's records state no time: the period end, said as such.
        let undated = try observation("f-key")
        #expect(undated["collected"] as? String == "2026-09-30T00:00:00Z")
        #expect(OSCALJSONView.prop(undated, "collected-from") == "period-end")

        let trail = try #require(
            oscal.resources.first { OSCALJSONView.prop($0, "evidence-path") == "aws/cloudtrail/2026-09.json" })
        #expect(OSCALJSONView.prop(trail, "first-record-at") == "2026-09-02T10:00:00Z")
        #expect(OSCALJSONView.prop(trail, "last-record-at") == "2026-09-29T18:30:00Z")
        let xml = try fixture.compactXML(PackLayout.oscalXML)
        #expect(xml.contains("<collected>2026-09-02T10:00:00Z</collected>"))
        let pack = try fixture.compactXML(PackLayout.xml)
        #expect(pack.contains(#"first-record-at="2026-09-02T10:00:00Z" last-record-at="2026-09-29T18:30:00Z""#))
    }

    @Test func inputTextIsEscapedInThePlanAndCatalogs() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        for path in [PackLayout.oscalPlanXML, "\(PackLayout.oscalCatalogs)/nist-sp800-207.xml"] {
            let xml = try fixture.text(path)
            #expect(!xml.contains(SampleResults.script), "\(path)")
            #expect(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
        }
        let plan = try OSCALJSONView(pack: fixture.pack, path: PackLayout.oscalPlanJSON, model: "assessment-plan")
        #expect((plan.metadata["title"] as? String)?.contains(#"\<script\>alert(1)\</script\>"#) == true)
        #expect((plan.metadata["title"] as? String)?.contains(#"Example \& Co"#) == true)
    }

    static func controlIDs(_ selections: [[String: Any]]) -> [String] {
        selections.flatMap {
            ($0["include-controls"] as? [[String: Any]] ?? []).compactMap { $0["control-id"] as? String }
        }
    }

    /// Control ids and part ids of a catalog, nested controls included.
    static func catalogIDs(_ catalog: [String: Any]) -> (controls: Set<String>, parts: Set<String>) {
        var controls: Set<String> = [], parts: Set<String> = []
        func walk(_ list: [[String: Any]]) {
            for control in list {
                controls.insert(control["id"] as? String ?? "")
                for part in control["parts"] as? [[String: Any]] ?? [] { parts.insert(part["id"] as? String ?? "") }
                walk(control["controls"] as? [[String: Any]] ?? [])
            }
        }
        walk(catalog["controls"] as? [[String: Any]] ?? [])
        return (controls, parts)
    }
}

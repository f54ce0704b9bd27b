import Foundation
import NHIPack
import Testing
import TestSupport

/// The example organisation's two quarters as a GRC tool receives them: NIST's schemas accept
/// the OSCAL, and compliance-trestle imports and validates it and records what the packs mean
/// (scripts/check-oscal-trestle.py lists the checks).
@Suite(.serialized) struct NorthwindOSCALTests {
    static let quarters = Fixtures.packageRoot.appendingPathComponent("evidence/northwind")

    /// Both quarters packed once, Q4 chained to Q3.
    static let packs: Result<[URL], PackFailure> = {
        do {
            let out = try Fixtures.temporaryFolder("northwind-oscal")
            var packs: [URL] = []
            for (quarter, generated) in [("2026-Q3", "2026-10-01T00:00:00Z"), ("2026-Q4", "2027-01-01T00:00:00Z")] {
                let pack = out.appendingPathComponent(quarter)
                let previous = packs.last.map { ["--previous", $0.path] } ?? []
                let run = try CLIRunner.run(
                    [
                        "pack", quarters.appendingPathComponent(quarter).path, "--out", pack.path,
                        "--generated-at", generated,
                    ] + previous)
                guard run.status == 0 else { return .failure(PackFailure(message: "\(quarter): \(run.stderr)")) }
                packs.append(pack)
            }
            return .success(packs)
        } catch {
            return .failure(PackFailure(message: "\(error)"))
        }
    }()

    struct PackFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func bothQuartersValidateAgainstNISTSchemas() throws {
        let xsd = try #require(SchemaTests.oscalXSD)
        let packs = try Self.packs.get()
        let wrapper = try OSCALWrapperSchema.write(into: packs[0].deletingLastPathComponent(), including: xsd)
        for pack in packs {
            let xml = try Data(contentsOf: pack.appendingPathComponent(PackLayout.oscalXML))
            let errors = try XMLSchemaValidator.validate(xml, schema: xsd, documentName: PackLayout.oscalXML)
            #expect(errors.isEmpty, "\(pack.lastPathComponent): \(errors.prefix(5))")
            let catalogs = try FileManager.default.contentsOfDirectory(
                atPath: pack.appendingPathComponent(PackLayout.oscalCatalogs).path
            )
            .filter { $0.hasSuffix(".xml") }.map { "\(PackLayout.oscalCatalogs)/\($0)" }
            #expect(catalogs.count == 4)
            for path in [PackLayout.oscalPlanXML] + catalogs {
                let data = try Data(contentsOf: pack.appendingPathComponent(path))
                let problems = try XMLSchemaValidator.validate(data, schema: wrapper, documentName: path)
                #expect(problems.isEmpty, "\(pack.lastPathComponent): \(problems.prefix(5))")
            }
            guard OSCALJSONCheck.available else { continue }
            let json = try OSCALJSONCheck.run(
                schema: try #require(SchemaTests.oscalJSONSchema),
                document: pack.appendingPathComponent(PackLayout.oscalJSON))
            #expect(json.status == 0, "\(pack.lastPathComponent): \(json.output)")
        }
    }

    /// The XML says what the JSON says: the same verdicts, the same deviations, and its import-ap
    /// opens the plan's XML.
    @Test func bothQuartersSayTheSameInXMLAndJSON() throws {
        for pack in try Self.packs.get() {
            let json = try OSCALJSONView(pack: pack)
            let xml = try String(contentsOf: pack.appendingPathComponent(PackLayout.oscalXML), encoding: .utf8)
            func count(_ fragment: String) -> Int { xml.components(separatedBy: fragment).count - 1 }
            let states = json.findings.compactMap {
                (($0["target"] as? [String: Any])?["status"] as? [String: Any])?["state"] as? String
            }
            #expect(
                count(#"<status state="satisfied""#) == states.filter { $0 == "satisfied" }.count,
                "\(pack.lastPathComponent)")
            #expect(
                count(#"<status state="not-satisfied""#) == states.filter { $0 == "not-satisfied" }.count,
                "\(pack.lastPathComponent)")
            let deviations = json.risks.filter { $0["status"] as? String == "deviation-approved" }.count
            #expect(deviations > 0, "\(pack.lastPathComponent): the example's waivers are in force")
            #expect(count("<status>deviation-approved</status>") == deviations, "\(pack.lastPathComponent)")
            #expect(
                count(#"value="not-assessed"/>"#)
                    == json.observations.filter { OSCALJSONView.prop($0, "status") == "not-assessed" }.count)
            #expect(xml.contains(#"<import-ap href="assessment-plan.xml"/>"#))
            // Collection times and approval dates are the same in both forms.
            let collected = json.observations.compactMap { $0["collected"] as? String }
            #expect(collected.allSatisfy { count("<collected>\($0)</collected>") > 0 }, "\(pack.lastPathComponent)")
            #expect(
                count(#"value="record-time"/>"#)
                    == json.observations.filter { OSCALJSONView.prop($0, "collected-from") == "record-time" }.count)
            #expect(
                json.observations.contains { OSCALJSONView.prop($0, "collected-from") == "record-time" },
                "some evidence is dated")
            let starts = json.risks.compactMap {
                (($0["risk-log"] as? [String: Any])?["entries"] as? [[String: Any]])?.first?["start"] as? String
            }
            #expect(
                !starts.isEmpty && starts.allSatisfy { xml.contains("<start>\($0)</start>") },
                "\(pack.lastPathComponent)")
            #expect(
                !xml.contains(#"value="not-recorded""#),
                "\(pack.lastPathComponent): every Northwind waiver has its approval date")
            #expect(FileManager.default.fileExists(atPath: pack.appendingPathComponent(PackLayout.oscalPlanXML).path))
        }
    }

    @Test(.enabled(if: TrestleCheck.available, "\(TrestleCheck.missingMessage)"))
    func complianceTrestleImportsValidatesAndReadsBothQuarters() throws {
        let result = try TrestleCheck.run(try Self.packs.get())
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("trestle 2 pack(s): valid"))
    }

    /// The check must bite: a quarter whose not-assessed control carries a state, whose waived
    /// findings' risks are open or start their deviation at another date than the approval, whose
    /// observation was collected after the period and whose UUIDs repeat the other quarter's is
    /// refused.
    @Test(.enabled(if: TrestleCheck.available, "\(TrestleCheck.missingMessage)"))
    func complianceTrestleCheckRefusesABrokenPack() throws {
        let packs = try Self.packs.get()
        let broken = packs[0].deletingLastPathComponent().appendingPathComponent("broken")
        try? FileManager.default.removeItem(at: broken)
        try FileManager.default.copyItem(at: packs[1], to: broken)
        defer { try? FileManager.default.removeItem(at: broken) }
        let file = broken.appendingPathComponent(PackLayout.oscalJSON)
        var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var ar = try #require(document["assessment-results"] as? [String: Any])
        var results = try #require(ar["results"] as? [[String: Any]])
        var risks = try #require(results[0]["risks"] as? [[String: Any]])
        let deviations = risks.indices.filter { risks[$0]["status"] as? String == "deviation-approved" }
        for index in deviations.dropFirst() { risks[index]["status"] = "open" }
        let first = try #require(deviations.first)
        var log = try #require(risks[first]["risk-log"] as? [String: Any])
        var entries = try #require(log["entries"] as? [[String: Any]])
        entries[0]["start"] = "2026-12-31T00:00:00Z"
        log["entries"] = entries
        risks[first]["risk-log"] = log
        results[0]["risks"] = risks
        var observations = try #require(results[0]["observations"] as? [[String: Any]])
        observations[0]["collected"] = "2030-01-01T00:00:00Z"
        results[0]["observations"] = observations
        var findings = try #require(results[0]["findings"] as? [[String: Any]])
        var copy = try #require(findings.first)
        let notAssessed = try #require(
            (results[0]["observations"] as? [[String: Any]])?.first {
                OSCALJSONView.prop($0, "status") == "not-assessed"
            })
        copy["uuid"] = UUID().uuidString.lowercased()
        copy["props"] = notAssessed["props"]
        findings.append(copy)
        results[0]["findings"] = findings
        ar["results"] = results
        ar["import-ap"] = ["href": "../index.html"]
        document["assessment-results"] = ar
        try JSONSerialization.data(withJSONObject: document).write(to: file)

        let result = try TrestleCheck.run([packs[1], broken])
        #expect(result.status == 1)
        #expect(result.output.contains("is not-assessed but has the target state"), "\(result.output)")
        #expect(result.output.contains("has risk status open"), "\(result.output)")
        #expect(result.output.contains("not at its approval"), "\(result.output)")
        #expect(result.output.contains("was collected after the result's end"), "\(result.output)")
        #expect(result.output.contains("share"), "\(result.output)")
        #expect(result.output.contains("import-ap ../index.html does not open"), "\(result.output)")
    }
}

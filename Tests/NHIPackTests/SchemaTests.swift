import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

@Suite struct SchemaTests {
    static let packSchema = Fixtures.packageRoot.appendingPathComponent("templates/evidence-pack.xsd")
    static let oscalXSD = Fixtures.sharedFile("oscal/schemas/v1.2.0/oscal_assessment-results_schema.xsd")
    static let oscalJSONSchema = Fixtures.sharedFile("oscal/schemas/v1.0.6/oscal_assessment-results_schema.json")
    static let oscalCatalogSchema = Fixtures.sharedFile("oscal/schemas/v1.2.0/oscal_catalog_schema.json")

    @Test func evidencePackXMLValidatesAgainstItsSchema() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let errors = try XMLSchemaValidator.validate(
            fixture.data(PackLayout.xml), schema: Self.packSchema, documentName: PackLayout.xml)
        #expect(errors.isEmpty, "\(errors)")
        let xml = try fixture.text(PackLayout.xml)
        #expect(xml.contains("<control id=\"AC-2(4)\" status=\"not-satisfied\""))
        #expect(xml.contains("<waiver id=\"W-2\" rule=\"stale-identity\" state=\"expired\""))
    }

    @Test func validatorReportsSchemaViolationsWithLines() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let broken = try fixture.text(PackLayout.xml).replacingOccurrences(
            of: "severity=\"critical\"", with: "severity=\"apocalyptic\"")
        let errors = try XMLSchemaValidator.validate(
            Data(broken.utf8), schema: Self.packSchema, documentName: "broken.xml")
        #expect(!errors.isEmpty)
        #expect(errors.first?.hasPrefix("broken.xml:") == true)
        #expect(errors.contains { $0.contains("apocalyptic") })
    }

    @Test func validatorReportsIllFormedXML() throws {
        let errors = try XMLSchemaValidator.validate(
            Data("<evidence-pack><a></evidence-pack>".utf8), schema: Self.packSchema, documentName: "bad.xml")
        #expect(errors.first?.hasPrefix("bad.xml:1:") == true)
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func oscalXMLValidatesAgainstNISTSchema() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let schema = try #require(Self.oscalXSD)
        let errors = try XMLSchemaValidator.validate(
            fixture.data(PackLayout.oscalXML), schema: schema, documentName: PackLayout.oscalXML)
        #expect(errors.isEmpty, "\(errors.prefix(10))")
    }

    /// The plan and catalogs have no NIST XSD in ../shared; OSCALWrapperSchema checks them against
    /// the types of NIST's 1.2.0 assessment-results XSD. A control without its title must fail.
    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func oscalPlanAndCatalogXMLValidateAgainstNISTTypes() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let schema = try OSCALWrapperSchema.write(into: fixture.root, including: try #require(Self.oscalXSD))
        let catalogs = try FileManager.default.contentsOfDirectory(
            atPath: fixture.pack.appendingPathComponent(PackLayout.oscalCatalogs).path
        )
        .filter { $0.hasSuffix(".xml") }.sorted().map { "\(PackLayout.oscalCatalogs)/\($0)" }
        #expect(catalogs.count == 4)
        for path in [PackLayout.oscalPlanXML] + catalogs {
            let errors = try XMLSchemaValidator.validate(fixture.data(path), schema: schema, documentName: path)
            #expect(errors.isEmpty, "\(errors.prefix(5))")
        }
        let broken = try fixture.text(catalogs[0]).replacingOccurrences(of: "<title>", with: "<titel>")
            .replacingOccurrences(of: "</title>", with: "</titel>")
        #expect(!(try XMLSchemaValidator.validate(Data(broken.utf8), schema: schema, documentName: "broken")).isEmpty)
        // A plan without its required import-ssp, or with a child NIST's plan does not define
        // there, must fail too.
        let plan = try fixture.text(PackLayout.oscalPlanXML)
        let start = try #require(plan.range(of: "<import-ssp")), end = try #require(plan.range(of: "</import-ssp>"))
        var withoutSSP = plan
        withoutSSP.removeSubrange(start.lowerBound..<end.upperBound)
        #expect(
            !(try XMLSchemaValidator.validate(Data(withoutSSP.utf8), schema: schema, documentName: "no-ssp")).isEmpty)
        let stray = plan.replacingOccurrences(of: "<reviewed-controls>", with: "<observation/><reviewed-controls>")
        #expect(!(try XMLSchemaValidator.validate(Data(stray.utf8), schema: schema, documentName: "stray")).isEmpty)
    }

    @Test(.enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"))
    func nistExampleValidatesWithOurValidator() throws {
        let example = try #require(Fixtures.sharedFile("oscal/examples/ifa_assessment-results-example.xml"))
        let errors = try XMLSchemaValidator.validate(
            Data(contentsOf: example), schema: try #require(Self.oscalXSD), documentName: "example")
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test(
        .enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"),
        .enabled(if: OSCALJSONCheck.available, "python3 with jsonschema and regex is needed for the OSCAL JSON check"))
    func oscalJSONValidatesAgainstNISTSchema() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let result = try OSCALJSONCheck.run(
            schema: try #require(Self.oscalJSONSchema),
            document: fixture.pack.appendingPathComponent(PackLayout.oscalJSON))
        #expect(result.status == 0, "\(result.output)")
    }

    /// The generated catalogs against NIST's 1.2.0 catalog JSON Schema; a catalog whose control
    /// lacks its title must fail, so the check is known to bite.
    @Test(
        .enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"),
        .enabled(if: OSCALJSONCheck.available, "python3 with jsonschema and regex is needed for the OSCAL JSON check"))
    func oscalCatalogsValidateAgainstNISTSchema() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let schema = try #require(Self.oscalCatalogSchema)
        let folder = fixture.pack.appendingPathComponent(PackLayout.oscalCatalogs)
        let catalogs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(catalogs.count == 4)
        for name in catalogs {
            let result = try OSCALJSONCheck.run(schema: schema, document: folder.appendingPathComponent(name))
            #expect(result.status == 0, "\(result.output)")
        }
        let broken = fixture.root.appendingPathComponent("broken-catalog.json")
        let text = try String(contentsOf: folder.appendingPathComponent("owasp-nhi-2025.json"), encoding: .utf8)
        try Data(text.replacingOccurrences(of: #""title":"Improper Offboarding""#, with: #""titel":"x""#).utf8).write(
            to: broken)
        #expect(try OSCALJSONCheck.run(schema: schema, document: broken).status == 1)
    }

    @Test(
        .enabled(if: Fixtures.shared != nil, "\(Fixtures.sharedMissingMessage)"),
        .enabled(if: OSCALJSONCheck.available, "python3 with jsonschema and regex is needed for the OSCAL JSON check"))
    func oscalJSONCheckRejectsAnInvalidDocument() throws {
        let root = try Fixtures.temporaryFolder("nhi-oscal")
        defer { try? FileManager.default.removeItem(at: root) }
        let document = root.appendingPathComponent("bad.json")
        try Data(#"{"assessment-results":{"uuid":"not-a-uuid"}}"#.utf8).write(to: document)
        let result = try OSCALJSONCheck.run(schema: try #require(Self.oscalJSONSchema), document: document)
        #expect(result.status == 1, "\(result.output)")
    }

    @Test func oscalIdentifiersAreTokensAndStable() {
        #expect(UUIDv5.make("test").uuidString.lowercased() == "396260c6-4d91-507b-b646-03e361fd583f")
        #expect(UUIDv5.string("test") == "396260c6-4d91-507b-b646-03e361fd583f")
        for name in ["", "a", "oscal\u{1F}x\u{1F}observation\u{1F}f-1", SampleResults.hostile] {
            #expect(UUIDv5.string(name) == UUIDv5.make(name).uuidString.lowercased(), "\(name)")
        }
        #expect(UUIDv5.string("a") == UUIDv5.string("a"))
        #expect(UUIDv5.string("a") != UUIDv5.string("b"))
    }
}

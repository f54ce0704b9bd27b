import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

/// OSCAL at scale: compact unless asked, and the compact form says exactly what the pretty one
/// says (the compact results are spliced together list by list, which must lose nothing).
@Suite struct OSCALCompactTests {
    static let documents = [
        PackLayout.oscalJSON, PackLayout.oscalPlanJSON, "\(PackLayout.oscalCatalogs)/owasp-nhi-2025.json",
    ]
    static let xmlDocuments = [
        PackLayout.oscalXML, PackLayout.oscalPlanXML, "\(PackLayout.oscalCatalogs)/owasp-nhi-2025.xml",
    ]

    @Test func compactByDefaultAndTheSameContentAsPretty() throws {
        let compact = try PackFixture()
        defer { compact.remove() }
        var options = SampleResults.options()
        options.pretty = true
        let pretty = try PackFixture(options: options)
        defer { pretty.remove() }
        for path in Self.documents {
            let small = try compact.data(path), large = try pretty.data(path)
            #expect(small.filter { $0 == 0x0A }.count == 1, "\(path): one line")
            #expect(large.filter { $0 == 0x0A }.count > 20, "\(path): --pretty lays it out")
            let a = try Self.withoutCatalogHashes(small), b = try Self.withoutCatalogHashes(large)
            #expect(a != nil && a == b, "\(path): compact and pretty differ in content")
        }
        let results = try OSCALJSONView(pack: compact.pack)
        #expect(
            results.observations.count == SampleResults.findings().count + 6,
            "one observation per finding, one per undecided control")
        for path in Self.xmlDocuments {
            #expect(try compact.text(path).filter { $0 == "\n" }.count <= 2, "\(path): one line")
            #expect(
                try Self.layoutFree(compact.compactXML(path)) == Self.layoutFree(pretty.compactXML(path)), "\(path)")
        }
    }

    /// The document without what depends on the bytes of the pack files (the SHA-256 of the
    /// catalogs and results.json it links, and the assessment results' uuids, derived from the
    /// results.json digest), which differ with the layout.
    static func withoutCatalogHashes(_ data: Data) throws -> NSDictionary? {
        func strip(_ value: Any) -> Any {
            if var object = value as? [String: Any] {
                if let href = object["href"] as? String, href.hasPrefix("catalogs/") || href.hasPrefix("../") {
                    object["hashes"] = nil
                }
                if object["name"] as? String == "results-sha256" { object["value"] = nil }
                if object["observations"] != nil || object["results"] != nil { object["uuid"] = nil }
                return object.mapValues(strip)
            }
            if let list = value as? [Any] { return list.map(strip) }
            return value
        }
        return strip(try JSONSerialization.jsonObject(with: data)) as? NSDictionary
    }

    /// The XML without what depends on the bytes of the pack files, as `withoutCatalogHashes`.
    static func layoutFree(_ xml: String) -> String {
        xml.replacingOccurrences(
            of: #"<hash algorithm="SHA-256">[0-9a-f]{64}</hash>"#, with: "", options: .regularExpression
        )
        .replacingOccurrences(
            of: #"(<(?:assessment-results|result)\b[^>]*?) uuid="[^"]*""#, with: "$1", options: .regularExpression
        )
        .replacingOccurrences(
            of: #"name="results-sha256"( ns="[^"]*")? value="[0-9a-f]{64}""#, with: "", options: .regularExpression)
    }

    /// Each identity is one inventory item, referenced by uuid from every observation about it.
    @Test func subjectsAreDefinedOnceAndReferenced() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let results = try OSCALJSONView(pack: fixture.pack)
        let items =
            (results.result["local-definitions"] as? [String: Any])?["inventory-items"] as? [[String: Any]] ?? []
        let itemUUIDs = items.compactMap { $0["uuid"] as? String }
        #expect(Set(itemUUIDs).count == itemUUIDs.count)
        #expect(itemUUIDs.count == Set(SampleResults.findings().map(\.subject)).count)
        for observation in results.observations where OSCALJSONView.prop(observation, "finding-id") != nil {
            let subjects = (observation["subjects"] as? [[String: Any]] ?? []).compactMap {
                $0["subject-uuid"] as? String
            }
            #expect(subjects.count == 1 && itemUUIDs.contains(subjects[0]))
        }
    }
}

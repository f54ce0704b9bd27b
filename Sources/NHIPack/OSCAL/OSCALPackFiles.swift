import Foundation
import NHIModel

/// Every OSCAL file of a pack, path and bytes: the assessment results and the assessment plan in
/// JSON and XML, and the catalogs their control ids resolve in (oscal/catalogs/). Laid out on
/// indented lines only when `pretty` (`pack --pretty`).
enum OSCALPackFiles {
    static func render(
        _ doc: ResultsDocument, catalogs: [Catalog], inputs: [PackInput], rules: [PackRule],
        resultsDigest: String, pretty: Bool
    ) throws -> [(String, Data)] {
        let catalogFiles = try OSCALCatalogBuilder.build(doc, catalogs: catalogs, pretty: pretty)
        var files: [(String, Data)] = []
        for format in OSCALFormat.allCases {
            let context = OSCALContext(doc: doc, inputs: inputs, format: format, catalogFiles: catalogFiles)
            let results = OSCALResultsBuilder.build(context, resultsDigest: resultsDigest)
            let plan = OSCALPlanBuilder.build(context, rules: rules)
            switch format {
            case .json:
                files.append((PackLayout.oscalJSON, try OSCALJSONWriter.results(results, pretty: pretty)))
                files.append((PackLayout.oscalPlanJSON, try OSCALJSONWriter.encode(plan, pretty: pretty)))
            case .xml:
                files.append((PackLayout.oscalXML, try OSCALResultsXMLWriter.render(results, pretty: pretty)))
                files.append((PackLayout.oscalPlanXML, try OSCALPlanXMLWriter.render(plan, pretty: pretty)))
            }
        }
        for catalog in catalogFiles {
            files.append((catalog.packPath(.json), catalog.json))
            files.append((catalog.packPath(.xml), catalog.xml))
        }
        return files
    }
}

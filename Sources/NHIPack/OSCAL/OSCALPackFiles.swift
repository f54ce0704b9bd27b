import Foundation
import NHIModel

/// Every OSCAL file of a pack, path and bytes: the assessment results and the assessment plan in
/// JSON and XML, and the catalogs their control ids resolve in (oscal/catalogs/).
enum OSCALPackFiles {
    static func render(_ doc: ResultsDocument, catalogs: [Catalog], inputs: [PackInput], rules: [PackRule],
                       resultsDigest: String) throws -> [(String, Data)] {
        let catalogFiles = try OSCALCatalogBuilder.build(doc, catalogs: catalogs)
        var files: [(String, Data)] = []
        for format in OSCALFormat.allCases {
            let context = OSCALContext(doc: doc, inputs: inputs, format: format, catalogFiles: catalogFiles)
            let results = OSCALResultsBuilder.build(context, resultsDigest: resultsDigest)
            let plan = OSCALPlanBuilder.build(context, rules: rules)
            switch format {
            case .json:
                files.append((PackLayout.oscalJSON, try json(results)))
                files.append((PackLayout.oscalPlanJSON, try json(plan)))
            case .xml:
                files.append((PackLayout.oscalXML, try OSCALResultsXMLWriter.render(results)))
                files.append((PackLayout.oscalPlanXML, try OSCALPlanXMLWriter.render(plan)))
            }
        }
        for catalog in catalogFiles {
            files.append((catalog.packPath(.json), catalog.json))
            files.append((catalog.packPath(.xml), catalog.xml))
        }
        return files
    }

    private static func json<T: Encodable>(_ value: T) throws -> Data {
        var data = try NHIJSON.encoder().encode(value)
        data.append(0x0A)
        return data
    }
}

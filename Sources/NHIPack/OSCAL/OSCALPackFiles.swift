import Foundation
import NHIModel

/// Every OSCAL file of a pack: the assessment results and the assessment plan in JSON and XML,
/// and the catalogs their control ids resolve in (oscal/catalogs/). The assessment results are
/// written into their files as they are made; laid out on indented lines only when `pretty`
/// (`pack --pretty`). The two formats depend on nothing of each other but the catalogs, so they
/// can be written side by side.
struct OSCALPackFiles {
    let doc: ResultsDocument
    let inputs: [PackInput]
    let rules: [PackRule]
    let resultsDigest: String
    let pretty: Bool
    let catalogFiles: [OSCALCatalogFile]

    init(
        _ doc: ResultsDocument, catalogs: [Catalog], inputs: [PackInput], rules: [PackRule], resultsDigest: String,
        pretty: Bool
    ) throws {
        self.doc = doc
        self.inputs = inputs
        self.rules = rules
        self.resultsDigest = resultsDigest
        self.pretty = pretty
        catalogFiles = try OSCALCatalogBuilder.build(doc, catalogs: catalogs, pretty: pretty)
    }

    /// The assessment results, the plan and the catalogs in `format`.
    func write(_ format: OSCALFormat, into commit: PackCommit) throws {
        let context = OSCALContext(doc: doc, inputs: inputs, format: format, catalogFiles: catalogFiles)
        let results = OSCALResultsBuilder.build(context, resultsDigest: resultsDigest)
        let plan = OSCALPlanBuilder.build(context, rules: rules)
        switch format {
        case .json:
            try commit.write(PackLayout.oscalJSON) { try OSCALJSONWriter.writeResults(results, pretty: pretty, to: $0) }
            try commit.write(PackLayout.oscalPlanJSON, try OSCALJSONWriter.encode(plan, pretty: pretty))
        case .xml:
            try commit.write(PackLayout.oscalXML) { try OSCALResultsXMLWriter.write(results, pretty: pretty, to: $0) }
            try commit.write(PackLayout.oscalPlanXML, try OSCALPlanXMLWriter.render(plan, pretty: pretty))
        }
        for catalog in catalogFiles {
            try commit.write(catalog.packPath(format), format == .json ? catalog.json : catalog.xml)
        }
    }
}

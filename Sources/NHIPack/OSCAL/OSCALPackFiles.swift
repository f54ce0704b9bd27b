import Foundation
import NHIModel

/// Every OSCAL file of a pack: the assessment results and the assessment plan in JSON and XML,
/// and the catalogs their control ids resolve in (oscal/catalogs/). The assessment results are
/// written into their files as they are made; laid out on indented lines only when `pretty`
/// (`pack --pretty`). Only the assessment results cite results.json's digest; the plan and the
/// catalogs need nothing but the catalogs, so each document can be written beside the others.
struct OSCALPackFiles {
    let doc: ResultsDocument
    let inputs: [PackInput]
    let rules: [PackRule]
    let pretty: Bool
    let catalogFiles: [OSCALCatalogFile]

    /// What the assessment results in either format hold (`OSCALResultsContent`): made once for both.
    func resultsContent() -> OSCALResultsContent { OSCALResultsContent(context(.json)) }

    /// The assessment results in `format`, around `content`.
    func writeResults(
        _ format: OSCALFormat, content: OSCALResultsContent, resultsDigest: String, into commit: PackCommit
    ) throws {
        let results = OSCALResultsBuilder.build(context(format), content: content, resultsDigest: resultsDigest)
        switch format {
        case .json:
            try commit.write(PackLayout.oscalJSON) { try OSCALJSONWriter.writeResults(results, pretty: pretty, to: $0) }
        case .xml:
            try commit.write(PackLayout.oscalXML) { try OSCALResultsXMLWriter.write(results, pretty: pretty, to: $0) }
        }
    }

    /// The assessment plan and the catalogs in `format`.
    func writePlan(_ format: OSCALFormat, into commit: PackCommit) throws {
        let plan = OSCALPlanBuilder.build(context(format), rules: rules)
        switch format {
        case .json: try commit.write(PackLayout.oscalPlanJSON, try OSCALJSONWriter.encode(plan, pretty: pretty))
        case .xml: try commit.write(PackLayout.oscalPlanXML, try OSCALPlanXMLWriter.render(plan, pretty: pretty))
        }
        for catalog in catalogFiles {
            try commit.write(catalog.packPath(format), format == .json ? catalog.json : catalog.xml)
        }
    }

    private func context(_ format: OSCALFormat) -> OSCALContext {
        OSCALContext(doc: doc, inputs: inputs, format: format, catalogFiles: catalogFiles)
    }
}

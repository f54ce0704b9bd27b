import Foundation
import NHIModel

/// Builds the pack's OSCAL assessment results: one result over the scope's period, around the
/// content both formats share (`OSCALResultsContent`: the reviewed controls per framework, linked
/// to the shipped catalog; one observation and one risk per nhi-audit finding, made as they are
/// written; control verdicts and the observations of what was not assessed); back-matter for the
/// catalogs, the evidence files and the pack's own files. `import-ap` opens the pack's assessment
/// plan. `context` is of the format written: the back-matter links that format's files.
enum OSCALResultsBuilder {
    static func build(
        _ context: OSCALContext, content: OSCALResultsContent, resultsDigest: String
    ) -> OSCALResultsParts {
        let doc = context.doc, ids = context.ids
        let result = OSCALResult(
            uuid: ids.uuid("result", resultsDigest),
            title: OSCALText.markupLine("NHI governance assessment of \(doc.scope.organisation)"),
            description: OSCALText.markupText(
                "Automated assessment of non-human identities by \(doc.tool.name) \(doc.tool.version) "
                    + "from the organisation's exports; the rules are the assessment plan's activities."),
            start: context.periodStart,
            end: context.evidenceTime,
            props: OSCALText.props([
                ("mapping-digest", doc.mappingDigest), ("policy-digest", doc.policyDigest),
                ("results-sha256", resultsDigest),
            ]),
            localDefinitions: content.localDefinitions,
            reviewedControls: OSCALReviewedControls(
                controlSelections: content.controlSelections.isEmpty
                    ? [noControlInScope] : content.controlSelections),
            observations: nil,
            risks: nil,
            findings: content.findings,
            remarks: OSCALContext.collectionRemarks
        )

        let packFiles = [
            OSCALResource(
                uuid: ids.uuid("resource", "pack:results.json"), title: "results.json",
                description: "The pack's canonical machine result, which this document renders.",
                props: nil,
                rlinks: [
                    OSCALRLink(
                        href: "../\(PackLayout.results)", mediaType: "application/json",
                        hashes: [OSCALHash(algorithm: "SHA-256", value: resultsDigest)])
                ]),
            OSCALResource(
                uuid: ids.uuid("resource", "pack:index.html"), title: "index.html",
                description: "The pack's report, with the rule catalogue and the ingest ledger.",
                props: nil, rlinks: [OSCALRLink(href: "../\(PackLayout.html)", mediaType: "text/html", hashes: nil)]),
        ]
        let frame = OSCALResultsDocument(
            assessmentResults: OSCALAssessmentResults(
                uuid: ids.uuid("assessment-results", resultsDigest),
                metadata: OSCALMetadata(
                    title: OSCALText.markupLine("NHI evidence pack: \(doc.scope.organisation)"),
                    lastModified: context.generated,
                    version: context.generated,
                    oscalVersion: OSCALContext.oscalVersion,
                    props: OSCALText.props([("tool-version", doc.tool.version)]),
                    links: nil,
                    parties: content.parties,
                    remarks: nil
                ),
                importAP: OSCALImportAP(href: OSCALPlanBuilder.fileName(context.format)),
                results: [result],
                backMatter: OSCALBackMatter(resources: context.sharedResources + packFiles)
            ))
        return OSCALResultsParts(frame: frame, observations: content.observations, risks: content.risks)
    }

    /// OSCAL requires a control selection even when no control is in scope.
    private static let noControlInScope = OSCALControlSelection(
        description: "No framework control is in scope of this pack", props: nil, links: nil,
        includeAll: OSCALIncludeAll(),
        includeControls: nil, excludeControls: nil, remarks: nil)
}

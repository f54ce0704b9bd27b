import Foundation
import NHIModel

/// Builds the pack's OSCAL assessment results: one result over the scope's period; the reviewed
/// controls per framework (linked to the shipped catalog); one observation per nhi-audit finding,
/// with its evidence and subject; a risk per finding (OSCALRisks), both made as they are written; control verdicts and the
/// observations of what was not assessed (OSCALControlStatements); back-matter for the catalogs,
/// the evidence files and the pack's own files. `import-ap` opens the pack's assessment plan.
enum OSCALResultsBuilder {
    static func build(_ context: OSCALContext, resultsDigest: String) -> OSCALResultsParts {
        let doc = context.doc, ids = context.ids
        let controls = OSCALControlStatements(context)
        let risks = OSCALRisks(context)
        let subjects = Set(doc.findings.map(\.subject)).sorted()

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
            localDefinitions: subjects.isEmpty
                ? nil : OSCALLocalDefinitions(inventoryItems: subjects.map { inventoryItem($0, ids) }),
            reviewedControls: OSCALReviewedControls(
                controlSelections: controls.selections.isEmpty ? [noControlInScope] : controls.selections),
            observations: nil,
            risks: nil,
            findings: OSCALText.nonEmpty(controls.findings),
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
                    parties: OSCALText.nonEmpty(risks.parties),
                    remarks: nil
                ),
                importAP: OSCALImportAP(href: OSCALPlanBuilder.fileName(context.format)),
                results: [result],
                backMatter: OSCALBackMatter(resources: context.sharedResources + packFiles)
            ))
        let findings = doc.findings, controlObservations = controls.observations
        return OSCALResultsParts(
            frame: frame,
            observations: OSCALElements(count: findings.count + controlObservations.count) { index in
                index < findings.count
                    ? observation(findings[index], context) : controlObservations[index - findings.count]
            },
            risks: OSCALElements(count: findings.count) { risks.risk(findings[$0]) })
    }

    /// OSCAL requires a control selection even when no control is in scope.
    private static let noControlInScope = OSCALControlSelection(
        description: "No framework control is in scope of this pack", props: nil, links: nil,
        includeAll: OSCALIncludeAll(),
        includeControls: nil, excludeControls: nil, remarks: nil)

    /// A finding's observation. Its evidence links the file's back-matter resource (or names the
    /// content by hash), which carries the SHA-256, so the description gives only the locator: at
    /// scale the hash repeated per reference would be a large share of the document.
    private static func observation(_ finding: Finding, _ context: OSCALContext) -> OSCALObservation {
        let evidence = finding.evidence.map { ref in
            OSCALRelevantEvidence(
                href: context.evidence.href(ref.file) ?? OSCALIdentifiers.namedInformation(sha256: ref.sha256),
                description: OSCALText.markupLine(ref.locator)
            )
        }
        let collection = context.collection(from: finding.evidence.map(\.file))
        return OSCALObservation(
            uuid: context.ids.uuid("observation", finding.id),
            title: OSCALText.markupLine("\(finding.rule): \(finding.subject)"),
            description: OSCALText.markupText(finding.summary),
            props: (OSCALText.props([
                ("finding-id", finding.id), ("rule", finding.rule), ("severity", finding.severity.rawValue),
                ("environment", finding.environment ?? ""), ("waiver", finding.waiver?.waiverId ?? ""),
            ]) ?? []) + collection.props,
            methods: ["TEST"],
            types: ["finding"],
            subjects: [OSCALSubject(subjectUUID: context.ids.uuid("subject", finding.subject), type: "inventory-item")],
            relevantEvidence: OSCALText.nonEmpty(evidence),
            collected: collection.collected
        )
    }

    private static func inventoryItem(_ subject: String, _ ids: OSCALIdentifiers) -> OSCALInventoryItem {
        OSCALInventoryItem(
            uuid: ids.uuid("subject", subject),
            description: OSCALText.markupText("Identity \(subject)"),
            props: OSCALText.props([("identity", subject)])
        )
    }
}

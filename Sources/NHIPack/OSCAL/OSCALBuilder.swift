import Foundation
import NHIModel

/// Builds the OSCAL assessment results of a pack: one result; reviewed controls = the controls in
/// scope (everything not "not-applicable"); one observation per finding, a risk per open finding,
/// one OSCAL finding per reviewed control, and a back-matter resource per input file.
///
/// OSCAL's target states are only satisfied / not-satisfied. "Not assessed is never passed":
/// satisfied, attested and waived controls are `satisfied` (the reason says which); not-satisfied,
/// partially-assessed and not-assessed controls are `not-satisfied`, with the nhi-audit status as
/// the reason and the missing inputs in the remarks.
enum OSCALBuilder {
    static let oscalVersion = "1.0.6"
    static let propNamespace = "urn:nhi-audit"

    static func build(_ doc: ResultsDocument, inputs: [PackInput], resultsDigest: String) -> OSCALDocument {
        let generated = ISO8601.string(from: doc.generatedAt)
        let methodResource = OSCALIdentifiers.uuid("resource", "method")
        let fileResources = Dictionary(inputs.map { ($0.path, OSCALIdentifiers.uuid("resource", "file:\($0.path)")) }) { first, _ in first }

        let observations = doc.findings.map { observation($0, generated: generated, fileResources: fileResources) }
        let risks = doc.findings.filter(\.isOpen).map(risk)
        let findingsByID = Dictionary(doc.findings.map { ($0.id, $0) }) { first, _ in first }
        var oscalFindings: [OSCALFinding] = []
        var selections: [OSCALControlSelection] = []
        for framework in doc.frameworks {
            let reviewed = framework.controls.filter { $0.status != .notApplicable }
            guard !reviewed.isEmpty else { continue }
            selections.append(OSCALControlSelection(
                description: markupLine("\(framework.title) \(framework.version)"),
                includeAll: nil,
                includeControls: reviewed.map { OSCALSelectControl(controlID: OSCALIdentifiers.controlToken($0.id, framework: framework.framework)) }
            ))
            oscalFindings += reviewed.map { finding(for: $0, framework: framework, findings: findingsByID) }
        }

        let subjects = Set(doc.findings.map(\.subject)).sorted()
        let result = OSCALResult(
            uuid: OSCALIdentifiers.uuid("result", resultsDigest),
            title: markupLine("NHI governance assessment of \(doc.scope.organisation)"),
            description: markupText("Automated assessment of non-human identities by \(doc.tool.name) \(doc.tool.version) "
                + "from the organisation's exports; see the rule catalogue in index.html."),
            start: ISO8601.string(from: doc.scope.periodStart ?? doc.generatedAt),
            end: doc.scope.periodEnd.map(ISO8601.string),
            props: props([("mapping-digest", doc.mappingDigest), ("policy-digest", doc.policyDigest), ("results-sha256", resultsDigest)]),
            localDefinitions: subjects.isEmpty ? nil : OSCALLocalDefinitions(inventoryItems: subjects.map(inventoryItem)),
            reviewedControls: OSCALReviewedControls(controlSelections: selections.isEmpty ? [noControlInScope] : selections),
            observations: nonEmpty(observations),
            risks: nonEmpty(risks),
            findings: nonEmpty(oscalFindings)
        )

        var resources = [OSCALResource(
            uuid: methodResource,
            title: "nhi-audit assessment method",
            description: OSCALMarkup("No separate assessment plan exists: the method is the nhi-audit rule catalogue and the "
                + "framework mappings identified by the mapping digest, described in index.html."),
            props: props([("mapping-digest", doc.mappingDigest)]),
            rlinks: [OSCALRLink(href: "../index.html", hashes: nil)]
        )]
        resources += inputs.map { input in
            OSCALResource(
                uuid: fileResources[input.path] ?? OSCALIdentifiers.uuid("resource", "file:\(input.path)"),
                title: markupLine(input.path),
                description: "Evidence file the assessment read; its path is relative to the evidence folder the pack was built from.",
                props: props([("size", String(input.size))]),
                rlinks: [OSCALRLink(href: OSCALIdentifiers.href(input.path), hashes: [OSCALHash(algorithm: "SHA-256", value: input.sha256)])]
            )
        }

        return OSCALDocument(assessmentResults: OSCALAssessmentResults(
            uuid: OSCALIdentifiers.uuid("assessment-results", resultsDigest),
            metadata: OSCALMetadata(
                title: markupLine("NHI evidence pack: \(doc.scope.organisation)"),
                lastModified: generated,
                version: generated,
                oscalVersion: oscalVersion,
                props: props([("tool-version", doc.tool.version)])
            ),
            importAP: OSCALImportAP(href: "#\(methodResource)"),
            results: [result],
            backMatter: OSCALBackMatter(resources: resources)
        ))
    }

    /// OSCAL requires a control selection even when no control is in scope.
    private static let noControlInScope = OSCALControlSelection(
        description: "No framework control is in scope of this pack", includeAll: OSCALIncludeAll(), includeControls: nil)

    private static func observation(_ finding: Finding, generated: String, fileResources: [String: String]) -> OSCALObservation {
        let evidence = finding.evidence.map { ref in
            OSCALRelevantEvidence(
                href: fileResources[ref.file].map { "#\($0)" } ?? OSCALIdentifiers.href(ref.file),
                description: markupLine("\(ref.locator) (SHA-256 \(ref.sha256))")
            )
        }
        return OSCALObservation(
            uuid: OSCALIdentifiers.uuid("observation", finding.id),
            title: markupLine("\(finding.rule): \(finding.subject)"),
            description: markupText(finding.summary),
            props: props([
                ("finding-id", finding.id), ("rule", finding.rule), ("severity", finding.severity.rawValue),
                ("environment", finding.environment ?? ""), ("waiver", finding.waiver?.waiverId ?? ""),
            ]),
            methods: ["TEST"],
            types: ["finding"],
            subjects: [OSCALSubject(subjectUUID: OSCALIdentifiers.uuid("subject", finding.subject), type: "inventory-item")],
            relevantEvidence: nonEmpty(evidence),
            collected: generated
        )
    }

    private static func risk(_ finding: Finding) -> OSCALRisk {
        OSCALRisk(
            uuid: OSCALIdentifiers.uuid("risk", finding.id),
            title: markupLine("\(finding.rule): \(finding.subject)"),
            description: markupText(finding.summary),
            statement: markupText("Open \(finding.severity.rawValue) finding \(finding.id) of rule \(finding.rule); "
                + (finding.waiver.map { "waiver \($0.waiverId) expired \(ISO8601.string(from: $0.expires))" } ?? "no waiver applies") + "."),
            props: props([("severity", finding.severity.rawValue), ("finding-id", finding.id)]),
            status: "open",
            relatedObservations: [OSCALRelatedObservation(observationUUID: OSCALIdentifiers.uuid("observation", finding.id))]
        )
    }

    private static func finding(for control: ControlResult, framework: FrameworkAssessment, findings: [String: Finding]) -> OSCALFinding {
        let related = control.findings.compactMap { findings[$0] }
        let satisfied = control.status.isPassing
        var remarks: [String] = []
        if !control.missingInputs.isEmpty {
            remarks.append("Not assessable without: " + control.missingInputs.map(\.humanDescription).joined(separator: "; ") + ".")
        }
        if let attestation = control.attestation { remarks.append("Attestation: \(attestation)") }
        return OSCALFinding(
            uuid: OSCALIdentifiers.uuid("finding", "\(framework.framework):\(control.id)"),
            title: markupLine("\(framework.title) \(control.id): \(control.title)"),
            description: markupText("\(control.id) is \(control.status.rawValue). \(control.rationale)"),
            props: props([
                ("framework", framework.framework), ("control-id", control.id), ("status", control.status.rawValue),
                ("method", control.method.rawValue), ("rules", control.rules.joined(separator: " ")),
            ]),
            target: OSCALTarget(
                type: "objective-id",
                targetID: OSCALIdentifiers.controlToken(control.id, framework: framework.framework),
                status: OSCALTargetStatus(state: satisfied ? "satisfied" : "not-satisfied",
                                          reason: control.status == .satisfied || control.status == .notSatisfied ? nil : control.status.rawValue),
                remarks: remarks.isEmpty ? nil : markupText(remarks.joined(separator: " "))
            ),
            relatedObservations: nonEmpty(related.map { OSCALRelatedObservation(observationUUID: OSCALIdentifiers.uuid("observation", $0.id)) }),
            relatedRisks: nonEmpty(related.filter(\.isOpen).map { OSCALRelatedRisk(riskUUID: OSCALIdentifiers.uuid("risk", $0.id)) })
        )
    }

    private static func inventoryItem(_ subject: String) -> OSCALInventoryItem {
        OSCALInventoryItem(
            uuid: OSCALIdentifiers.uuid("subject", subject),
            description: markupText("Identity \(subject)"),
            props: props([("identity", subject)])
        )
    }

    /// Props with empty values are dropped: OSCAL strings may not be empty or padded.
    private static func props(_ pairs: [(String, String)]) -> [OSCALProp]? {
        nonEmpty(pairs.compactMap { name, value in
            let clean = line(value)
            return clean.isEmpty ? nil : OSCALProp(name: name, ns: propNamespace, value: clean)
        })
    }

    private static func line(_ value: String) -> String { TextSanitizer.singleLine(value) }

    private static func markupLine(_ value: String) -> OSCALMarkup { OSCALMarkup(line(value)) }

    private static func markupText(_ value: String) -> OSCALMarkup { OSCALMarkup(text(value)) }

    /// Multi-line text keeps its line breaks but never starts or ends with blanks.
    private static func text(_ value: String) -> String {
        let clean = TextSanitizer.xmlSafe(value).trimmingCharacters(in: .whitespacesAndNewlines)
        return clean.isEmpty ? "-" : clean
    }

    private static func nonEmpty<T>(_ list: [T]) -> [T]? { list.isEmpty ? nil : list }
}

import Foundation
import NHIModel

/// What the assessment results hold whatever their format and results.json's digest: the
/// subjects, the reviewed controls and their verdicts (OSCALControlStatements), the waivers'
/// approvers, and the observations and risks, made one at a time as they are written. A pack
/// writes the document in JSON and in XML side by side, and the control verdicts are a large
/// share of either's time, so this is made once for both (`PackRenderTasks`); only the frame
/// around it (`OSCALResultsBuilder`) is made per format. Nothing here links a file of one format:
/// controls link their catalog's back-matter resource by its UUID, the same in both.
struct OSCALResultsContent {
    let localDefinitions: OSCALLocalDefinitions?
    let controlSelections: [OSCALControlSelection]
    let findings: [OSCALFinding]?
    let parties: [OSCALParty]?
    let observations: OSCALElements<OSCALObservation>
    let risks: OSCALElements<OSCALRisk>

    init(_ context: OSCALContext) {
        let doc = context.doc, ids = context.ids
        let uuids = OSCALFindingUUIDs(doc.findings, ids: ids)
        let controls = OSCALControlStatements(context, uuids: uuids)
        let risks = OSCALRisks(context)
        localDefinitions =
            uuids.subjects.isEmpty
            ? nil : OSCALLocalDefinitions(inventoryItems: uuids.subjects.map(Self.inventoryItem))
        controlSelections = controls.selections
        findings = OSCALText.nonEmpty(controls.findings)
        parties = OSCALText.nonEmpty(risks.parties)
        let all = doc.findings, controlObservations = controls.observations
        observations = OSCALElements(count: all.count + controlObservations.count) { index in
            index < all.count
                ? Self.observation(
                    all[index], uuid: uuids.observations[index], subjectUUID: uuids.subjectOf[index], context)
                : controlObservations[index - all.count]
        }
        self.risks = OSCALElements(count: all.count) { index in
            risks.risk(all[index], uuid: uuids.risks[index], observationUUID: uuids.observations[index])
        }
    }

    /// A finding's observation. Its evidence links the file's back-matter resource (or names the
    /// content by hash), which carries the SHA-256, so the description gives only the locator: at
    /// scale the hash repeated per reference would be a large share of the document.
    private static func observation(
        _ finding: Finding, uuid: String, subjectUUID: String, _ context: OSCALContext
    ) -> OSCALObservation {
        var evidence: [OSCALRelevantEvidence] = []
        evidence.reserveCapacity(finding.evidence.count)
        var earliest: OSCALEvidenceFile.FirstRecord?
        finding.evidence.withUnsafeBufferPointer { refs in
            // A finding cites many records of one file one after the other (its evidence is
            // sorted by file): the file is looked up again only when it changes.
            var file: OSCALEvidenceFile?
            for ref in refs.indices {
                if ref == 0 || refs[ref].file != refs[ref - 1].file { file = context.evidenceFile(refs[ref].file) }
                OSCALEvidenceFile.keepEarliest(file?.firstRecord, in: &earliest)
                evidence.append(
                    OSCALRelevantEvidence(
                        href: file?.href ?? OSCALIdentifiers.namedInformation(sha256: refs[ref].sha256),
                        description: OSCALText.markupLine(OSCALEvidenceLocator.text(refs[ref]))))
            }
        }
        let collection = context.collection(earliest: earliest)
        var props: [OSCALProp] = []
        props.reserveCapacity(5 + collection.props.count)
        OSCALText.appendProp("finding-id", finding.id, to: &props)
        OSCALText.appendProp("rule", finding.rule, to: &props)
        OSCALText.appendProp("severity", finding.severity.rawValue, to: &props)
        if let environment = finding.environment { OSCALText.appendProp("environment", environment, to: &props) }
        if let waiver = finding.waiver { OSCALText.appendProp("waiver", waiver.waiverId, to: &props) }
        props += collection.props
        return OSCALObservation(
            uuid: uuid,
            title: OSCALText.markupLine("\(finding.rule): \(finding.subject)"),
            description: OSCALText.markupText(finding.summary),
            props: props,
            methods: testMethod,
            types: findingType,
            subjects: [OSCALSubject(subjectUUID: subjectUUID, type: "inventory-item")],
            relevantEvidence: OSCALText.nonEmpty(evidence),
            collected: collection.collected
        )
    }

    // Shared by every finding's observation rather than a list made for each.
    private static let testMethod = ["TEST"]
    private static let findingType = ["finding"]

    private static func inventoryItem(_ subject: (name: String, uuid: String)) -> OSCALInventoryItem {
        OSCALInventoryItem(
            uuid: subject.uuid,
            description: OSCALText.markupText("Identity \(subject.name)"),
            props: OSCALText.props([("identity", subject.name)])
        )
    }
}

/// The UUIDs of each finding's observation, risk and subject, by the finding's index in the
/// results: each computed once (a SHA-1) and shared by the observation, the risk and every control
/// verdict that cites them, where a large pack would otherwise hash the same names many times over.
struct OSCALFindingUUIDs {
    let observations: [String]
    let risks: [String]
    /// The findings' distinct subjects in order, with their UUIDs.
    let subjects: [(name: String, uuid: String)]
    /// Per finding, its subject's UUID.
    let subjectOf: [String]

    init(_ findings: [Finding], ids: OSCALIdentifiers) {
        var observations: [String] = [], risks: [String] = [], subjectOf: [String] = []
        observations.reserveCapacity(findings.count)
        risks.reserveCapacity(findings.count)
        subjectOf.reserveCapacity(findings.count)
        var uuidOf: [String: String] = [:]
        let observationUUID = ids.uuids("observation"), riskUUID = ids.uuids("risk"), subjectUUID = ids.uuids("subject")
        // Fields read in place: a copy of a finding retains every one of its fields.
        findings.withUnsafeBufferPointer { findings in
            for index in findings.indices {
                observations.append(observationUUID(findings[index].id))
                risks.append(riskUUID(findings[index].id))
                let subject = findings[index].subject
                if let uuid = uuidOf[subject] {
                    subjectOf.append(uuid)
                } else {
                    let uuid = subjectUUID(subject)
                    uuidOf[subject] = uuid
                    subjectOf.append(uuid)
                }
            }
        }
        self.observations = observations
        self.risks = risks
        self.subjectOf = subjectOf
        subjects = uuidOf.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

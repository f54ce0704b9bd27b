import Foundation
import NHIModel

/// How each control status appears in OSCAL (docs/evidence-pack.md has the table). A target state
/// is a verdict, so only verdicts get one: `satisfied` for satisfied (and attested, with the
/// attestation as evidence), `not-satisfied` for not-satisfied. Not assessed, partially assessed
/// and waived controls are reviewed but described by an observation without a state (what is
/// missing, or which waivers accept the exceptions); not-applicable controls are excluded with
/// the reason.
struct OSCALControlStatements {
    private(set) var selections: [OSCALControlSelection] = []
    private(set) var findings: [OSCALFinding] = []
    private(set) var observations: [OSCALObservation] = []

    private let context: OSCALContext
    private let uuids: OSCALFindingUUIDs

    /// `uuids`: those of `context.doc.findings`.
    init(_ context: OSCALContext, uuids: OSCALFindingUUIDs) {
        self.context = context
        self.uuids = uuids
        // Findings are looked up by index: copying a Finding into a per-control array retains every
        // field, and a large pack has tens of thousands of them behind its failed controls.
        // Their fields read in place, through a buffer: an array subscript copies the finding.
        context.doc.findings.withUnsafeBufferPointer { all in
            var indexByID: [String: Int] = [:]
            indexByID.reserveCapacity(all.count)
            // The first finding of an id wins: the last one written.
            for index in all.indices.reversed() { indexByID[all[index].id] = index }
            for framework in context.doc.frameworks {
                guard let selection = Self.selection(framework, context) else { continue }
                selections.append(selection)
                for control in framework.controls {
                    add(control, framework: framework, related: control.findings.compactMap { indexByID[$0] }, of: all)
                }
            }
        }
    }

    /// The framework's reviewed controls, with the not-applicable ones excluded and why; nil when
    /// none is in scope (OSCAL cannot select nothing).
    static func selection(_ framework: FrameworkAssessment, _ context: OSCALContext) -> OSCALControlSelection? {
        let reviewed = framework.controls.filter { $0.status != .notApplicable }
        let excluded = framework.controls.filter { $0.status == .notApplicable }
        guard !reviewed.isEmpty else { return nil }
        let token = { (control: ControlResult) in
            OSCALIdentifiers.controlToken(control.id, framework: framework.framework)
        }
        return OSCALControlSelection(
            description: OSCALText.markupLine(framework.name),
            props: OSCALText.props([("framework", framework.framework)]),
            links: context.catalogLink(framework.framework),
            includeAll: nil,
            includeControls: reviewed.map { OSCALSelectControl(controlID: token($0)) },
            excludeControls: OSCALText.nonEmpty(excluded.map { OSCALSelectControl(controlID: token($0)) }),
            remarks: excluded.isEmpty
                ? nil
                : OSCALText.markupText(
                    excluded.map { "Not applicable: \($0.id): \($0.rationale)" }
                        .joined(separator: "\n"))
        )
    }

    /// `related` holds the indices in `all` of the control's findings.
    private mutating func add(
        _ control: ControlResult, framework: FrameworkAssessment, related: [Int], of all: UnsafeBufferPointer<Finding>
    ) {
        let key = "\(framework.framework):\(control.id)"
        switch control.status {
        case .satisfied:
            findings.append(
                finding(
                    control, framework, state: "satisfied", reason: "pass",
                    text: "No exception found in the population the rules \(rulesText(control)) evaluated.",
                    observations: [], risks: []))
        case .notSatisfied:
            // The references made from the UUIDs straight away: a failed control of a large pack
            // relates tens of thousands of observations.
            let observations = related.map { OSCALRelatedObservation(observationUUID: uuids.observations[$0]) }
            let risks = related.filter { all[$0].isOpen }.map { OSCALRelatedRisk(riskUUID: uuids.risks[$0]) }
            findings.append(
                finding(
                    control, framework, state: "not-satisfied", reason: "fail",
                    text: "Exceptions found: \(related.map { all[$0].id }.joined(separator: ", ")).",
                    observations: observations, risks: risks))
        case .attested:
            let observation = attestationObservation(control, key: key)
            observations.append(observation)
            findings.append(
                finding(
                    control, framework, state: "satisfied", reason: "other",
                    text: "Attested, not tested: \(control.attestation ?? "see the attestation").",
                    observations: [OSCALRelatedObservation(observationUUID: observation.uuid)], risks: []))
        case .waived:
            let waivers = Set(related.compactMap { all[$0].waiver?.waiverId }).sorted()
            observations.append(
                controlObservation(
                    control, framework, key: key, evidence: related.flatMap { all[$0].evidence.map(\.file) },
                    text:
                        "Waived: exceptions \(related.map { all[$0].id }.joined(separator: ", ")) were found and are accepted by "
                        + "\(waivers.joined(separator: ", ")) (their risks are deviation-approved). The control is not claimed as satisfied."
                ))
        case .partiallyAssessed:
            observations.append(
                controlObservation(
                    control, framework, key: key,
                    text:
                        "Partially assessed: no exception found in what was evaluated, but some rules could not run without "
                        + "\(missingText(control)). The control is not claimed as satisfied."))
        case .notAssessed:
            observations.append(
                controlObservation(
                    control, framework, key: key,
                    text:
                        "Not assessed: nothing could assess it without \(missingText(control)). The control is neither satisfied nor failed."
                ))
        case .notApplicable:
            break
        }
    }

    private func finding(
        _ control: ControlResult, _ framework: FrameworkAssessment, state: String, reason: String, text: String,
        observations: [OSCALRelatedObservation], risks: [OSCALRelatedRisk]
    ) -> OSCALFinding {
        OSCALFinding(
            uuid: context.ids.uuid("finding", "\(framework.framework):\(control.id)"),
            title: OSCALText.markupLine("\(framework.title) \(control.id): \(control.title)"),
            description: OSCALText.markupText(
                "\(control.id) is \(control.status.rawValue). \(text)\n\(control.rationale)"),
            props: props(control, framework),
            target: OSCALTarget(
                type: "statement-id",
                targetID: OSCALIdentifiers.statementID(control.id, framework: framework.framework),
                status: OSCALTargetStatus(state: state, reason: reason),
                remarks: nil
            ),
            relatedObservations: OSCALText.nonEmpty(observations),
            relatedRisks: OSCALText.nonEmpty(risks)
        )
    }

    /// An observation describing a control without a verdict; `evidence` holds the files behind
    /// the exceptions it names (for `collected`).
    private func controlObservation(
        _ control: ControlResult, _ framework: FrameworkAssessment, key: String, evidence: [String] = [],
        text: String
    ) -> OSCALObservation {
        let collection = context.collection(from: evidence)
        return OSCALObservation(
            uuid: context.ids.uuid("observation", "control:\(key)"),
            title: OSCALText.markupLine("\(framework.title) \(control.id): \(control.status.rawValue)"),
            description: OSCALText.markupText(
                "\(control.id) (\(control.title)) is \(control.status.rawValue). \(text)\n\(control.rationale)"),
            props: props(control, framework).map {
                $0
                    + control.missingInputs.map {
                        OSCALProp(name: "missing-input", ns: OSCALText.propNamespace, value: $0.rawValue)
                    } + collection.props
            },
            methods: ["TEST"],
            types: ["control-objective"],
            subjects: nil,
            relevantEvidence: nil,
            collected: collection.collected
        )
    }

    private func attestationObservation(_ control: ControlResult, key: String) -> OSCALObservation {
        let record = context.doc.attestations.first { $0.active && $0.controls.contains(control.id) }
        let evidence = record.map { record in
            OSCALRelevantEvidence(
                href: context.evidence.href(record.evidenceFile)
                    ?? OSCALIdentifiers.namedInformation(sha256: record.evidenceSha256),
                description: OSCALText.markupLine("\(record.evidenceFile) (SHA-256 \(record.evidenceSha256))"))
        }
        let attested =
            record.map { min($0.attestedAt, context.doc.generatedAt) }.map(ISO8601.string) ?? context.evidenceTime
        var text = control.attestation ?? record?.statement ?? "Attested."
        if let record { text += "\nAttested by \(record.attestedBy) on \(ISO8601.string(from: record.attestedAt))." }
        return OSCALObservation(
            uuid: context.ids.uuid("observation", "attestation:\(key)"),
            title: OSCALText.markupLine("Attestation for \(control.id)"),
            description: OSCALText.markupText(text),
            props: OSCALText.props([("control-id", control.id), ("attested-by", record?.attestedBy ?? "")]),
            methods: ["EXAMINE"],
            types: nil,
            subjects: nil,
            relevantEvidence: evidence.map { [$0] },
            collected: attested
        )
    }

    private func props(_ control: ControlResult, _ framework: FrameworkAssessment) -> [OSCALProp]? {
        OSCALText.props([
            ("framework", framework.framework), ("control-id", control.id), ("status", control.status.rawValue),
            ("method", control.method.rawValue), ("rules", control.rules.joined(separator: " ")),
        ])
    }

    private func rulesText(_ control: ControlResult) -> String {
        control.rules.isEmpty ? "(none)" : control.rules.joined(separator: ", ")
    }

    private func missingText(_ control: ControlResult) -> String {
        if !control.missingInputs.isEmpty {
            return control.missingInputs.map(\.humanDescription).joined(separator: "; ")
        }
        return control.method == .manual
            ? "an attestation in attestations.yaml (the control is assessed by hand)" : "the inputs its rules need"
    }
}

import Foundation
import NHIModel

/// Control status per framework (docs/auditor-guide.md, "Which status wins"): findings and rule evaluations through
/// the framework mappings, with waivers and attestations. "Not assessed" is never "satisfied".
public struct Assessor: Sendable {
    public var mappingSet: MappingSet
    public init(mappingSet: MappingSet) { self.mappingSet = mappingSet }

    /// `periodEnd`: waivers and attestations expiring on or before it no longer count.
    public func assess(
        findings: [Finding], evaluations: [RuleEvaluation], waivers: [Waiver],
        attestations: [AttestationRecord], periodEnd: Date, notices: [String] = []
    ) -> Assessment {
        let applied = WaiverApplier(waivers: waivers, periodEnd: periodEnd).apply(to: findings)
        let evaluationsByRule = Dictionary(evaluations.map { ($0.rule, $0) }, uniquingKeysWith: { first, _ in first })
        // Each control looks up its rules' findings here instead of scanning every finding, and lists
        // their ids in order by sorting positions in the one order of all ids (`rank`): far fewer
        // string comparisons than sorting each control's ids, and no finding is copied.
        let byId = applied.findings.indices.sorted { applied.findings[$0].id < applied.findings[$1].id }
        var rank = [Int](repeating: 0, count: byId.count)
        for (position, index) in byId.enumerated() { rank[index] = position }
        let related = RelatedFindings(
            findings: applied.findings, byRule: Dictionary(grouping: byId) { applied.findings[$0].rule }, rank: rank)
        let frameworks = mappingSet.mappings.sorted { $0.framework < $1.framework }.compactMap {
            mapping -> FrameworkAssessment? in
            guard let catalog = mappingSet.catalog(mapping.framework) else { return nil }
            let byControl = Dictionary(
                mapping.controls.map { ($0.control, $0) }, uniquingKeysWith: { first, _ in first })
            let controls = catalog.assessableControls.map { control in
                result(
                    control, byControl[control.id], related: related, evaluations: evaluationsByRule,
                    waivers: applied.controlWaivers, attestations: attestations)
            }
            return FrameworkAssessment(
                framework: catalog.id, title: catalog.title, version: catalog.version, note: catalog.note,
                controls: controls)
        }
        // Waivers change no part of the report order: findings from detection stay as they came.
        return Assessment(
            findings: Finding.inReportOrder(applied.findings),
            ruleEvaluations: evaluations,
            frameworks: frameworks, waivers: applied.records, attestations: attestations,
            notices: notices + applied.notices + attestationNotices(attestations))
    }

    private func result(
        _ control: Control, _ mapping: ControlMapping?, related: RelatedFindings,
        evaluations: [String: RuleEvaluation],
        waivers: [String: [Waiver]], attestations: [AttestationRecord]
    ) -> ControlResult {
        guard let mapping else {
            return ControlResult(
                id: control.id, title: control.title, status: .notAssessed, method: .manual, rules: [],
                rationale: "not mapped")
        }
        switch mapping.method {
        case .notApplicable:
            return ControlResult(
                id: control.id, title: control.title, status: .notApplicable, method: .notApplicable,
                rules: [], rationale: mapping.rationale)
        case .manual:
            let attestation = Self.latest(attestations, for: control.id)
            return ControlResult(
                id: control.id, title: control.title, status: attestation == nil ? .notAssessed : .attested,
                method: .manual, rules: [], rationale: mapping.rationale, attestation: attestation.map(Self.reference))
        case .rules:
            let positions = related.positions(of: mapping.rules)
            let controlWaivers = waivers[control.id] ?? []
            let open = positions.contains { position in
                related.findings[position].isOpen && !controlWaivers.contains { $0.covers(related.findings[position]) }
            }
            let mapped = mapping.rules.map { evaluations[$0] }
            let ran = mapped.compactMap { $0 }.filter(\.ran)
            let complete = !mapped.isEmpty && mapped.allSatisfy { $0?.state == .evaluated }
            let status = Self.status(open: open, complete: complete, anyRan: !ran.isEmpty, waived: !positions.isEmpty)
            let missing = Set(mapped.compactMap { $0 }.flatMap(\.missingInputs))
            let uncovered = Set(mapped.compactMap { $0 }.flatMap(\.uncovered))
            let populations = ran.compactMap(\.population)
            let population = populations.isEmpty ? nil : populations.dropFirst().reduce(populations[0]) { $0.union($1) }
            let attestation = Self.latest(attestations, for: control.id)
            return ControlResult(
                id: control.id, title: control.title, status: status, method: .rules, rules: mapping.rules,
                rationale: mapping.rationale, findings: positions.map { related.findings[$0].id },
                missingInputs: missing.sorted(),
                uncovered: uncovered.sorted(), population: population, attestation: attestation.map(Self.reference))
        }
    }

    /// The status of a rule-assessed control, by precedence (docs/auditor-guide.md): an open
    /// finding makes it not-satisfied whatever else holds; then missing or partial evidence
    /// (partially-assessed when some mapped rule ran, else not-assessed), which waivers never
    /// outrank; then waived when findings exist and all are waived; satisfied only when every mapped
    /// rule was fully evaluated and found nothing.
    static func status(open: Bool, complete: Bool, anyRan: Bool, waived: Bool) -> ControlStatus {
        if open { return .notSatisfied }
        if !complete { return anyRan ? .partiallyAssessed : .notAssessed }
        return waived ? .waived : .satisfied
    }

    private static func latest(_ attestations: [AttestationRecord], for control: String) -> AttestationRecord? {
        attestations.filter { $0.active && $0.controls.contains(control) }.sorted { $0.attestedAt > $1.attestedAt }
            .first
    }

    private static func reference(_ attestation: AttestationRecord) -> String {
        "\(attestation.evidenceFile) sha256:\(attestation.evidenceSha256)"
    }

    /// A warning per attestation naming a rule-assessed control: rules decide its status; the
    /// attestation is shown beside the result, not ignored in silence.
    func attestationNotices(_ attestations: [AttestationRecord]) -> [String] {
        var notices: Set<String> = []
        for attestation in attestations where attestation.active {
            for mapping in mappingSet.mappings {
                for control in mapping.controls
                where control.method == .rules && attestation.controls.contains(control.control) {
                    notices.insert(
                        "attestations.yaml: \(mapping.framework) \(control.control) is assessed by rules (\(control.rules.joined(separator: ", "))); "
                            + "the attestation by \(attestation.attestedBy) (\(attestation.evidenceFile)) is shown beside the rule result and does not set its status"
                    )
                }
            }
        }
        return notices.sorted()
    }
}

/// The findings of each rule, listed for a control by position in the order of their ids.
private struct RelatedFindings {
    let findings: [Finding]
    /// The positions in `findings` of each rule's findings, in the order of their ids.
    let byRule: [String: [Int]]
    /// Each finding's place in the order of all ids.
    let rank: [Int]

    /// The positions of the rules' findings (each rule counted once), in the order of their ids.
    func positions(of rules: [String]) -> [Int] {
        Set(rules).flatMap { byRule[$0] ?? [] }.sorted { rank[$0] < rank[$1] }
    }
}

import Foundation
import NHIModel

/// Control status per framework, exactly as DESIGN.md §5: findings and rule evaluations through
/// the framework mappings, with waivers and attestations. "Not assessed" is never "satisfied".
public struct Assessor: Sendable {
    public var mappingSet: MappingSet
    public init(mappingSet: MappingSet) { self.mappingSet = mappingSet }

    /// `periodEnd`: waivers and attestations expiring on or before it no longer count.
    public func assess(findings: [Finding], evaluations: [RuleEvaluation], waivers: [Waiver],
                       attestations: [AttestationRecord], periodEnd: Date, notices: [String] = []) -> Assessment {
        let applied = WaiverApplier(waivers: waivers, periodEnd: periodEnd).apply(to: findings)
        let evaluationsByRule = Dictionary(evaluations.map { ($0.rule, $0) }, uniquingKeysWith: { first, _ in first })
        let frameworks = mappingSet.mappings.sorted { $0.framework < $1.framework }.compactMap { mapping -> FrameworkAssessment? in
            guard let catalog = mappingSet.catalog(mapping.framework) else { return nil }
            let byControl = Dictionary(mapping.controls.map { ($0.control, $0) }, uniquingKeysWith: { first, _ in first })
            let controls = catalog.assessableControls.map { control in
                result(control, byControl[control.id], findings: applied.findings, evaluations: evaluationsByRule,
                       waivers: applied.controlWaivers, attestations: attestations)
            }
            return FrameworkAssessment(framework: catalog.id, title: catalog.title, version: catalog.version, note: catalog.note, controls: controls)
        }
        return Assessment(findings: applied.findings.sorted(by: Finding.reportOrder), ruleEvaluations: evaluations,
                          frameworks: frameworks, waivers: applied.records, attestations: attestations,
                          notices: notices + applied.notices)
    }

    private func result(_ control: Control, _ mapping: ControlMapping?, findings: [Finding], evaluations: [String: RuleEvaluation],
                        waivers: [String: [Waiver]], attestations: [AttestationRecord]) -> ControlResult {
        guard let mapping else {
            return ControlResult(id: control.id, title: control.title, status: .notAssessed, method: .manual, rules: [],
                                 rationale: "not mapped")
        }
        switch mapping.method {
        case .notApplicable:
            return ControlResult(id: control.id, title: control.title, status: .notApplicable, method: .notApplicable,
                                 rules: [], rationale: mapping.rationale)
        case .manual:
            let attestation = attestations.filter { $0.active && $0.controls.contains(control.id) }.sorted { $0.attestedAt > $1.attestedAt }.first
            return ControlResult(id: control.id, title: control.title, status: attestation == nil ? .notAssessed : .attested,
                                 method: .manual, rules: [], rationale: mapping.rationale,
                                 attestation: attestation.map { "\($0.evidenceFile) sha256:\($0.evidenceSha256)" })
        case .rules:
            let rules = Set(mapping.rules)
            let related = findings.filter { rules.contains($0.rule) }
            let controlWaivers = waivers[control.id] ?? []
            let open = related.filter { finding in finding.isOpen && !controlWaivers.contains { $0.covers(finding) } }
            var missing = Set<InputKind>()
            var evaluated = 0
            for rule in mapping.rules {
                guard let evaluation = evaluations[rule] else { continue }
                if evaluation.state == .evaluated { evaluated += 1 } else { missing.formUnion(evaluation.missingInputs) }
            }
            let status: ControlStatus
            if !open.isEmpty {
                status = .notSatisfied
            } else if !related.isEmpty {
                status = .waived
            } else if !mapping.rules.isEmpty && evaluated == mapping.rules.count {
                status = .satisfied
            } else if evaluated > 0 {
                status = .partiallyAssessed
            } else {
                status = .notAssessed
            }
            return ControlResult(id: control.id, title: control.title, status: status, method: .rules, rules: mapping.rules,
                                 rationale: mapping.rationale, findings: related.map(\.id).sorted(), missingInputs: missing.sorted())
        }
    }
}

import NHIModel

/// Compares the control results of two packs, framework by framework.
enum ControlComparison {
    static func compare(old: [FrameworkAssessment], new: [FrameworkAssessment]) -> PackDiff.Controls {
        let before = index(old), after = index(new)
        var controls = PackDiff.Controls()
        for key in Set(before.keys).union(after.keys).sorted(by: <) {
            let from = before[key], to = after[key]
            guard let transition = ControlTransition.classify(from: from?.status, to: to?.status) else { continue }
            let change = PackDiff.ControlChange(
                framework: key.framework, id: key.id, title: to?.title ?? from?.title ?? "",
                from: from?.status, to: to?.status,
                findings: (to?.findings ?? []).sorted(), missingInputs: (to?.missingInputs ?? []).sorted())
            switch transition {
            case .regressed: controls.regressed.append(change)
            case .closed: controls.closed.append(change)
            case .coverageGained: controls.coverageGained.append(change)
            case .coverageLost: controls.coverageLost.append(change)
            case .stillFailing: controls.stillFailing.append(change)
            case .changed: controls.changed.append(change)
            }
        }
        return controls
    }

    struct Key: Hashable, Comparable {
        var framework: String
        var id: String
        static func < (lhs: Key, rhs: Key) -> Bool {
            lhs.framework != rhs.framework ? lhs.framework < rhs.framework : NaturalOrder.precedes(lhs.id, rhs.id)
        }
    }

    /// Framework and control id → result. A duplicate id keeps its first result, so a malformed
    /// pack cannot crash the comparison.
    static func index(_ frameworks: [FrameworkAssessment]) -> [Key: ControlResult] {
        var results: [Key: ControlResult] = [:]
        for framework in frameworks {
            for control in framework.controls where results[Key(framework: framework.framework, id: control.id)] == nil
            {
                results[Key(framework: framework.framework, id: control.id)] = control
            }
        }
        return results
    }
}

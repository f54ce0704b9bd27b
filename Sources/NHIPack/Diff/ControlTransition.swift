import NHIModel

/// Sorts one control's status change into the diff's categories.
enum ControlTransition: Equatable {
    case regressed, closed, coverageGained, coverageLost, stillFailing, changed

    /// How much of the control could be assessed; nil for not-applicable, which has no coverage.
    static func coverage(_ status: ControlStatus) -> Int? {
        switch status {
        case .notAssessed: return 0
        case .partiallyAssessed: return 1
        case .satisfied, .notSatisfied, .waived, .attested: return 2
        case .notApplicable: return nil
        }
    }

    /// Nil when nothing worth reporting happened (the same status, not failing).
    /// A passing control that became not-satisfied is a regression before it is anything else;
    /// a control that lost coverage is reported as such even when it had been failing, since
    /// "not assessed" must never read as an improvement.
    static func classify(from: ControlStatus?, to: ControlStatus?) -> ControlTransition? {
        guard let from, let to else { return .changed }
        if from.isPassing && to == .notSatisfied { return .regressed }
        let before = coverage(from), after = coverage(to)
        if let before, let after, after < before { return .coverageLost }
        if from == .notSatisfied && (to == .satisfied || to == .attested) { return .closed }
        if let before, let after, after > before { return .coverageGained }
        if from == .notSatisfied && to == .notSatisfied { return .stillFailing }
        return from == to ? nil : .changed
    }
}

/// The CI gate of `nhi-audit diff --fail-on`: which change makes the command exit 1.
public enum DiffGate: String, CaseIterable, Sendable {
    /// A control regressed or lost coverage.
    case regression
    /// A finding appeared that no active waiver covers.
    case newFinding = "new-finding"
    case never

    public func trips(on diff: PackDiff) -> Bool {
        switch self {
        case .regression: return diff.hasRegression
        case .newFinding: return diff.hasNewOpenFinding
        case .never: return false
        }
    }
}

/// Counts that come from inputs (activity.csv rows carry their own) can be any Int, and adding two of
/// them must not trap: totals are held at the largest Int, which the report shows as that number.
extension Int {
    /// `self + other`, held at `Int.max` (or `Int.min`) instead of overflowing.
    public func addingSaturated(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self += other`, held at `Int.max` (or `Int.min`) instead of overflowing.
    public mutating func addSaturated(_ other: Int) {
        self = addingSaturated(other)
    }
}

extension Sequence where Element == Int {
    /// The sum, held at `Int.max` (or `Int.min`) instead of overflowing.
    public func saturatedSum() -> Int { reduce(0) { $0.addingSaturated($1) } }
}

import NHIModel

/// The findings of every rule in report order, from each rule's findings already in that order:
/// `Finding.inReportOrder` of the rules' findings one after another, in rule order. Each rule's
/// findings are sorted in its own detection job, on every core; what is left after the jobs, on
/// one core, is merging them, a few comparisons per finding rather than a sort's many.
enum ReportOrderMerge {
    /// `lists`: each rule's findings, in report order, rules in rule order.
    static func merged(_ lists: consuming [[Finding]]) -> [Finding] {
        let keys = lists.map { list in list.map { (severity: $0.severity, id: $0.id) } }
        /// Whether the finding at `right` comes before the one at `left`: equal ones keep the order
        /// of their rules, as the sort of all findings keeps the order given.
        func precedes(_ right: Place, _ left: Place) -> Bool {
            let a = keys[right.list][right.index], b = keys[left.list][left.index]
            return a.severity != b.severity ? a.severity > b.severity : a.id < b.id
        }
        // Adjacent runs are merged pairwise, the left run's findings first among equals.
        var runs = lists.indices.map { list in lists[list].indices.map { Place(list: list, index: $0) } }
        while runs.count > 1 {
            var next: [[Place]] = []
            next.reserveCapacity((runs.count + 1) / 2)
            for start in stride(from: 0, to: runs.count, by: 2) {
                next.append(start + 1 < runs.count ? merge(runs[start], runs[start + 1], precedes) : runs[start])
            }
            runs = next
        }
        // Each finding is moved into the result, an empty one left in its place: a copy would retain
        // each of its fields, and freeing the lists would release them all again, on one core
        // after every detection job has ended. The lists are the only copies (the caller hands them
        // over): a list shared with another copy would be copied whole at the first swap.
        return (runs.first ?? []).map { place in
            var finding = Finding(id: "", rule: "", severity: .info, subject: "", summary: "")
            swap(&finding, &lists[place.list][place.index])
            return finding
        }
    }

    /// A finding's place: its rule's list and its position there.
    struct Place {
        var list: Int
        var index: Int
    }

    private static func merge(_ left: [Place], _ right: [Place], _ precedes: (Place, Place) -> Bool) -> [Place] {
        var merged: [Place] = []
        merged.reserveCapacity(left.count + right.count)
        var l = 0, r = 0
        while l < left.count && r < right.count {
            if precedes(right[r], left[l]) {
                merged.append(right[r]); r += 1
            } else {
                merged.append(left[l]); l += 1
            }
        }
        merged += left[l...]
        merged += right[r...]
        return merged
    }
}

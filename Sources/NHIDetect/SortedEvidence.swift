import NHIModel

/// A finding's evidence: sorted, each reference once.
enum SortedEvidence {
    /// The references of `evidence` in order, without repeats: `Array(Set(evidence)).sorted()`,
    /// without hashing each reference (its path and 64-character digest) into a set. Sorted first,
    /// then repeats dropped where they meet; references the order cannot tell apart (the same
    /// locator, another digest) but that differ are all kept, in the order given.
    ///
    /// Positions are sorted, not references: the sort moves and copies what it sorts, and a copy of
    /// a reference retains its strings. The sort is the same, so the order is the same.
    static func of(_ evidence: [EvidenceRef]) -> [EvidenceRef] {
        guard evidence.count > 1 else { return evidence }
        let sorted = evidence.indices.sorted { evidence[$0] < evidence[$1] }
        var kept: [Int] = []
        kept.reserveCapacity(sorted.count)
        // Where the run of references equivalent to the last one kept starts.
        var run = 0
        for position in sorted {
            if let last = kept.last, !(evidence[last] < evidence[position]) {
                if !kept[run...].contains(where: { evidence[$0] == evidence[position] }) { kept.append(position) }
            } else {
                run = kept.count
                kept.append(position)
            }
        }
        return kept.map { evidence[$0] }
    }

    /// The first `count` of the aggregates' examples taken together and sorted (equal ones in the
    /// order given, as the sort keeps them), without sorting them all: a finding names three.
    static func first(_ count: Int, of items: [ClassifiedActivity]) -> [EvidenceRef] {
        guard count > 0 else { return [] }
        var first: [EvidenceRef] = []
        first.reserveCapacity(count + 1)
        for item in items {
            // Read in place: only the examples kept are copied.
            let examples = item.record.examples
            for position in examples.indices
            where first.count < count || examples[position] < first[first.count - 1] {
                // After every one it does not precede: the sort is stable.
                let place = first.firstIndex { examples[position] < $0 } ?? first.count
                first.insert(examples[position], at: place)
                if first.count > count { first.removeLast() }
            }
        }
        return first
    }
}

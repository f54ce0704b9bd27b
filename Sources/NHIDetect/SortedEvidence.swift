import NHIModel

/// A finding's evidence: sorted, each reference once.
enum SortedEvidence {
    /// The references of `evidence` in order, without repeats: `Array(Set(evidence)).sorted()`,
    /// without hashing each reference (its path and 64-character digest) into a set. Sorted first,
    /// then repeats dropped where they meet; references the order cannot tell apart (the same
    /// locator, another digest) but that differ are all kept, in the order given.
    static func of(_ evidence: [EvidenceRef]) -> [EvidenceRef] {
        guard evidence.count > 1 else { return evidence }
        let sorted = evidence.sorted()
        var kept: [EvidenceRef] = []
        kept.reserveCapacity(sorted.count)
        // Where the run of references equivalent to the last one kept starts.
        var run = 0
        for reference in sorted {
            if let last = kept.last, !(last < reference) {
                if !kept[run...].contains(reference) { kept.append(reference) }
            } else {
                run = kept.count
                kept.append(reference)
            }
        }
        return kept
    }

    /// The first `count` of the aggregates' examples taken together and sorted (equal ones in the
    /// order given, as the sort keeps them), without sorting them all: a finding names three.
    static func first(_ count: Int, of items: [ClassifiedActivity]) -> [EvidenceRef] {
        guard count > 0 else { return [] }
        var first: [EvidenceRef] = []
        first.reserveCapacity(count + 1)
        for item in items {
            for example in item.record.examples where first.count < count || example < first[first.count - 1] {
                // After every one it does not precede: the sort is stable.
                let place = first.firstIndex { example < $0 } ?? first.count
                first.insert(example, at: place)
                if first.count > count { first.removeLast() }
            }
        }
        return first
    }
}

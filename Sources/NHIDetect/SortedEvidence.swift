import NHIModel

/// A finding's evidence: sorted, each reference once.
enum SortedEvidence {
    /// The references of `evidence` in order, without repeats: `Array(Set(evidence)).sorted()`,
    /// without hashing each reference (its path and 64-character digest) into a set. Sorted first,
    /// then repeats dropped where they meet; references the order cannot tell apart (the same
    /// locator, another digest) but that differ are all kept, in the order given.
    ///
    /// Positions are sorted, not references: the sort moves and copies what it sorts, and a copy of
    /// a reference retains its strings. They are sorted by keys made once per reference (`Order`),
    /// which order them as `EvidenceRef.<` does, so the order is the same.
    static func of(_ evidence: [EvidenceRef]) -> [EvidenceRef] {
        guard evidence.count > 1 else { return evidence }
        let order = Order(evidence)
        let sorted = evidence.indices.sorted(by: order.precedes)
        var kept: [Int] = []
        kept.reserveCapacity(sorted.count)
        // Where the run of references equivalent to the last one kept starts.
        var run = 0
        for position in sorted {
            if let last = kept.last, !order.precedes(last, position) {
                if !kept[run...].contains(where: { evidence[$0] == evidence[position] }) { kept.append(position) }
            } else {
                run = kept.count
                kept.append(position)
            }
        }
        return kept.map { evidence[$0] }
    }

    /// `EvidenceRef.<` on positions in a list: the file as its rank among the list's files, line
    /// and record as numbers, all read once per reference. The sort compares each reference about
    /// log n times, and comparing the fields in place compared file paths (and pointers) each time.
    struct Order {
        private let evidence: [EvidenceRef]
        /// Per reference: the rank of its file among the distinct files, its line and record (0 when
        /// missing, as `<` takes them).
        private let keys: [(file: Int, line: Int, record: Int)]

        init(_ evidence: [EvidenceRef]) {
            self.evidence = evidence
            // Distinct files by String equality (the equality `<` uses), each with its first reference.
            var numberOf: [String: Int] = [:]
            var files: [String] = []
            var numbers: [Int] = []
            numbers.reserveCapacity(evidence.count)
            for position in evidence.indices {
                // References of one finding mostly name the file the one before names.
                if position > 0, evidence[position].file == evidence[position - 1].file {
                    numbers.append(numbers[position - 1])
                } else if let number = numberOf[evidence[position].file] {
                    numbers.append(number)
                } else {
                    numberOf[evidence[position].file] = files.count
                    numbers.append(files.count)
                    files.append(evidence[position].file)
                }
            }
            var rank = [Int](repeating: 0, count: files.count)
            for (place, number) in files.indices.sorted(by: { files[$0] < files[$1] }).enumerated() {
                rank[number] = place
            }
            keys = evidence.indices.map {
                (rank[numbers[$0]], evidence[$0].line ?? 0, evidence[$0].record ?? 0)
            }
        }

        /// Whether the reference at `lhs` comes before the one at `rhs`: `evidence[lhs] < evidence[rhs]`.
        func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
            let left = keys[lhs], right = keys[rhs]
            if left.file != right.file { return left.file < right.file }
            if left.line != right.line { return left.line < right.line }
            if left.record != right.record { return left.record < right.record }
            return (evidence[lhs].pointer ?? "") < (evidence[rhs].pointer ?? "")
        }
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

/// Values of many records in one list, in the order they came, each beside its record's slot:
/// appending touches one list instead of an array per record. Grouped per record when flushed.
struct SlotList<Element> {
    private var slots: [Int32] = []
    private var values: [Element] = []

    @inline(__always)
    mutating func append(slot: Int, _ value: Element) {
        slots.append(Int32(slot))
        values.append(value)
    }

    /// How many values came so far.
    var count: Int { values.count }

    /// Changes every value from the `start`-th one on (those of the file being finished, when a
    /// run of files adds to the same records).
    mutating func update(from start: Int, _ body: (inout Element) -> Void) {
        for index in start..<values.count { body(&values[index]) }
    }

    /// Each record's values, in the order they came.
    func byRecord(_ records: Int) -> [[Element]] {
        var result = [[Element]](repeating: [], count: records)
        for (slot, value) in zip(slots, values) { result[Int(slot)].append(value) }
        return result
    }
}

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

    /// Each record's values, in the order they came. Each list is made with room for its values,
    /// counted first: grown an append at a time, a record's thousands of write times were copied
    /// again at every doubling.
    func byRecord(_ records: Int) -> [[Element]] {
        var counts = [Int](repeating: 0, count: records)
        for slot in slots { counts[Int(slot)] += 1 }
        var result = counts.map { count in
            var list: [Element] = []
            list.reserveCapacity(count)
            return list
        }
        for (slot, value) in zip(slots, values) { result[Int(slot)].append(value) }
        return result
    }
}

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

    /// Each record's values, in the order they came.
    func byRecord(_ records: Int) -> [[Element]] {
        var result = [[Element]](repeating: [], count: records)
        for (slot, value) in zip(slots, values) { result[Int(slot)].append(value) }
        return result
    }
}

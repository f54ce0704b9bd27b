import NHIModel

/// An evidence reference's locator (`EvidenceRef.locator`: `file:line#record pointer`) written
/// into one string of its exact length. Every observation gives the locator of each record it
/// cites, hundreds of thousands in a large pack, once per format; appending the pieces one by one
/// grew the string again at each piece and made a string of each number (perf).
enum OSCALEvidenceLocator {
    static func text(_ ref: EvidenceRef) -> String {
        guard (ref.line ?? 0) >= 0, (ref.record ?? 0) >= 0 else { return ref.locator }
        let line = ref.line.map(digitCount), record = ref.record.map(digitCount)
        let count =
            ref.file.utf8.count + (line.map { $0 + 1 } ?? 0) + (record.map { $0 + 1 } ?? 0)
            + (ref.pointer.map { $0.utf8.count + 1 } ?? 0)
        return String(unsafeUninitializedCapacity: count) { bytes in
            var end = copy(ref.file, into: bytes, at: 0)
            if let value = ref.line, let digits = line {
                bytes[end] = UInt8(ascii: ":")
                end = decimal(value, digits: digits, into: bytes, at: end + 1)
            }
            if let value = ref.record, let digits = record {
                bytes[end] = UInt8(ascii: "#")
                end = decimal(value, digits: digits, into: bytes, at: end + 1)
            }
            if let pointer = ref.pointer {
                bytes[end] = UInt8(ascii: " ")
                end = copy(pointer, into: bytes, at: end + 1)
            }
            return end
        }
    }

    /// Digits of a non-negative number.
    private static func digitCount(_ value: Int) -> Int {
        var count = 1, rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }

    /// Writes `value`'s `digits` decimal digits at `start`; returns the end.
    private static func decimal(_ value: Int, digits: Int, into bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int)
        -> Int
    {
        var rest = value
        for index in stride(from: start + digits - 1, through: start, by: -1) {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return start + digits
    }

    /// Copies `text`'s UTF-8 to `start`; returns the end.
    private static func copy(_ text: String, into bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        UnsafeMutableBufferPointer(rebasing: bytes[start...]).initialize(fromContentsOf: text.utf8) + start
    }
}

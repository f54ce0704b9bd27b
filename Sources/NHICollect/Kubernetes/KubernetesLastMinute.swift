import Foundation

/// The minute of the last `YYYY-MM-DDTHH:MM:SS…Z` timestamp parsed: events come in time order,
/// so most timestamps share it and only their seconds need reading. Gives exactly what
/// `TimestampParser.fastParse` gives (the same checks and arithmetic on the same values), or nil.
struct KubernetesLastMinute {
    /// Bytes 0..<16 (`YYYY-MM-DDTHH:MM`) of the minute known, and its seconds since 1970.
    private var prefix: (UInt64, UInt64) = (0, 0)
    private var base = Int.min
    private static let powersOfTen: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    ]

    @inline(__always)
    private static func words(_ text: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(text.baseAddress!)
        return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }

    @inline(__always)
    func time(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        let count = text.count
        guard base != Int.min, count >= 20, count <= 39, text[count - 1] == UInt8(ascii: "Z"),
            Self.words(text) == prefix,
            text[16] == UInt8(ascii: ":")
        else { return nil }
        let tens = Int(text[17]) &- 48, ones = Int(text[18]) &- 48
        guard tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9, tens * 10 + ones < 61 else { return nil }
        let whole = Double(base + tens * 10 + ones)
        if count == 20 { return Date(timeIntervalSince1970: whole + 0.0) }
        guard text[19] == UInt8(ascii: "."), count > 21 else { return nil }
        var value = 0
        for index in 20..<count - 1 {
            let digit = Int(text[index]) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return Date(timeIntervalSince1970: whole + Double(value) / Self.powersOfTen[count - 21])
    }

    /// Remembers the minute of a timestamp `fastParse` accepted.
    mutating func remember(_ text: UnsafeBufferPointer<UInt8>) {
        guard text.count >= 20, text.count <= 39 else { return }
        let minute = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer -> Date? in
            _ = buffer.initialize(from: UnsafeBufferPointer(rebasing: text[0..<16]))
            for (offset, byte) in ":00Z".utf8.enumerated() { buffer[16 + offset] = byte }
            return TimestampParser.fastParse(UnsafeBufferPointer(buffer))
        }
        guard let minute, let seconds = Int(exactly: minute.timeIntervalSince1970) else { return }
        prefix = Self.words(text)
        base = seconds
    }
}

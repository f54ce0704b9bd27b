/// An integer's decimal digits appended as ASCII bytes, as `String(value)` spells them, without
/// making the String: the report's table data, findings.csv and results.json write hundreds of
/// thousands of numbers, and a String for each is an allocation and a copy.
enum DecimalText {
    static func append(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The magnitude as UInt, so that Int.min has one too; digits from the most significant.
        let magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }
}

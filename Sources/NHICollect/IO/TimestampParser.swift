import Foundation
import NHIModel

/// Parses the timestamps audit logs write by the million (`2026-10-01T12:00:00Z`, optionally with
/// fractional seconds) without Foundation's formatters; anything else goes to `ISO8601.parse`.
public enum TimestampParser {
    public static func parse(_ text: String) -> Date? {
        var copy = text
        if let fast = copy.withUTF8({ fastParse($0) ?? fastParseDate($0) ?? fastParseZeroOffset($0) }) { return fast }
        return ISO8601.parse(text)
    }

    /// Whole seconds at offset `+00:00` (`2026-10-01T12:00:00+00:00`, as AWS credential reports
    /// write every time) read as `ISO8601.parse` reads them: the same time with `Z` goes to
    /// `fastParse`.
    static func fastParseZeroOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        let offset: StaticString = "+00:00"
        guard bytes.count == 25, ShortBytes.equal(bytes.baseAddress! + 19, offset.utf8Start, count: 6) else {
            return nil
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            for index in 0..<19 { buffer[index] = bytes[index] }
            buffer[19] = UInt8(ascii: "Z")
            return fastParse(UnsafeBufferPointer(buffer))
        }
    }

    /// A plain date (`YYYY-MM-DD`, as owner lists write expiry dates) read as `ISO8601.parse` reads
    /// it, midnight UTC: the date with `T00:00:00Z` appended goes to `fastParse`, not to Foundation's
    /// formatter (which took microseconds per row).
    static func fastParseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count == 10 else { return nil }
        let midnight: StaticString = "T00:00:00Z"
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            for index in 0..<10 {
                buffer[index] = bytes[index]
                buffer[10 + index] = midnight.utf8Start[index]
            }
            return fastParse(UnsafeBufferPointer(buffer))
        }
    }

    /// The common `YYYY-MM-DDTHH:MM:SS[.fff]Z` form straight from bytes; nil for anything else.
    /// Every CloudTrail event has one, so the fields are read two digits at a time, inline.
    static func fastParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count >= 20, let p = bytes.baseAddress, p[bytes.count - 1] == UInt8(ascii: "Z"),
            p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"), p[10] == UInt8(ascii: "T"),
            p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":")
        else { return nil }
        let century = twoDigits(p, 0), yearOfCentury = twoDigits(p, 2), month = twoDigits(p, 5), day = twoDigits(p, 8)
        let hour = twoDigits(p, 11), minute = twoDigits(p, 14), second = twoDigits(p, 17)
        // Each is -1 when not two digits: one test for all of them.
        guard century | yearOfCentury | month | day | hour | minute | second >= 0 else { return nil }
        let year = century * 100 + yearOfCentury
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 61
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            // Up to 18 fractional digits fit an Int; longer ones go to the general parser.
            guard p[19] == UInt8(ascii: "."), bytes.count > 21, bytes.count <= 39 else { return nil }
            var value = 0
            for index in 20..<bytes.count - 1 {
                let digit = p[index] &- 48
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            fraction = Double(value) / pow(10, Double(bytes.count - 21))
        }
        // Days from civil (Howard Hinnant's algorithm), proleptic Gregorian, UTC.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// The two decimal digits at `p[index]` as a number, or -1.
    @inline(__always)
    private static func twoDigits(_ p: UnsafePointer<UInt8>, _ index: Int) -> Int {
        let tens = p[index] &- 48, units = p[index + 1] &- 48
        return tens < 10 && units < 10 ? Int(tens) * 10 + Int(units) : -1
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

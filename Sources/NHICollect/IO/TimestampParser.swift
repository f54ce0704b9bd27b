import Foundation
import NHIModel

/// Parses the timestamps audit logs write by the million (`2026-10-01T12:00:00Z`, optionally with
/// fractional seconds) without Foundation's formatters; anything else goes to `ISO8601.parse`.
public enum TimestampParser {
    public static func parse(_ text: String) -> Date? {
        var copy = text
        if let fast = copy.withUTF8({ fastParse($0) }) { return fast }
        return ISO8601.parse(text)
    }

    /// The common `YYYY-MM-DDTHH:MM:SS[.fff]Z` form straight from bytes; nil for anything else.
    static func fastParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count >= 20, bytes[bytes.count - 1] == UInt8(ascii: "Z"),
              bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for index in from..<from + count {
                let digit = Int(bytes[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            // Up to 18 fractional digits fit an Int; longer ones go to the general parser.
            guard bytes[19] == UInt8(ascii: "."), bytes.count > 21, bytes.count <= 39, let value = digits(20, bytes.count - 21) else { return nil }
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

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

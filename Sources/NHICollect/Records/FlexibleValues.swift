import Foundation
import NHIModel

/// A JSON scalar read as text whatever its JSON type (exports write ids and times as strings or
/// numbers, flags as booleans or strings).
struct FlexibleString: Decodable, Sendable {
    var value: String
    /// The elements when the JSON value was an array (`value` then joins them with commas).
    var list: [String]?

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self) {
            value = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            value = flag ? "true" : "false"
        } else if let list = try? container.decode([FlexibleString].self) {
            self.list = list.map(\.value)
            value = list.map(\.value).joined(separator: ",")
        } else if container.decodeNil() {
            value = ""
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a string, number or boolean")
        }
    }
}

extension Optional where Wrapped == FlexibleString {
    /// The text, or nil when absent or blank.
    var text: String? {
        guard let value = self?.value.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}

/// Times as exports write them: ISO 8601 (with or without zone, see `ISO8601.parse`), or epoch
/// seconds / milliseconds (GitHub writes milliseconds).
public enum RecordTime {
    public static func parse(_ raw: String) -> Date? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy({ $0.isNumber || $0 == "." }), let number = Double(text) {
            // Above 10^11 the value can only be milliseconds (10^11 seconds is the year 5138).
            return Date(timeIntervalSince1970: number > 100_000_000_000 ? number / 1000 : number)
        }
        return iso8601(text)
    }

    /// ISO 8601 with a fast path for the UTC form audit logs write on every line
    /// (`2026-10-02T10:00:00Z`, `2026-10-02T10:00:00.123456Z`): Foundation's parser costs ~15 µs a call.
    public static func iso8601(_ text: String) -> Date? {
        fastUTC(text) ?? ISO8601.parse(text)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func fastUTC(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            guard bytes[19] == UInt8(ascii: "."), bytes.count > 21, let digits = number(20..<(bytes.count - 1)), bytes.count - 21 <= 9 else { return nil }
            fraction = Double(digits) / pow(10, Double(bytes.count - 21))
        }
        // Days from the civil date (Howard Hinnant's algorithm), valid for the proleptic Gregorian calendar.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: seconds + fraction)
    }

    /// Booleans as CSV and JSON write them.
    public static func flag(_ raw: String?) -> Bool? {
        switch raw?.lowercased() {
        case "true", "yes", "1", "y": return true
        case "false", "no", "0", "n": return false
        default: return nil
        }
    }
}

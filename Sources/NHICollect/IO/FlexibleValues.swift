import Foundation
import NHIModel

/// A JSON scalar read as text whatever its JSON type (exports write ids and times as strings or
/// numbers, flags as booleans or strings).
struct FlexibleString: Decodable, Sendable {
    var value: String
    /// The elements when the JSON value was an array (`value` then joins them with commas).
    var list: [String]?

    /// A value as records take it: trimmed, nil when blank.
    static func text(_ value: String) -> String? {
        let trimmed = Trimmed.whitespacesAndNewlines(value)
        return trimmed.isEmpty ? nil : trimmed
    }

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
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a string, number or boolean")
        }
    }
}

extension Optional where Wrapped == FlexibleString {
    /// The text, or nil when absent or blank.
    var text: String? {
        self.flatMap { FlexibleString.text($0.value) }
    }
}

/// Times as exports write them: ISO 8601 (with or without zone, see `ISO8601.parse`), or epoch
/// seconds / milliseconds (GitHub writes milliseconds).
public enum RecordTime {
    public static func parse(_ raw: String) -> Date? {
        let text = Trimmed.whitespaces(raw)
        if !text.isEmpty, isNumeral(text), let number = Double(text) {
            // Above 10^11 the value can only be milliseconds (10^11 seconds is the year 5138).
            return Date(timeIntervalSince1970: number > 100_000_000_000 ? number / 1000 : number)
        }
        return TimestampParser.parse(text)
    }

    /// Whether every character is a digit or `.`. Plain-ASCII text (every epoch time) is judged by
    /// its bytes, since `Character.isNumber` holds for 0-9 alone among ASCII characters; only other
    /// text goes through its characters (other scripts' digits, which `Double` then refuses).
    static func isNumeral(_ text: String) -> Bool {
        var numeral = true
        for byte in text.utf8 {
            if byte >= 0x80 { return text.allSatisfy { $0.isNumber || $0 == "." } }
            if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) && byte != UInt8(ascii: ".") { numeral = false }
        }
        return numeral
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

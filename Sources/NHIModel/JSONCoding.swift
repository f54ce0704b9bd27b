import Foundation

/// The one JSON convention for everything nhi-audit writes: sorted keys (byte-identical output
/// for the same inputs), ISO 8601 UTC dates with seconds, no escaped slashes.
public enum NHIJSON {
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(from: date))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
            }
            return date
        }
        return decoder
    }
}

/// ISO 8601 parsing and formatting without shared mutable formatters (Swift 6 concurrency-safe).
public enum ISO8601 {
    /// `2026-10-01T12:00:00Z` (UTC, whole seconds).
    public static func string(from date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        // Whole seconds of years 1970–9999 (what records state) are written from the UTC calendar
        // fields: a format style per call costs more than the rest of a finding's OSCAL.
        guard seconds >= 0, seconds < 253_402_300_800, seconds.rounded(.down) == seconds else {
            return date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
        }
        var time = time_t(seconds)
        var fields = tm()
        gmtime_r(&time, &fields)
        let parts = [
            (Int(fields.tm_year) + 1900, 4, UInt8(ascii: "-")), (Int(fields.tm_mon) + 1, 2, UInt8(ascii: "-")),
            (Int(fields.tm_mday), 2, UInt8(ascii: "T")), (Int(fields.tm_hour), 2, UInt8(ascii: ":")),
            (Int(fields.tm_min), 2, UInt8(ascii: ":")), (Int(fields.tm_sec), 2, UInt8(ascii: "Z")),
        ]
        return String(unsafeUninitializedCapacity: 20) { buffer in
            var end = 0
            for (value, width, separator) in parts {
                var rest = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[end + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                buffer[end + width] = separator
                end += width + 1
            }
            return end
        }
    }

    /// Accepts `2026-10-01T12:00:00Z`, with fractional seconds, with offsets (`+02:00`), without
    /// zone (taken as UTC), with a space instead of `T`, and plain dates (`2026-10-01`, midnight UTC).
    public static func parse(_ raw: String) -> Date? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard text.count >= 10 else { return nil }
        var normalised = text.replacingOccurrences(of: " ", with: "T")
        if normalised.count == 10 { normalised += "T00:00:00Z" }
        if normalised.hasSuffix("z") { normalised = String(normalised.dropLast()) + "Z" }
        let hasZone =
            normalised.hasSuffix("Z") || normalised.dropFirst(19).contains("+")
            || normalised.dropFirst(19).contains("-")
        if !hasZone { normalised += "Z" }
        // Minutes-only times (2026-10-01T12:00Z) get seconds.
        if let tIndex = normalised.firstIndex(of: "T") {
            let time = normalised[normalised.index(after: tIndex)...]
            let clock = time.prefix { $0.isNumber || $0 == ":" }
            if clock.count == 5 {
                normalised.insert(contentsOf: ":00", at: normalised.index(tIndex, offsetBy: 6))
            }
        }
        let plain = Date.ISO8601FormatStyle()
        if let date = try? plain.parse(normalised) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return try? fractional.parse(normalised)
    }
}

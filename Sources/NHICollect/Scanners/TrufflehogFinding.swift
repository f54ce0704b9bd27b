import Foundation
import NHIModel

/// One trufflehog v3 `--json` result line. `Raw`/`RawV2` hold the secret: they are only hashed.
struct TrufflehogFinding: Decodable, Sendable {
    struct Location: Decodable, Sendable {
        var commit: FlexibleString?
        var file: FlexibleString?
        var line: FlexibleString?
        var timestamp: FlexibleString?
        var path: FlexibleString?
    }

    struct Source: Decodable, Sendable {
        /// Keyed by source type (`Git`, `Github`, `Filesystem`, …).
        var data: [String: Location]?
        private enum CodingKeys: String, CodingKey { case data = "Data" }
    }

    var sourceMetadata: Source?
    var detectorName: FlexibleString?
    var verified: Bool?
    var raw: String?
    var rawV2: String?
    var redacted: String?

    private enum CodingKeys: String, CodingKey {
        case sourceMetadata = "SourceMetadata", detectorName = "DetectorName", verified = "Verified"
        case raw = "Raw", rawV2 = "RawV2", redacted = "Redacted"
    }

    var location: Location? {
        guard let data = sourceMetadata?.data, let key = data.keys.sorted().first else { return nil }
        return data[key]
    }

    /// The secret as the scanner found it. Older trufflehog releases wrote `Raw` base64-encoded
    /// (a Go byte slice); a value that decodes to printable text is taken as such.
    var secret: String? {
        guard let raw = raw ?? rawV2, !raw.isEmpty else { return nil }
        return Self.decodedBase64(raw) ?? raw
    }

    static func decodedBase64(_ text: String) -> String? {
        guard text.count >= 8, text.count % 4 == 0,
            text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=") }),
            let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8),
            decoded.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        else { return nil }
        return decoded
    }

    /// `2022-06-16 10:17:40 -0700 -0700` (Go's time format in git metadata) or ISO 8601.
    static func parseTime(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        if parts.count >= 3, parts[0].count == 10, parts[1].count == 8, parts[2].count == 5,
            let sign = parts[2].first, sign == "+" || sign == "-"
        {
            let zone = parts[2]
            return ISO8601.parse("\(parts[0])T\(parts[1])\(zone.prefix(3)):\(zone.suffix(2))")
        }
        return ISO8601.parse(text)
    }
}

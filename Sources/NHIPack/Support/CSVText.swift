/// CSV as spreadsheets read it (RFC 4180 quoting), with cells that a spreadsheet would take for a
/// formula (starting with `=`, `+`, `-`, `@`, tab or CR) prefixed with `'` (OWASP CSV injection):
/// the values come from inputs. The placeholder `-` alone is no formula.
public enum CSVText {
    public static func line(_ fields: [String]) -> String {
        var out: [UInt8] = []
        append(fields, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one line to `out`. Quoting is decided and done on UTF-8 bytes, not on characters: a
    /// CR LF pair or a quote followed by a combining mark is one Swift character that equals none of
    /// the separators, yet a CSV reader sees the separator byte.
    public static func append(_ fields: [String], to out: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendCell(neutralised(field), to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    public static func neutralised(_ field: String) -> String {
        // Each of these characters is one byte of UTF-8, and no other character starts with it.
        switch field.utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            return field == "-" ? field : "'" + field
        default: return field
        }
    }

    private static func appendCell(_ cell: String, to out: inout [UInt8]) {
        var cell = cell
        // The UTF-8 in place: a loop over the bytes, not over `String.UTF8View`.
        cell.withUTF8 { utf8 in
            let quote = UInt8(ascii: "\"")
            guard utf8.contains(where: needsQuotes) else {
                out.append(contentsOf: utf8)
                return
            }
            out.append(quote)
            for byte in utf8 {
                if byte == quote { out.append(quote) }
                out.append(byte)
            }
            out.append(quote)
        }
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): true
        default: false
        }
    }
}

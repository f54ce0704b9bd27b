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
            appendCell(field, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// One cell as `append` writes it, without its separator.
    static func appendCell(_ field: String, to out: inout [UInt8]) {
        ASCIIScan.withUTF8(field) { appendCell($0, to: &out) }
    }

    /// One cell given as UTF-8 (a cell made of pieces is gathered as bytes, not as a String).
    static func appendCell(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        let quoted = needsQuotes(utf8)
        if quoted { out.append(quote) }
        if isFormula(utf8) { out.append(UInt8(ascii: "'")) }
        if quoted {
            for byte in utf8 {
                if byte == quote { out.append(quote) }
                out.append(byte)
            }
            out.append(quote)
        } else {
            out.append(contentsOf: utf8)
        }
    }

    private static func isFormula(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        // Each of these characters is one byte of UTF-8, and no other character starts with it.
        switch utf8.first {
        case UInt8(ascii: "-"): utf8.count > 1
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// Whether a cell holds a separator, quote or line break. Words of eight bytes with no comma,
    /// no quote and no control character are passed at once: most cells have none.
    private static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        !ASCIIScan.allBytes(utf8, { !needsQuotes($0) }) { word in
            !(ASCIIScan.hasByte(word, below: 0x20) || ASCIIScan.hasByte(word, equalTo: UInt8(ascii: ","))
                || ASCIIScan.hasByte(word, equalTo: UInt8(ascii: "\"")))
        }
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): true
        default: false
        }
    }
}

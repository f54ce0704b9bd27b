/// One of the report's paged tables as the script reads it: rows of cells, written as JSON into a
/// `<script type="application/json">` element as the page is written, one row at a time.
struct ReportTable {
    enum Cell {
        case text(String)
        case number(Int)

        /// The cell as the first page's HTML shows it (the template escapes it).
        var text: String {
            switch self {
            case .text(let text): return text
            case .number(let number): return String(number)
            }
        }
    }

    /// The element's id is `<name>-data`; the template places the data with the marker `marker(name)`.
    let name: String
    /// Columns whose texts repeat from row to row (severities, rules, owners, dates): each distinct
    /// text is written once in `strings` and the rows hold its index, which keeps the page small.
    let shared: [Int]
    let count: Int
    let row: (Int) -> [Cell]
}

/// Writes a `ReportTable` as `{"shared":[…],"rows":[[…],…],"strings":[…]}` (shared texts listed in
/// the order they first appear, so the bytes depend only on the rows). Safe to embed in a script
/// element: besides JSON's own escapes, `<`, `>` and `&` are written as `\u003c`, `\u003e`,
/// `\u0026` (so no `</script>` or `<!--` can close or confuse the element) and the line
/// separators U+2028 / U+2029 as escapes.
enum TableJSON {
    /// Bytes gathered before they are handed on.
    static let chunk = 1 << 20

    static func write(_ table: ReportTable, to sink: ([UInt8]) throws -> Void) throws {
        var out: [UInt8] = []
        out.reserveCapacity(chunk + 4096)
        var strings: [String] = []
        var index: [String: Int] = [:]
        // Whether each column is shared, by position: looked up for every cell of every row.
        var isShared = [Bool](repeating: false, count: (table.shared.max() ?? -1) + 1)
        for column in table.shared where column >= 0 { isShared[column] = true }
        // Each column's last shared text and its index: rows in report order repeat their
        // neighbours' severity, rule or owner, found so without hashing the text again.
        var lastText: [String?] = [], lastIndex: [Int] = []
        append("{\"shared\":[" + table.shared.map(String.init).joined(separator: ",") + "],\"rows\":[", to: &out)
        for row in 0..<table.count {
            if row > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for (column, cell) in table.row(row).enumerated() {
                if column > 0 { out.append(UInt8(ascii: ",")) }
                switch cell {
                case .number(let number): DecimalText.append(number, to: &out)
                case .text(let text) where column < isShared.count && isShared[column]:
                    while lastText.count <= column {
                        lastText.append(nil)
                        lastIndex.append(0)
                    }
                    let known: Int
                    if lastText[column] == text {
                        known = lastIndex[column]
                    } else {
                        known = index[text] ?? strings.count
                        if known == strings.count {
                            strings.append(text)
                            index[text] = known
                        }
                        lastText[column] = text
                        lastIndex[column] = known
                    }
                    DecimalText.append(known, to: &out)
                case .text(let text): appendString(text, to: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
            if out.count >= chunk {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        append("],\"strings\":[", to: &out)
        for (position, text) in strings.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            appendString(text, to: &out)
            if out.count >= chunk {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        append("]}", to: &out)
        try sink(out)
    }

    /// The whole table as one string (for tests and small tables).
    static func string(_ table: ReportTable) throws -> String {
        var bytes: [UInt8] = []
        try write(table) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func append(_ ascii: String, to out: inout [UInt8]) { out.append(contentsOf: ascii.utf8) }

    /// `text` as a JSON string, escaped for a script element. Runs of bytes that need nothing are
    /// copied at once; a byte is escaped if it is a control character, `"`, `\\`, `<`, `>` or `&`,
    /// and the lead byte 0xE2 is looked at for U+2028 and U+2029.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0, at = 0
            while at < bytes.count {
                let byte = bytes[at]
                if byte < 0x40 ? specials & (1 << UInt64(byte)) == 0 : byte != 0x5C && byte != 0xE2 {
                    at += 1
                    continue
                }
                if start < at { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<at])) }
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), byte])
                case 0xE2 where at + 2 < bytes.count && bytes[at + 1] == 0x80 && (bytes[at + 2] & 0xFE) == 0xA8:
                    // U+2028, U+2029: line terminators to older JavaScript parsers.
                    unicodeEscape(0x2000 + UInt32(bytes[at + 2] - 0x80), &out)
                    at += 2
                case 0xE2: out.append(byte)
                default: unicodeEscape(UInt32(byte), &out)
                }
                at += 1
                start = at
            }
            if start < at { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<at])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The bytes below 0x40 that `appendString` escapes, one bit each: controls, `"`, `&`, `<`, `>`.
    private static let specials: UInt64 = 0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E

    /// `\u` and four lowercase hex digits.
    private static func unicodeEscape(_ value: UInt32, _ out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

import Foundation

/// One CSV record with the line it starts on (1-based, counting the header as line 1).
public struct CSVRow: Sendable {
    public var line: Int
    public var fields: [String]
}

/// A CSV file with a header row, parsed per RFC 4180: quoted fields may hold commas, quotes
/// (`""`) and newlines; UTF-8 with or without BOM; LF or CRLF. Blank lines are skipped.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [CSVRow]
    /// Header names lower-cased and trimmed → column index.
    public var columns: [String: Int]

    /// Parses `data`; throws `CollectError` naming `file` and the line when the file is not
    /// CSV at all (not UTF-8, no header, a quote left open at the end of the file) or holds a
    /// record longer than `maxRecordBytes`.
    public init(data: Data, file: String, maxRecordBytes: Int = RecordLimits.maxRecordBytes) throws {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw CollectError(file: file, line: 1, message: "not UTF-8 text")
        }
        let records = try Self.split(text, file: file, maxRecordBytes: maxRecordBytes)
        guard let first = records.first, !(first.fields.count == 1 && first.fields[0].isEmpty) else {
            throw CollectError(file: file, line: 1, message: "empty file: a CSV header row is required")
        }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() where columns[name.lowercased()] == nil {
            columns[name.lowercased()] = index
        }
        self.columns = columns
    }

    /// The value of `column` in `row`, trimmed; nil when the column is absent or the cell empty.
    public func value(_ row: CSVRow, _ column: String) -> String? {
        guard let index = columns[column.lowercased()], index < row.fields.count else { return nil }
        let value = Trimmed.whitespaces(row.fields[index])
        return value.isEmpty ? nil : value
    }

    public func hasColumn(_ column: String) -> Bool { columns[column.lowercased()] != nil }

    private static func split(_ text: String, file: String, maxRecordBytes: Int) throws -> [CSVRow] {
        var records: [CSVRow] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quoteOpenedOn = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var recordBytes = 0

        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) || records.isEmpty {
                records.append(CSVRow(line: recordLine, fields: fields))
            }
            fields = []
            recordBytes = 0
        }

        while let scalar = pending ?? iterator.next() {
            pending = nil
            recordBytes += scalar.utf8.count
            if recordBytes > maxRecordBytes {
                throw CollectError(
                    file: file, line: recordLine,
                    message:
                        "a single record is longer than \(RecordLimits.describe(maxRecordBytes)) (the record starting on this line)"
                )
            }
            if inQuotes {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    // A line break inside quotes: LF, CRLF or a lone CR, as outside them.
                    if scalar == "\r" {
                        pending = iterator.next()
                        if pending != "\n" { line += 1 }
                    } else if scalar == "\n" {
                        line += 1
                    }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
                quoteOpenedOn = line
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            throw CollectError(file: file, line: quoteOpenedOn, message: "quoted field is never closed")
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}

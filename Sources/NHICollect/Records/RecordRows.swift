import Foundation
import NHIModel

/// One record of our own formats, from a CSV row or a JSON object with the same keys.
struct RecordRow {
    /// Lower-cased key → trimmed value (absent when empty).
    var values: [String: String]
    /// Keys whose JSON value was an array.
    var lists: [String: [String]]
    var ref: EvidenceRef

    func value(_ key: String) -> String? { values[key] }

    /// A list cell: a JSON array, or text separated by `;`.
    func list(_ key: String) -> [String] {
        let items = lists[key] ?? (values[key]?.split(separator: ";").map(String.init) ?? [])
        return items.map(Trimmed.whitespaces).filter { !$0.isEmpty }
    }

    /// A time cell; throws a rejection reason when present but not a time. `endOfDay` makes a plain
    /// date mean the end of that day (window ends, approval expiry).
    func time(_ key: String, endOfDay: Bool = false) throws(RecordRejection) -> Date? {
        guard let text = values[key] else { return nil }
        guard let date = RecordTime.parse(text) else { throw RecordRejection("\(key) is not a date or time") }
        return endOfDay && text.count == 10 ? date.addingTimeInterval(86_400 - 1) : date
    }

    func required(_ key: String) throws(RecordRejection) -> String {
        guard let value = values[key] else { throw RecordRejection("\(key) is empty") }
        return value
    }
}

/// Why a record is rejected (the ledger groups rejections by this text, so it names no values).
struct RecordRejection: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

enum RecordRows {
    /// Calls `body` for each record of a CSV file (header row) or a JSON array / JSON lines file;
    /// a `RecordRejection` thrown by `body` rejects that record with its line. A CSV file lacking
    /// one of `requiredColumns` is not this format and fails as a whole; so does a header column
    /// that is not one of `knownColumns` but a misspelling of one (`idenitty`), which would
    /// otherwise be ignored. A CSV row with more or fewer fields than the header is rejected.
    static func forEach(
        _ file: SourceFile, requiredColumns: [String], knownColumns: [String] = [], ledger: inout LedgerEntry,
        _ body: (RecordRow) throws(RecordRejection) -> Void
    ) throws {
        let data = try file.contents()
        func take(_ row: RecordRow) {
            do {
                try body(row)
                ledger.accept()
            } catch {
                ledger.reject(reason: error.reason, locator: row.ref.locator)
            }
        }
        if HeadSniff.isJSON(HeadSniff.text(data.prefix(64))) {
            try JSONRecordSplitter.forEach(in: data, file: file.relativePath) { record in
                let ref = file.ref(line: record.index == nil ? record.line : nil, record: record.index)
                guard let object = try? JSONDecoder().decode([String: FlexibleString].self, from: record.bytes) else {
                    ledger.reject(reason: "not a JSON object of scalar values", locator: ref.locator)
                    return
                }
                var values: [String: String] = [:]
                var lists: [String: [String]] = [:]
                for (key, value) in object {
                    let text = Trimmed.whitespacesAndNewlines(value.value)
                    if !text.isEmpty { values[key.lowercased()] = text }
                    if let list = value.list { lists[key.lowercased()] = list }
                }
                take(RecordRow(values: values, lists: lists, ref: ref))
            }
            return
        }
        let table = try CSVTable(data: data, file: file.relativePath)
        // A column is taken for a misspelling only when the known column it resembles is absent:
        // beside a real `status`, a `state` column is just more data.
        let absent = knownColumns.filter { !table.hasColumn($0) }
        for (name, index) in table.columns.sorted(by: { $0.value < $1.value }) where !knownColumns.contains(name) {
            if let suggestion = NearestName.among(absent, to: name) {
                throw CollectError(
                    file: file.relativePath, line: 1,
                    message: "unknown column \"\(name)\" (column \(index + 1); did you mean \"\(suggestion)\"?)")
            }
        }
        for column in requiredColumns where !table.hasColumn(column) {
            throw CollectError(file: file.relativePath, line: 1, message: "missing required column \"\(column)\"")
        }
        for row in table.rows {
            guard row.fields.count == table.header.count else {
                ledger.reject(
                    reason: "row has a different number of fields than the header",
                    locator: file.ref(line: row.line).locator)
                continue
            }
            var values: [String: String] = [:]
            for (name, _) in table.columns { if let value = table.value(row, name) { values[name] = value } }
            take(RecordRow(values: values, lists: [:], ref: file.ref(line: row.line)))
        }
    }
}

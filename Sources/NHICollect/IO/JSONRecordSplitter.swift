import Foundation

/// Splits a JSON file into its records without decoding them, so that each reader decodes one
/// record at a time (memory stays flat) and a bad record is rejected alone with its position.
///
/// Shapes: a JSON array (each element is a record, located by index and line), JSON lines (each
/// non-blank line is a record), or one or more pretty-printed objects one after another.
public enum JSONRecordSplitter {
    public struct Record {
        public var bytes: Data
        /// 1-based line where the record starts.
        public var line: Int
        /// 0-based index inside a top-level array; nil for JSON lines and single objects.
        public var index: Int?
    }

    public enum Shape: Sendable, Equatable { case array, lines, objects, empty }

    /// The shape of the file, judged from its first record.
    public static func shape(of data: Data) -> Shape {
        let data = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        return data.withUnsafeBytes { raw -> Shape in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let start = firstNonSpace(bytes, from: 0) else { return .empty }
            if bytes[start] == UInt8(ascii: "[") { return .array }
            guard bytes[start] == UInt8(ascii: "{"), let end = matchingEnd(bytes, from: start) else { return .lines }
            return bytes[start...end].contains(UInt8(ascii: "\n")) ? .objects : .lines
        }
    }

    /// Calls `body` for every record in file order. Throws `CollectError` (naming `file` and the
    /// line) only when the file's structure is broken so that records cannot be told apart.
    /// A record longer than `maxRecordBytes` fails the file with its line.
    public static func forEach(
        in data: Data, file: String, maxRecordBytes: Int = RecordLimits.maxRecordBytes,
        _ body: (Record) throws -> Void
    ) throws {
        let data = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        let body = { (record: Record) throws in
            guard record.bytes.count <= maxRecordBytes else {
                throw CollectError(
                    file: file, line: record.line,
                    message:
                        "a single record is longer than \(RecordLimits.describe(maxRecordBytes)) (the record starting on this line)"
                )
            }
            try body(record)
        }
        switch shape(of: data) {
        case .empty: return
        case .lines: try lines(data, body)
        case .array: try arrayElements(data, file: file, body)
        case .objects: try objects(data, file: file, body)
        }
    }

    private static func lines(_ data: Data, _ body: (Record) throws -> Void) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            var line = 1
            var start = 0
            while start < raw.count {
                var end = start
                var blank = true
                while end < raw.count && raw[end] != 0x0A {
                    if blank && !isSpace(raw[end]) { blank = false }
                    end += 1
                }
                if !blank {
                    try body(Record(bytes: Data(bytes: base + start, count: end - start), line: line, index: nil))
                }
                line += 1
                start = end + 1
            }
        }
    }

    private static func arrayElements(_ data: Data, file: String, _ body: (Record) throws -> Void) throws {
        var found: [(Range<Int>, Int)] = []
        var failure: CollectError?
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = Scanner(bytes: bytes)
            guard let open = scanner.skipSpace(), bytes[open] == UInt8(ascii: "[") else { return }
            scanner.position = open + 1
            while true {
                guard let next = scanner.skipSpace() else {
                    failure = CollectError(file: file, line: scanner.line, message: "JSON array is never closed")
                    return
                }
                if bytes[next] == UInt8(ascii: "]") {
                    scanner.position = next + 1
                    if scanner.skipSpace() != nil {
                        failure = CollectError(
                            file: file, line: scanner.line, message: "unexpected content after the JSON array")
                    }
                    return
                }
                if bytes[next] == UInt8(ascii: ","), !found.isEmpty {
                    scanner.position = next + 1
                    continue
                }
                let line = scanner.line
                guard let end = scanner.valueEnd(from: next) else {
                    failure = CollectError(file: file, line: line, message: "JSON value is never closed")
                    return
                }
                found.append((next..<end, line))
                scanner.position = end
            }
        }
        for (index, (range, line)) in found.enumerated() {
            try body(
                Record(
                    bytes: data.subdata(
                        in: (data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)), line: line,
                    index: index))
        }
        if let failure { throw failure }
    }

    private static func objects(_ data: Data, file: String, _ body: (Record) throws -> Void) throws {
        var found: [(Range<Int>, Int)] = []
        var failure: CollectError?
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = Scanner(bytes: bytes)
            while let next = scanner.skipSpace() {
                let line = scanner.line
                guard bytes[next] == UInt8(ascii: "{"), let end = scanner.valueEnd(from: next) else {
                    failure = CollectError(file: file, line: line, message: "expected a JSON object")
                    return
                }
                found.append((next..<end, line))
                scanner.position = end
            }
        }
        for (range, line) in found {
            try body(
                Record(
                    bytes: data.subdata(
                        in: (data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)), line: line,
                    index: nil))
        }
        if let failure { throw failure }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func firstNonSpace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index < bytes.count ? index : nil
    }

    private static func matchingEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var scanner = Scanner(bytes: bytes)
        return scanner.valueEnd(from: start).map { $0 - 1 }
    }

    /// Walks bytes keeping the line count, skipping strings (with escapes) when matching brackets.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var line = 1

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// Advances over whitespace (counting lines); the index of the next byte, or nil at the end.
        mutating func skipSpace() -> Int? {
            while position < bytes.count, JSONRecordSplitter.isSpace(bytes[position]) {
                if bytes[position] == 0x0A { line += 1 }
                position += 1
            }
            return position < bytes.count ? position : nil
        }

        /// One past the end of the value starting at `start` (an object, array or scalar).
        mutating func valueEnd(from start: Int) -> Int? {
            var depth = 0
            var inString = false
            var escaped = false
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 { return index + 1 }
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        // A scalar ends where its enclosing array or object closes.
                        if depth == 0 { return index > start ? index : nil }
                        depth -= 1
                        if depth == 0 { return index + 1 }
                    default:
                        if depth == 0 && (byte == UInt8(ascii: ",") || JSONRecordSplitter.isSpace(byte)) {
                            return index
                        }
                    }
                }
                if byte == 0x0A { line += 1 }
                index += 1
            }
            return depth == 0 && !inString && index > start ? index : nil
        }
    }
}

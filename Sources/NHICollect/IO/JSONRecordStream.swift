import CJSONScan
import Foundation

/// Splits a JSON file into records without reading it whole: the elements of a top-level array,
/// the elements of a top-level object's `"Records"` array (CloudTrail as delivered to S3),
/// JSON lines, or a sequence of concatenated / pretty-printed objects. Boundaries are found by
/// tracking brackets, strings and escapes only; each record is validated by whoever scans it.
///
/// A record is handed over as a view into the buffer (valid during the call) with the line it
/// starts on and, for arrays and sequences, its 0-based index. A file whose structure is broken
/// (not JSON, a bracket never closed) throws `CollectError` with line and column.
public struct JSONRecordStream {
    public enum Layout: String, Sendable { case lines, array, records, sequence, empty }

    private let buffer: StreamBuffer
    private let file: String
    /// Line number at `buffer.start`, and the content offset where that line starts.
    private var line = 1
    private var lineStart: Int64 = 0
    public private(set) var layout: Layout = .empty

    public init(buffer: StreamBuffer, file: String) {
        self.buffer = buffer
        self.file = file
    }

    /// A stream known to be JSON lines whose first line is line `firstLine` of the file (the
    /// second part of a `LineSplit`).
    init(lines buffer: StreamBuffer, file: String, firstLine: Int) {
        self.init(buffer: buffer, file: file)
        line = firstLine
        layout = .lines
    }

    public mutating func forEachRecord(_ body: (UnsafeRawBufferPointer, _ line: Int, _ index: Int?) throws -> Void)
        throws
    {
        try forEachRecord(walking: nil) { bytes, line, index, _ in try body(bytes, line, index) }
    }

    /// Finds where an element of an array or of a `{"Records":[…]}` array ends: given every byte
    /// buffered from its first, its length when the walk that reads it found its end (what it
    /// read is then the body's to take), or nil, and the stream finds the end itself.
    typealias ElementWalk = (UnsafeRawBufferPointer) -> Int?

    /// `forEachRecord` where `walk` first reads each element of an array or `{"Records":[…]}`
    /// array, so that its bytes are not walked twice (once here to find its end, once to read
    /// it); the body is told whether `walk` read the record. JSON lines are cut at newlines, and
    /// sequences by the stream, as without it. The records, lines and errors are the same.
    mutating func forEachRecord(
        walking walk: ElementWalk?,
        _ body: (UnsafeRawBufferPointer, _ line: Int, _ index: Int?, _ walked: Bool) throws -> Void
    ) throws {
        if layout == .empty { layout = try detectLayout() }
        switch layout {
        case .empty: return
        case .lines: try forEachLine { bytes, line, index in try body(bytes, line, index, false) }
        case .array: try streamArray(walk, body); try expectEnd()
        case .records: try streamRecordsObject(walk, body); try expectEnd()
        case .sequence: try streamSequence { bytes, line, index in try body(bytes, line, index, false) }
        }
    }

    // MARK: layout

    mutating func detectLayout() throws -> Layout {
        try ensure(3)
        if buffer.count >= 3 && buffer.base[buffer.start] == 0xEF && buffer.base[buffer.start + 1] == 0xBB
            && buffer.base[buffer.start + 2] == 0xBF
        {
            buffer.start += 3
        }
        guard try skipWhitespace() else { return .empty }
        switch buffer.base[buffer.start] {
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "{"):
            if try firstKeyIsRecords() { return .records }
            return try firstLineHoldsOneValue() ? .lines : .sequence
        default:
            throw positionError("not JSON: expected '{' or '['")
        }
    }

    private func firstKeyIsRecords() throws -> Bool {
        try ensure(64)
        var index = buffer.start + 1
        while index < buffer.end, Self.isWhitespace(buffer.base[index]) { index += 1 }
        let key = Array("\"Records\"".utf8)
        guard buffer.end - index >= key.count else { return false }
        return memcmp(buffer.base + index, key, key.count) == 0
    }

    /// True when the first line is exactly one complete value (JSON lines), false for pretty-printed objects.
    private func firstLineHoldsOneValue() throws -> Bool {
        var newline: Int?
        var searched = buffer.start
        while newline == nil {
            if let found = memchr(buffer.base + searched, 0x0A, buffer.end - searched) {
                newline = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - buffer.base
            } else {
                let scanned = buffer.end - buffer.start
                guard try buffer.fill() else { break }
                searched = buffer.start + scanned
            }
        }
        let limit = newline ?? buffer.end
        guard let end = Self.valueEnd(buffer.base, from: buffer.start, to: limit)?.end else { return false }
        return (end..<limit).allSatisfy { Self.isWhitespace(buffer.base[$0]) }
    }

    // MARK: layouts

    private mutating func forEachLine(_ body: (UnsafeRawBufferPointer, Int, Int?) throws -> Void) throws {
        let firstLine = line
        var reader = LineReader(buffer: buffer)
        try reader.forEachLine { bytes, number in
            guard bytes.contains(where: { !Self.isWhitespace($0) }) else { return }
            try body(bytes, number + firstLine - 1, nil)
        }
        line = firstLine + reader.lineNumber
    }

    /// After JSON lines read to their end: the number the line after the last would have (the
    /// first line of a `LineSplit`'s second part, when this stream read the first).
    var lineAfter: Int { line }

    private mutating func streamArray(
        _ walk: ElementWalk?, _ body: (UnsafeRawBufferPointer, Int, Int?, Bool) throws -> Void
    ) throws {
        guard try skipWhitespace(), buffer.base[buffer.start] == UInt8(ascii: "[") else {
            throw positionError("expected '['")
        }
        advance(1)
        var index = 0
        guard try skipWhitespace() else { throw positionError("unexpected end of file inside an array") }
        if buffer.base[buffer.start] == UInt8(ascii: "]") { advance(1); return }
        while true {
            try nextValue(walking: walk) { bytes, startLine, walked in try body(bytes, startLine, index, walked) }
            index += 1
            guard try skipWhitespace() else {
                throw positionError("unexpected end of file inside an array: ']' is missing")
            }
            switch buffer.base[buffer.start] {
            case UInt8(ascii: ","):
                advance(1)
                guard try skipWhitespace() else { throw positionError("unexpected end of file inside an array") }
            case UInt8(ascii: "]"):
                advance(1)
                return
            default:
                throw positionError("expected ',' or ']' between records")
            }
        }
    }

    private mutating func streamRecordsObject(
        _ walk: ElementWalk?, _ body: (UnsafeRawBufferPointer, Int, Int?, Bool) throws -> Void
    ) throws {
        advance(1)
        var first = true
        while true {
            guard try skipWhitespace() else { throw positionError("unexpected end of file inside an object") }
            if buffer.base[buffer.start] == UInt8(ascii: "}") { advance(1); return }
            if !first {
                guard buffer.base[buffer.start] == UInt8(ascii: ",") else { throw positionError("expected ',' or '}'") }
                advance(1)
                guard try skipWhitespace() else { throw positionError("unexpected end of file inside an object") }
            }
            first = false
            var isRecords = false
            try nextValue { bytes, _, _ in isRecords = bytes.elementsEqual("\"Records\"".utf8) }
            guard try skipWhitespace(), buffer.base[buffer.start] == UInt8(ascii: ":") else {
                throw positionError("expected ':'")
            }
            advance(1)
            guard try skipWhitespace() else { throw positionError("unexpected end of file, expected a value") }
            if isRecords {
                try streamArray(walk, body)
            } else {
                try nextValue { _, _, _ in }
            }
        }
    }

    private mutating func streamSequence(_ body: (UnsafeRawBufferPointer, Int, Int?) throws -> Void) throws {
        var index = 0
        while try skipWhitespace() {
            try nextValue { bytes, startLine, _ in try body(bytes, startLine, index) }
            index += 1
        }
    }

    private mutating func expectEnd() throws {
        if try skipWhitespace() { throw positionError("unexpected data after the end of the JSON value") }
    }

    // MARK: scanning

    /// Hands over the complete value at `buffer.start` (reading more as needed) and consumes it:
    /// as `walk` found it, when it does (an element it declines, or that ends after the buffered
    /// bytes, is then looked for again, after more are read), else as `valueEnd` finds it.
    private mutating func nextValue(
        walking walk: ElementWalk? = nil, _ body: (UnsafeRawBufferPointer, Int, Bool) throws -> Void
    ) throws {
        while true {
            if let walk,
                let length = walk(UnsafeRawBufferPointer(start: buffer.base + buffer.start, count: buffer.count))
            {
                try body(UnsafeRawBufferPointer(start: buffer.base + buffer.start, count: length), line, true)
                countLines(before: buffer.start + length)
                buffer.start += length
                return
            }
            var found = Self.valueEnd(buffer.base, from: buffer.start, to: buffer.end)
            if found == nil && buffer.atEnd && buffer.count > 0
                && !Self.opensContainerOrString(buffer.base[buffer.start])
            {
                found = (buffer.end, 0, -1)
            }
            if let found {
                guard found.end > buffer.start else {
                    throw positionError("unexpected '\(Character(Unicode.Scalar(buffer.base[buffer.start])))'")
                }
                let startLine = line
                try body(
                    UnsafeRawBufferPointer(start: buffer.base + buffer.start, count: found.end - buffer.start),
                    startLine, false)
                if found.newlines > 0 {
                    line += found.newlines
                    lineStart = buffer.baseOffset + Int64(found.lastNewline + 1)
                }
                buffer.start = found.end
                return
            }
            guard try buffer.fill() || !Self.opensContainerOrString(buffer.base[buffer.start]) else {
                throw positionError("unexpected end of file inside a record (a string, '}' or ']' is never closed)")
            }
        }
    }

    /// Counts the newlines from `buffer.start` up to `end` (a value the walk validated: JSON has
    /// none inside strings, so each one is a line break between tokens).
    private mutating func countLines(before end: Int) {
        var from = buffer.start
        while from < end, let found = memchr(buffer.base + from, 0x0A, end - from) {
            let newline = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - buffer.base
            line += 1
            lineStart = buffer.baseOffset + Int64(newline + 1)
            from = newline + 1
        }
    }

    /// Skips whitespace, counting lines; false at the end of the content.
    private mutating func skipWhitespace() throws -> Bool {
        while true {
            while buffer.start < buffer.end {
                let byte = buffer.base[buffer.start]
                guard Self.isWhitespace(byte) else { return true }
                if byte == 0x0A { line += 1; lineStart = buffer.offset + 1 }
                buffer.start += 1
            }
            guard try buffer.fill() else { return false }
        }
    }

    private func advance(_ count: Int) { buffer.start += count }

    private func ensure(_ count: Int) throws {
        while buffer.count < count { guard try buffer.fill() else { return } }
    }

    private func positionError(_ message: String) -> CollectError {
        CollectError(file: file, line: line, column: Int(buffer.offset - lineStart) + 1, message: message)
    }

    static func opensContainerOrString(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\"")
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// End (exclusive) of the value starting at `from`, or nil when `to` comes first. Newlines
    /// outside strings are counted (valid JSON has none inside).
    static func valueEnd(_ base: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> (
        end: Int, newlines: Int, lastNewline: Int
    )? {
        var index = from
        var depth = 0
        var newlines = 0
        var lastNewline = -1
        while index < to {
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                while index < to {
                    // Sixteen bytes at a time up to the next quote, backslash (or control character,
                    // stepped over here: the record's scanner rejects it): records are mostly strings.
                    index = nhi_json_string_stop(base + index, base + to) - UnsafePointer(base)
                    guard index < to else { break }
                    let inner = base[index]
                    if inner == UInt8(ascii: "\\") { index += 2; continue }
                    if inner == UInt8(ascii: "\"") { break }
                    index += 1
                }
                guard index < to else { return nil }
                index += 1
                if depth == 0 { return (index, newlines, lastNewline) }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return (index, newlines, lastNewline) }
                depth -= 1
                index += 1
                if depth == 0 { return (index, newlines, lastNewline) }
            case UInt8(ascii: ","):
                if depth == 0 { return (index, newlines, lastNewline) }
                index += 1
            default:
                if depth == 0 && isWhitespace(byte) { return (index, newlines, lastNewline) }
                if byte == 0x0A { newlines += 1; lastNewline = index }
                index += 1
            }
        }
        return nil
    }
}

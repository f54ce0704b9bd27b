import CJSONScan
import Foundation

/// Why a JSON value could not be scanned, and where (byte offset inside the scanned buffer).
public struct JSONScanError: Error, Equatable, Sendable {
    public var offset: Int
    public var message: String
    public init(offset: Int, message: String) { self.offset = offset; self.message = message }
}

/// The bytes between a string's quotes, still escaped.
public struct JSONStringSpan {
    public var start: UnsafePointer<UInt8>
    public var count: Int
    public var hasEscapes: Bool

    /// Compares with a literal key without decoding (keys with escapes are decoded first).
    /// Word loads instead of a `memcmp` call: keys are short and compared many times per record.
    @inline(__always)
    public func equals(_ literal: StaticString) -> Bool {
        if hasEscapes { return (try? JSONCursor.decode(self)) == literal.description }
        return count == literal.utf8CodeUnitCount && ShortBytes.equal(start, literal.utf8Start, count: count)
    }
}

/// A forward-only JSON scanner over one buffer, for pulling a few fields out of large records
/// without building a document. It validates what it passes over (strings with their escapes
/// and control characters, numbers, literals, nesting), so a malformed record is rejected rather
/// than half-read; UTF-8 is validated in the strings it decodes.
public struct JSONCursor {
    public let begin: UnsafePointer<UInt8>
    public let end: UnsafePointer<UInt8>
    public var position: UnsafePointer<UInt8>
    public static let maxDepth = Int(NHI_JSON_MAX_DEPTH)

    public init(_ buffer: UnsafeRawBufferPointer) {
        let start = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        begin = start
        end = start + buffer.count
        position = start
    }

    public var offset: Int { position - begin }
    public var isAtEnd: Bool { position >= end }

    public func error(_ message: String) -> JSONScanError { JSONScanError(offset: offset, message: message) }

    @inline(__always)
    public mutating func skipWhitespace() {
        while position < end {
            let byte = position.pointee
            // Compact JSON has no whitespace: one comparison settles the common case.
            if byte > 0x20 { return }
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    @inline(__always)
    public func peek() -> UInt8 { position < end ? position.pointee : 0 }

    @inline(__always)
    public mutating func expect(_ byte: UInt8, _ what: String) throws(JSONScanError) {
        guard position < end, position.pointee == byte else {
            throw error(position < end ? "expected \(what)" : "unexpected end of record, expected \(what)")
        }
        position += 1
    }

    // MARK: objects and arrays

    /// Consumes `{` (after whitespace). Follow with `nextKey(first:)` until it returns nil.
    public mutating func beginObject() throws(JSONScanError) {
        skipWhitespace()
        try expect(UInt8(ascii: "{"), "'{'")
    }

    /// The next key of an object, with the cursor left at its value; nil after the closing `}`.
    @inline(__always)
    public mutating func nextKey(first: inout Bool) throws(JSONScanError) -> JSONStringSpan? {
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { position += 1; return nil }
        if first {
            first = false
        } else {
            try expect(UInt8(ascii: ","), "',' or '}'")
            skipWhitespace()
        }
        guard peek() == UInt8(ascii: "\"") else {
            throw error(isAtEnd ? "unexpected end of record inside an object" : "expected a string key")
        }
        let key = try stringSpan()
        skipWhitespace()
        try expect(UInt8(ascii: ":"), "':'")
        skipWhitespace()
        return key
    }

    /// True when another element follows (cursor at it); false after the closing `]`.
    public mutating func nextElement(first: inout Bool) throws(JSONScanError) -> Bool {
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { position += 1; return false }
        if first {
            first = false
        } else {
            try expect(UInt8(ascii: ","), "',' or ']'")
            skipWhitespace()
        }
        if isAtEnd { throw error("unexpected end of record inside an array") }
        return true
    }

    // MARK: values

    /// A string value, or nil (value skipped) when the value is not a string.
    public mutating func stringValue() throws(JSONScanError) -> String? {
        guard peek() == UInt8(ascii: "\"") else { try skipValue(); return nil }
        let span = try stringSpan()
        return try Self.decode(span, at: offset)
    }

    /// The raw span of a string value, or nil (value skipped) when the value is not a string.
    @inline(__always)
    public mutating func stringSpanValue() throws(JSONScanError) -> JSONStringSpan? {
        guard peek() == UInt8(ascii: "\"") else { try skipValue(); return nil }
        return try stringSpan()
    }

    /// A boolean, or nil (value skipped) when it is not `true`/`false` (the strings "true"/"false" count).
    public mutating func boolValue() throws(JSONScanError) -> Bool? {
        switch peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        case UInt8(ascii: "\""):
            switch try stringValue() {
            case "true": return true;
            case "false": return false;
            default: return nil
            }
        default: try skipValue(); return nil
        }
    }

    /// Skips any value, validating it. Skipped values are most of an audit record's bytes, so
    /// the walk is done in C (`nhi_json_skip_value`, one loop, no calls per member); only a value
    /// it refuses is walked again here, to say what is wrong and where.
    @inline(__always)
    public mutating func skipValue(depth: Int = 0) throws(JSONScanError) {
        if let next = nhi_json_skip_value(position, end, depth, Self.maxDepth) {
            position = next
            return
        }
        try skipValueChecked(depth: depth)
    }

    /// `skipValue` in Swift: the reference the C walk must agree with, and the source of errors.
    mutating func skipValueChecked(depth: Int = 0) throws(JSONScanError) {
        guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        switch peek() {
        case UInt8(ascii: "\""):
            _ = try stringSpan()
        case UInt8(ascii: "{"):
            position += 1
            var first = true
            while try nextKey(first: &first) != nil { try skipValueChecked(depth: depth + 1) }
        case UInt8(ascii: "["):
            position += 1
            var first = true
            while try nextElement(first: &first) { try skipValueChecked(depth: depth + 1) }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default:
            throw error(isAtEnd ? "unexpected end of record, expected a value" : "expected a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONScanError) {
        let count = word.utf8CodeUnitCount
        guard end - position >= count, memcmp(position, word.utf8Start, count) == 0 else {
            throw error("invalid literal, expected \(word)")
        }
        position += count
    }

    private mutating func number() throws(JSONScanError) {
        @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard isDigit(peek()) else { throw error("invalid number") }
        if peek() == UInt8(ascii: "0") { position += 1 } else { while isDigit(peek()) { position += 1 } }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard isDigit(peek()) else { throw error("invalid number: digits expected after '.'") }
            while isDigit(peek()) { position += 1 }
        }
        if peek() | 0x20 == UInt8(ascii: "e") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard isDigit(peek()) else { throw error("invalid number: digits expected in exponent") }
            while isDigit(peek()) { position += 1 }
        }
    }

    // MARK: strings

    /// Scans a string (cursor at its opening quote) and returns the raw span between the quotes.
    /// Control characters and invalid escapes are errors. Plain runs are skipped sixteen bytes at a
    /// time (`nhi_json_string_stop`, SSE2 or NEON).
    @inline(__always)
    public mutating func stringSpan() throws(JSONScanError) -> JSONStringSpan {
        position += 1
        let start = position
        // Inline fast path: no escape before the closing quote.
        position = nhi_json_string_stop(position, end)
        if position < end, position.pointee == UInt8(ascii: "\"") {
            position += 1
            return JSONStringSpan(start: start, count: position - 1 - start, hasEscapes: false)
        }
        return try stringSpanRest(from: start)
    }

    /// The rest of a string from `position`: escapes, control characters, a string the record cuts short.
    private mutating func stringSpanRest(from start: UnsafePointer<UInt8>) throws(JSONScanError) -> JSONStringSpan {
        var escapes = false
        while true {
            position = nhi_json_string_stop(position, end)
            guard position < end else { throw error("unterminated string") }
            let byte = position.pointee
            if byte == UInt8(ascii: "\"") {
                let span = JSONStringSpan(start: start, count: position - start, hasEscapes: escapes)
                position += 1
                return span
            }
            if byte == UInt8(ascii: "\\") {
                escapes = true
                guard end - position >= 2 else { throw error("unterminated string") }
                switch position[1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard end - position >= 6, (2..<6).allSatisfy({ Self.hexValue(position[$0]) != nil }) else {
                        throw error("invalid \\u escape")
                    }
                    position += 6
                default:
                    throw error("invalid escape")
                }
            } else {
                // What stops the search and is neither a quote nor a backslash.
                throw error("control character in string")
            }
        }
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Eight bytes at a time, the last word overlapping bytes already read, and short values in
    /// two overlapping halves or three bytes: no loop byte by byte (most values are short, and
    /// such a tail cost more than the words).
    @inline(__always)
    static func isASCII(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = raw.baseAddress else { return true }
        let bytes = UnsafeRawPointer(base), count = raw.count
        var bits: UInt64 = 0
        if count >= 8 {
            var index = 0
            while count - index > 8 {
                bits |= bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
            bits |= bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            bits = UInt64(
                bytes.loadUnaligned(as: UInt32.self) | bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else if count > 0 {
            bits = UInt64(base[0] | base[count >> 1] | base[count - 1])
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// Decodes a span (already validated by `stringSpan`) into a String: escapes, `\u` with
    /// surrogate pairs; a lone surrogate or invalid UTF-8 is an error.
    public static func decode(_ span: JSONStringSpan, at offset: Int = 0) throws(JSONScanError) -> String {
        let raw = UnsafeBufferPointer(start: span.start, count: span.count)
        if !span.hasEscapes {
            // ASCII needs no validation; CloudTrail fields almost always are.
            if isASCII(raw) { return String(decoding: raw, as: UTF8.self) }
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw JSONScanError(offset: offset, message: "invalid UTF-8 in string")
            }
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(span.count)
        try unescape(span, at: offset, into: &bytes)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw JSONScanError(offset: offset, message: "invalid UTF-8 in string")
        }
        return text
    }

    /// Appends the bytes a span with escapes stands for (UTF-8 not validated here), so hot paths
    /// can decode without building a String; a lone surrogate is an error.
    static func unescape(_ span: JSONStringSpan, at offset: Int, into bytes: inout [UInt8]) throws(JSONScanError) {
        let raw = UnsafeBufferPointer(start: span.start, count: span.count)
        var index = 0
        func hex4(_ at: Int) -> UInt32 {
            (at..<at + 4).reduce(0) { $0 << 4 | hexValue(raw[$1])! }
        }
        // Decoded bytes are never more than the escaped ones.
        bytes.reserveCapacity(bytes.count + raw.count)
        while index < raw.count {
            // The run up to the next backslash in one copy: appending byte by byte cost a
            // capacity check each.
            let runEnd =
                memchr(raw.baseAddress! + index, 0x5C, raw.count - index)
                .map { UnsafeRawPointer($0) - UnsafeRawPointer(raw.baseAddress!) } ?? raw.count
            if runEnd > index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: raw[index..<runEnd])) }
            index = runEnd
            guard index < raw.count else { break }
            let kind = raw[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(index)
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u")
                    else {
                        throw JSONScanError(offset: offset, message: "unpaired surrogate in \\u escape")
                    }
                    let low = hex4(index + 2)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw JSONScanError(offset: offset, message: "unpaired surrogate in \\u escape")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw JSONScanError(offset: offset, message: "unpaired surrogate in \\u escape")
                }
                appendUTF8(scalar, to: &bytes)
            default: bytes.append(kind)
            }
        }
    }

    @inline(__always)
    private static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case ..<0x80: bytes.append(UInt8(scalar))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | scalar >> 6)); bytes.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | scalar >> 12)); bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F));
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | scalar >> 18)); bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F)); bytes.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

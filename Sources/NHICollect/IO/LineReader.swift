import Foundation

/// Splits a byte stream into lines (LF or CRLF) without copying: each line is handed to the
/// caller as a view into the buffer, valid only during the call. Blank lines are passed too,
/// so line numbers stay exact; a last line without a newline is a line.
public struct LineReader {
    private let buffer: StreamBuffer
    public private(set) var lineNumber = 0

    public init(buffer: StreamBuffer) { self.buffer = buffer }

    /// Calls `body` with each line (without its line end) and its 1-based number.
    public mutating func forEachLine(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        var searchFrom = buffer.start
        while true {
            let remaining = buffer.end - searchFrom
            if remaining > 0, let found = memchr(buffer.base + searchFrom, 0x0A, remaining) {
                let newline = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - buffer.base
                var lineEnd = newline
                if lineEnd > buffer.start && buffer.base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                lineNumber += 1
                try body(
                    UnsafeRawBufferPointer(start: buffer.base + buffer.start, count: lineEnd - buffer.start), lineNumber
                )
                buffer.start = newline + 1
                searchFrom = buffer.start
                continue
            }
            let scanned = buffer.end - buffer.start
            guard try buffer.fill() else { break }
            searchFrom = buffer.start + scanned
        }
        if buffer.count > 0 {
            var lineEnd = buffer.end
            if buffer.base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            lineNumber += 1
            try body(
                UnsafeRawBufferPointer(start: buffer.base + buffer.start, count: lineEnd - buffer.start), lineNumber)
            buffer.start = buffer.end
        }
    }
}

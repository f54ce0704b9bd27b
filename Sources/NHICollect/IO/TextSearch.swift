import Foundation

/// Substring searches in Strings, answered as Foundation's `range(of:)` answers them, for tests
/// that run once per audit entry, activity record or sniffed head. Foundation searches through
/// CFString (a third of reading a GitHub audit log, perf); ASCII text is searched byte for byte
/// here, which finds exactly what Foundation finds: in ASCII every byte is a character (but CR LF,
/// one character), so an ASCII needle without CR or LF can match only whole characters. Any other
/// text is left to Foundation, which compares canonically equivalent characters alike (a combining
/// mark joins the character before it).
enum TextSearch {
    /// Whether `needle` (ASCII, without CR or LF) occurs in `text`, as `text.range(of: needle) != nil`
    /// says (which finds no empty needle).
    static func contains(_ text: String, _ needle: String) -> Bool {
        let found = inASCII(text, needle) { bytes, pattern in firstOccurrence(of: pattern, in: bytes, from: 0) != nil }
        return found ?? (text.range(of: needle) != nil)
    }

    /// `body` over the bytes of `text` and `needle` when both are ASCII and `needle` is not empty;
    /// nil otherwise.
    static func inASCII(
        _ text: String, _ needle: String,
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool? {
        var needle = needle
        let found = needle.withUTF8 { pattern in
            text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
                guard !pattern.isEmpty, isASCII(bytes), isASCII(pattern) else { return nil }
                return body(bytes, pattern)
            }
        }
        return found ?? nil
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var bits: UInt8 = 0
        for byte in bytes { bits |= byte }
        return bits < 0x80
    }

    /// Where `pattern` (not empty) first occurs in `bytes` at or after `start`: a scan for its
    /// first byte, then a comparison.
    static func firstOccurrence(
        of pattern: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> Int? {
        guard bytes.count - start >= pattern.count else { return nil }
        let first = pattern[0], rest = pattern.count - 1
        for index in start...(bytes.count - pattern.count) where bytes[index] == first {
            var matched = 0
            while matched < rest && bytes[index + 1 + matched] == pattern[1 + matched] { matched += 1 }
            if matched == rest { return index }
        }
        return nil
    }
}

import Foundation

/// `trimmingCharacters(in: .whitespaces)` and `(in: .whitespacesAndNewlines)` without Foundation
/// when there is nothing to trim. Every cell of a CSV file and every value of a JSON record is
/// trimmed, almost none has anything to trim, and Foundation's trimming (a CharacterSet built
/// and searched per call) was a third of reading owners.csv. A value whose first and last bytes
/// are ASCII and not among the set's ASCII members (tab and space; for newlines also LF, VT, FF,
/// CR) starts and ends with a scalar outside the set, so trimming leaves it as it is.
enum Trimmed {
    static func whitespaces(_ text: String) -> String {
        untouched(text, newlines: false) ? text : text.trimmingCharacters(in: .whitespaces)
    }

    static func whitespacesAndNewlines(_ text: String) -> String {
        untouched(text, newlines: true) ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @inline(__always)
    private static func untouched(_ text: String, newlines: Bool) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return true }
        return keeps(first, newlines: newlines) && keeps(last, newlines: newlines)
    }

    @inline(__always)
    private static func keeps(_ byte: UInt8, newlines: Bool) -> Bool {
        if byte >= 0x80 { return false }
        if byte == 0x20 || byte == 0x09 { return false }
        return !(newlines && byte >= 0x0A && byte <= 0x0D)
    }
}

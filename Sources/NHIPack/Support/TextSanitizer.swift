import Foundation

/// Makes input-derived text safe to place in XML 1.0 and HTML: audit data (user agents, tags)
/// can carry C0 control characters that make an XML document ill-formed and an HTML document
/// invalid, so they are replaced by U+FFFD, visibly, rather than dropped.
public enum TextSanitizer {
    public static let replacement: Character = "\u{FFFD}"

    public static func xmlSafe(_ text: String) -> String {
        guard !isPlainASCII(text) else { return text }
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
        }
        return String(result)
    }

    /// Text for a human-read document (HTML, Markdown): each bidi control (U+202A–U+202E,
    /// U+2066–U+2069) becomes a visible marker such as `[U+202E]`, so that a name cannot be shown
    /// reversed or reordered to pass for another.
    public static func bidiVisible(_ text: String) -> String {
        // A bidi control is never ASCII.
        guard !isPlainASCII(text), text.unicodeScalars.contains(where: { TerminalText.isBidiControl($0) }) else {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            if TerminalText.isBidiControl(scalar) {
                result += "[U+\(String(scalar.value, radix: 16, uppercase: true))]"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// One line without leading or trailing blanks: OSCAL string fields forbid both.
    public static func singleLine(_ text: String) -> String {
        if isOneTrimmedLine(text) { return text }
        return xmlSafe(text).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// ASCII with no control character but tab, line feed and carriage return: allowed in XML as it is.
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(ASCIIScan.isPlain) ?? text.utf8.allSatisfy(ASCIIScan.isPlainByte)
    }

    /// Printable ASCII (space to tilde) that neither starts nor ends with a space: one line with
    /// nothing to trim, as `singleLine` would give it.
    static func isOneTrimmedLine(_ text: String) -> Bool {
        text.utf8.first != 0x20 && text.utf8.last != 0x20
            && (text.utf8.withContiguousStorageIfAvailable(ASCIIScan.isPrintable)
                ?? text.utf8.allSatisfy(ASCIIScan.isPrintableByte))
    }

    /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

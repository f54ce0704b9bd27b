import Foundation

/// Makes input-derived text safe to place in XML 1.0 and HTML: audit data (user agents, tags)
/// can carry C0 control characters that make an XML document ill-formed and an HTML document
/// invalid, so they are replaced by U+FFFD, visibly, rather than dropped.
public enum TextSanitizer {
    public static let replacement: Character = "\u{FFFD}"

    public static func xmlSafe(_ text: String) -> String {
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
        guard text.unicodeScalars.contains(where: { TerminalText.isBidiControl($0) }) else { return text }
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
        xmlSafe(text).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
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

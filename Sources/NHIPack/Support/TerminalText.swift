/// Makes input-derived text safe to print on a terminal: a name from an export can carry ESC
/// sequences that drive the terminal, BEL, CR or LF that forge extra lines, C1 controls, or bidi
/// controls that display a name reversed. Each becomes a visible escape (`\e`, `\n`, `\u{202E}`),
/// so what the user reads is what the input holds.
public enum TerminalText {
    /// The bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069).
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// C0 and C1 controls, DEL, and the bidi controls.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isBidiControl(scalar)
    }

    /// One line: every control character escaped, line breaks included.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) { result += escape(scalar) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// Text of several lines we composed: each line is made safe as by `line`; the line breaks stay.
    public static func lines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\u{1B}": return "\\e"
        case "\u{07}": return "\\a"
        default: return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }
}

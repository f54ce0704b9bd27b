import Foundation

/// The paragraphs of an OSCAL markup-multiline field in XML, one `<p>` each: its lines, trimmed of
/// spaces and tabs, the blank ones left out, or `-` when none is left (OSCAL forbids an empty field).
enum OSCALParagraphs {
    static func of(_ text: String) -> [String] {
        let paragraphs = ascii(text) ?? characters(text)
        return paragraphs.isEmpty ? ["-"] : paragraphs
    }

    /// The lines of text whose bytes are all ASCII, found byte by byte: split at LF, VT, FF and CR
    /// (the ASCII characters `Character.isNewline` holds; CR LF, one Character, leaves a blank line
    /// between its two bytes that is dropped), trimmed of spaces and tabs (the ASCII members of
    /// `CharacterSet.whitespaces`). Exactly `characters(text)` for such text, without its cost per
    /// Character: a not-satisfied control's description lists every finding behind it on one line.
    /// Nil for text with a byte outside ASCII.
    static func ascii(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var paragraphs: [String] = []
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0x0A
                if byte >= 0x80 { return nil }
                guard (0x0A...0x0D).contains(byte) else { continue }
                var first = start, end = index
                while first < end, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
                while end > first, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                if first < end {
                    paragraphs.append(
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<end]), as: UTF8.self))
                }
                start = index + 1
            }
            return paragraphs
        }
    }

    /// The lines of any text, Character by Character.
    static func characters(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

import Foundation
@testable import NHICollect
import Testing

/// `Trimmed` skips Foundation only where Foundation would leave the text as it is.
@Suite struct TrimmedTests {
    private let pieces: [String] =
        [
            "a", "Z", "0", "é", "e\u{301}", "\u{A0}", "\u{2003}", "\u{2028}", "\u{85}", "\u{3000}", "\u{FEFF}", "日",
        ] + (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    @Test func sameAsFoundationForEveryASCIIByteAndUnicodeSpacesAtEitherEnd() {
        for head in pieces {
            for tail in pieces {
                for middle in ["", "x y", "\t"] {
                    let text = head + middle + tail
                    #expect(
                        Trimmed.whitespaces(text) == text.trimmingCharacters(in: .whitespaces),
                        "\(text.debugDescription)")
                    #expect(
                        Trimmed.whitespacesAndNewlines(text) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                        "\(text.debugDescription)")
                }
            }
        }
        #expect(Trimmed.whitespaces("") == "" && Trimmed.whitespacesAndNewlines("") == "")
    }
}

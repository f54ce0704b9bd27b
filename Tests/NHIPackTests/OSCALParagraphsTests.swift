import Foundation
@testable import NHIPack
import Testing
import TestSupport

/// `OSCALParagraphs.ascii` splits ASCII text byte by byte where `characters` goes Character by
/// Character; for every ASCII text the two must give the same paragraphs.
@Suite struct OSCALParagraphsTests {
    /// Line breaks (CR LF among them), blanks, a control character that is neither, DEL and text.
    static let pieces = [
        "a", "Z", "0", "-", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{01}", "\u{7F}",
    ]

    @Test func asciiTextSplitsAsCharactersDo() {
        var generator = SeedMutator(seed: 0x0A5C_A1)
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                Self.pieces.randomElement(using: &generator)!
            }.joined()
            #expect(OSCALParagraphs.ascii(text) == OSCALParagraphs.characters(text), "\(Array(text.utf8))")
        }
    }

    @Test(arguments: [
        "", " ", "\n", "\r\n\r\n", "one line", " padded\t", "a\nb", "a\r\nb", " a \n\n\t b \r", "x\u{0B}y\u{0C}z",
    ])
    func edgeCasesSplitAsCharactersDo(text: String) {
        #expect(OSCALParagraphs.ascii(text) == OSCALParagraphs.characters(text))
    }

    @Test func textBeyondASCIIGoesCharacterByCharacter() {
        for text in ["é", "a\u{85}b", "a\u{2028}b", "\u{3000}a\u{3000}", "a\nb é"] {
            #expect(OSCALParagraphs.ascii(text) == nil)
        }
        #expect(OSCALParagraphs.of("a\u{85} b\u{2028}\u{3000}") == ["a", "b"])
    }

    @Test func blankTextIsOneDash() {
        #expect(OSCALParagraphs.of(" \n\t\r\n") == ["-"])
        #expect(OSCALParagraphs.of("") == ["-"])
    }
}

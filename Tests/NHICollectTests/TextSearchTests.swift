import Foundation
@testable import NHICollect
import TestSupport
import Testing

/// `TextSearch.contains` against Foundation's `range(of:)`, which it stands in for: on ASCII text,
/// on text with combining marks right after a would-be match, and on random mixtures.
@Suite struct TextSearchTests {
    @Test func findsWhatFoundationFinds() {
        let pieces = ["a", "b", "ab", "ba", ":", "/", "user", ":user/", "e", "\u{301}", "é", "\r\n", "\n", " ", "x"]
        let needles = [":user/", "ab", "a", "user-to-server", "e", "b a", "aba"]
        var random = SeedMutator(seed: 21)
        for round in 0..<5_000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in
                pieces.randomElement(using: &random)!
            }.joined()
            for needle in needles {
                #expect(
                    TextSearch.contains(text, needle) == (text.range(of: needle) != nil),
                    "round \(round): \(text.debugDescription) holding \(needle.debugDescription)")
            }
        }
    }

    @Test func edges() {
        #expect(TextSearch.contains("arn:aws:iam::1:user/a", ":user/"))
        #expect(!TextSearch.contains("arn:aws:iam::1:role/a", ":user/"))
        #expect(TextSearch.contains(":user/", ":user/"))
        #expect(!TextSearch.contains(":user", ":user/"))
        #expect(!TextSearch.contains("", "a"))
        #expect(!TextSearch.contains("abc", ""))
        // A combining mark joins the character before it: Foundation finds no "e" in "é" spelt e + U+0301.
        #expect(!TextSearch.contains("e\u{301}", "e"))
        #expect(TextSearch.contains("e\u{301}e", "e"))
    }
}

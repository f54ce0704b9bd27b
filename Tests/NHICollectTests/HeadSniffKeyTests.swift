import Foundation
@testable import NHICollect
import TestSupport
import Testing

/// `HeadSniff.hasKey` searches ASCII heads byte for byte; it must answer as the search through
/// Foundation (`hasKeyBySearch`) does, whatever the blanks, CR LF pairs and quotes around the key.
@Suite struct HeadSniffKeyTests {
    @Test func answersAsFoundationsSearch() {
        let pieces = [
            "\"", "key", "\"key\"", "\"ke", "y\"", " ", "\t", "\r", "\n", "\r\n", ":", "x", "{", "é", "\u{301}",
        ]
        var random = SeedMutator(seed: 34)
        for round in 0..<5_000 {
            let text = (0..<Int.random(in: 0...10, using: &random)).map { _ in
                pieces.randomElement(using: &random)!
            }.joined()
            #expect(
                HeadSniff.hasKey(text, "key") == HeadSniff.hasKeyBySearch(text, "key"),
                "round \(round): \(text.debugDescription)")
        }
    }

    @Test func edges() {
        #expect(HeadSniff.hasKey("{\"action\": \"x\"}", "action"))
        #expect(HeadSniff.hasKey("{\"action\"\n\t :1}", "action"))
        #expect(!HeadSniff.hasKey("[\"action\", \"actor\"]", "action"))
        // CR LF is one character, which the search does not drop.
        #expect(!HeadSniff.hasKey("{\"action\"\r\n:1}", "action"))
        #expect(HeadSniff.hasKey("{\"action\"\r:1}", "action"))
        #expect(HeadSniff.hasKey("{\"a\" \"action\":1}", "action"))
    }
}

@testable import NHIModel
import Testing

/// `matches` answers through the byte matcher for plain ASCII; it must agree with the Character
/// matcher on every input, and hand back to it whatever bytes cannot judge.
@Suite struct WildcardPatternASCIITests {
    /// Small alphabets so that random patterns often match: wildcards, separators, both cases,
    /// a non-ASCII letter (and its capital), a combining mark and CR LF.
    private static let patternPieces = [
        "a", "A", "b", "B", "*", "?", ":", " ", "é", "É", "\u{301}", "\r\n", "\r", "\n",
    ]
    private static let candidatePieces = [
        "a", "A", "b", "B", "*", "?", ":", " ", "é", "É", "\u{301}", "\r\n", "\r", "\n",
    ]

    private static func text(
        _ pieces: [String], asciiOnly: Bool, using generator: inout SystemRandomNumberGenerator
    ) -> String {
        let usable = asciiOnly ? pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 && $0 != 13 } } : pieces
        return (0..<Int.random(in: 0...7, using: &generator)).map { _ in usable.randomElement(using: &generator)! }
            .joined()
    }

    @Test func agreesWithTheCharacterMatcherOnRandomInputs() {
        var generator = SystemRandomNumberGenerator()
        var asciiAnswers = 0
        for round in 0..<40_000 {
            let asciiOnly = round % 2 == 0
            let text = Self.text(Self.patternPieces, asciiOnly: asciiOnly, using: &generator)
            let candidate = Self.text(Self.candidatePieces, asciiOnly: asciiOnly, using: &generator)
            for pattern in [
                WildcardPattern(text), WildcardPattern(text, caseInsensitive: false), WildcardPattern.action(text),
                WildcardPattern(text, caseInsensitive: false, segmented: true),
            ] {
                if pattern.asciiMatches(candidate) != nil { asciiAnswers += 1 }
                #expect(
                    pattern.matches(candidate) == pattern.characterMatches(candidate),
                    "\(pattern.text.debugDescription) \(pattern.caseInsensitive) \(pattern.segmented) \(candidate.debugDescription)"
                )
            }
        }
        #expect(asciiAnswers > 60_000)
    }

    @Test func leavesTextBytesCannotJudgeToTheCharacterMatcher() {
        #expect(WildcardPattern("a?b").asciiMatches("a\r\nb") == nil)
        #expect(WildcardPattern("a?b").matches("a\r\nb"))
        #expect(WildcardPattern("caf?").asciiMatches("café") == nil)
        #expect(WildcardPattern("CAFÉ").matches("café"))
        #expect(WildcardPattern("a?b").asciiMatches("aXb") == true)
    }

    @Test func edgeCases() {
        #expect(WildcardPattern("").matches("") && !WildcardPattern("").matches("a"))
        #expect(WildcardPattern("*").matches("") && WildcardPattern.action("*").matches("a:b c"))
        #expect(WildcardPattern.action("*:*").matches(":") && !WildcardPattern.action("*:*").matches("a b"))
        #expect(WildcardPattern("a*").matches("a*") && !WildcardPattern("a?").matches("a"))
        #expect(!WildcardPattern("[", caseInsensitive: true).matches("{"))
        #expect(WildcardPattern("@Z").matches("@z") && !WildcardPattern("@").matches("`"))
    }

    @Test func overlapsAgreesWithTheCharacterVersionOnRandomInputs() {
        var generator = SystemRandomNumberGenerator()
        var asciiAnswers = 0, overlapping = 0
        for round in 0..<40_000 {
            let asciiOnly = round % 2 == 0
            let first = Self.text(Self.patternPieces, asciiOnly: asciiOnly, using: &generator)
            let second = Self.text(Self.patternPieces, asciiOnly: asciiOnly, using: &generator)
            let flags = (0..<4).map { _ in Bool.random(using: &generator) }
            let lhs = WildcardPattern(first, caseInsensitive: flags[0], segmented: flags[1])
            let rhs = WildcardPattern(second, caseInsensitive: flags[2], segmented: flags[3])
            if lhs.asciiOverlaps(rhs) != nil { asciiAnswers += 1 }
            let expected = lhs.characterOverlaps(rhs)
            if expected { overlapping += 1 }
            #expect(
                lhs.overlaps(rhs) == expected,
                "\(first.debugDescription) \(flags) \(second.debugDescription)")
        }
        #expect(asciiAnswers > 15_000 && overlapping > 1_000, "\(asciiAnswers) \(overlapping)")
    }

    @Test func overlapsEdgeCases() {
        #expect(
            WildcardPattern("").overlaps(WildcardPattern("")) && !WildcardPattern("").overlaps(WildcardPattern("a")))
        #expect(
            WildcardPattern("").overlaps(WildcardPattern("*")) && WildcardPattern("?").overlaps(WildcardPattern("*")))
        #expect(WildcardPattern.action("ecs:*").overlaps(.action("ECS:Update*")))
        #expect(!WildcardPattern.action("*:Describe*").overlaps(.action("lambda:Update*")))
        #expect(
            !WildcardPattern.action("a:b").overlaps(.action("a b"))
                && WildcardPattern.action("*").overlaps(.action("a b:c")))
        #expect(!WildcardPattern("A", caseInsensitive: false).overlaps(WildcardPattern("a", caseInsensitive: false)))
        #expect(WildcardPattern("A", caseInsensitive: false).overlaps(WildcardPattern("a")))
        #expect(WildcardPattern("a?b").asciiOverlaps(WildcardPattern("a\r\nb")) == nil)
    }
}

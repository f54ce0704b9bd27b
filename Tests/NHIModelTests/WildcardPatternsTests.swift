@testable import NHIModel
import Testing

/// Several patterns asked of one candidate answer as asking each pattern in turn does.
@Suite struct WildcardPatternsTests {
    /// Small alphabets so that random patterns often match: wildcards, separators, both cases,
    /// non-ASCII letters (the Kelvin sign lower-cases to ASCII "k"), a combining mark and CR LF.
    private static let pieces = [
        "a", "A", "k", "K", "*", "?", ":", " ", "é", "É", "\u{212A}", "\u{301}", "→", "\r\n", "\r",
    ]

    private static func text(using generator: inout SystemRandomNumberGenerator) -> String {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    private static func pattern(using generator: inout SystemRandomNumberGenerator) -> WildcardPattern {
        WildcardPattern(
            text(using: &generator), caseInsensitive: Bool.random(using: &generator),
            segmented: Bool.random(using: &generator))
    }

    @Test func answersAsEachPatternInTurn() {
        var generator = SystemRandomNumberGenerator()
        var matched = 0
        for _ in 0..<20_000 {
            let patterns = (0..<Int.random(in: 0...5, using: &generator)).map { _ in Self.pattern(using: &generator) }
            let list = WildcardPatterns(patterns)
            for _ in 0..<4 {
                let candidate = Self.text(using: &generator)
                let expected = patterns.contains { $0.matches(candidate) }
                if expected { matched += 1 }
                #expect(
                    list.anyMatches(candidate) == expected,
                    "\(patterns.map { ($0.text, $0.caseInsensitive, $0.segmented) }) \(candidate.debugDescription)")
            }
        }
        #expect(matched > 5_000)
    }

    @Test func edgeCases() {
        #expect(!WildcardPatterns([]).anyMatches("a"))
        let admin = WildcardPatterns(
            ["AdministratorAccess", "*:policy/AdministratorAccess", "admin"].map { WildcardPattern($0) })
        #expect(admin.anyMatches("arn:aws:iam::aws:policy/administratoraccess"))
        #expect(!admin.anyMatches("RoleBinding ns-0/sa-0-0-deployer → ClusterRole deployer"))
        #expect(WildcardPatterns([WildcardPattern("*admin")]).anyMatches("RoleBinding ci/x → ClusterRole ADMIN"))
        #expect(WildcardPatterns([WildcardPattern("k")]).anyMatches("\u{212A}"))
        #expect(!WildcardPatterns([WildcardPattern("k", caseInsensitive: false)]).anyMatches("\u{212A}"))
        #expect(
            WildcardPatterns([WildcardPattern("K", caseInsensitive: false), WildcardPattern("k")]).anyMatches(
                "\u{212A}"))
    }
}

@testable import NHIPack
import Testing

/// `OSCALIdentifiers.sp80053Token` reads ASCII ids byte by byte; it must give what the pattern
/// NIST's convention is written as gives, for any id.
@Suite struct OSCALControlTokenTests {
    /// The convention as a Regex: the reference.
    private static func reference(_ id: String) -> String? {
        guard let match = id.wholeMatch(of: /([A-Za-z]{2})-(\d+)(?:\((\d+)\))?/) else { return nil }
        var token = "\(match.1.lowercased())-\(match.2)"
        if let enhancement = match.3 { token += ".\(enhancement)" }
        return token
    }

    @Test func edgeIdsAsThePatternReadsThem() {
        let ids = [
            "AC-2", "ac-2", "Ac-02(04)", "AC-2(4)", "IA-5(13)", "SC-12(1)", "AC-", "AC-(4)", "AC-2(", "AC-2()",
            "AC-2(4", "AC-2(4))", "AC-2(4)x", "AC-2 (4)", "A-2", "ABC-2", "AC2", "AC-2.4", "", "A", "AC", "AC-x",
            "@C-2", "[C-2", "`C-2", "{C-2", "AC-١٢", "AC-2(٣)", "ÄC-2", "AC-2\r\n", "AC-2\u{301}", "AC-2(4)\u{301}",
        ]
        for id in ids { #expect(OSCALIdentifiers.sp80053Token(id) == Self.reference(id), "\(id)") }
    }

    @Test func randomIdsAsThePatternReadsThem() {
        let alphabet: [String] = [
            "A", "c", "Z", "z", "@", "[", "`", "{", "-", "(", ")", "0", "1", "2", "4", "9", "/", ":", ".", " ", "١",
            "é", "\u{301}",
        ]
        var generator = SystemRandomNumberGenerator()
        var matched = 0
        for round in 0..<20_000 {
            // Most ids start like a control id, so that the later parts are reached.
            var id = round % 2 == 0 ? ["AC-", "sc-", "Ia-"].randomElement(using: &generator)! : ""
            for _ in 0..<Int.random(in: 0...7, using: &generator) { id += alphabet.randomElement(using: &generator)! }
            let token = OSCALIdentifiers.sp80053Token(id)
            if token != nil { matched += 1 }
            #expect(token == Self.reference(id), "\(id)")
        }
        #expect(matched > 100)
    }
}

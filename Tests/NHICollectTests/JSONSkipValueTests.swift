import CJSONScan
import Foundation
import Testing
@testable import NHICollect

/// `nhi_json_skip_value` (C), the fast path of `JSONCursor.skipValue`, against the Swift walk it
/// replaces (`skipValueChecked`): on every input both must accept with the same end, or both
/// refuse. Inputs are random JSON values (nesting, whitespace, escapes, numbers, literals), every
/// one cut short at each length and mutated byte by byte, plus the nesting limit's edges.
@Suite struct JSONSkipValueTests {
    /// Where each walk stops: the offset just past the value, or nil when it refuses it.
    static func outcomes(_ bytes: [UInt8], depth: Int = 0) -> (c: Int?, swift: Int?) {
        withExactBytes(bytes) { raw in
            var cursor = JSONCursor(raw)
            let c = nhi_json_skip_value(cursor.position, cursor.end, depth, JSONCursor.maxDepth).map {
                $0 - cursor.begin
            }
            let swift: Int? = (try? cursor.skipValueChecked(depth: depth)) != nil ? cursor.offset : nil
            return (c, swift)
        }
    }

    static func expectAgreement(_ bytes: [UInt8], depth: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) {
        let (c, swift) = outcomes(bytes, depth: depth)
        #expect(
            c == swift,
            "C \(String(describing: c)), Swift \(String(describing: swift)) on \(String(decoding: bytes, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }

    /// A random JSON value, sometimes with whitespace between tokens.
    static func value(_ random: inout SplitMix64, depth: Int = 0) -> String {
        func space() -> String { random.next() % 4 == 0 ? [" ", "\n", "\r\n\t", "  "][Int(random.next() % 4)] : "" }
        let strings = [
            "\"\"", "\"plain\"", "\"quote \\\" brace } bracket ]\"", "\"\\u00e9t\\u00E9 \\/ \\\\ \\n\"",
            "\"\u{00e9}\u{1F600}\"",
            "\"a long run of text that crosses the sixteen byte steps of the search\"",
        ]
        let scalars = ["0", "-0", "12", "-3.25", "1e9", "2.5E-3", "6.02e+23", "true", "false", "null"]
        switch depth < 4 ? random.next() % 6 : 0 {
        case 0, 1:
            return random.next() % 2 == 0
                ? strings[Int(random.next() % UInt64(strings.count))]
                : scalars[Int(random.next() % UInt64(scalars.count))]
        case 2, 3:
            let members = (0..<Int(random.next() % 4)).map { index in
                "\(space())\"k\(index)\"\(space()):\(space())\(value(&random, depth: depth + 1))\(space())"
            }
            return "{" + members.joined(separator: ",") + space() + "}"
        default:
            let elements = (0..<Int(random.next() % 4)).map { _ in
                "\(space())\(value(&random, depth: depth + 1))\(space())"
            }
            return "[" + elements.joined(separator: ",") + space() + "]"
        }
    }

    @Test func agreesOnRandomValuesEveryPrefixAndEveryMutation() {
        var random = SplitMix64(seed: 11)
        let replacements = Array("\"\\{}[],:.-+eE0 \u{01}tnfu".utf8) + [0x80, 0xFF]
        for _ in 0..<250 {
            let bytes = Array(Self.value(&random).utf8)
            Self.expectAgreement(bytes)
            #expect(
                Self.outcomes(bytes).c == bytes.count,
                "a generated value is valid JSON: \(String(decoding: bytes, as: UTF8.self))")
            // Followed by more bytes: the walk stops at the value's end, whatever comes after.
            Self.expectAgreement(bytes + Array(", \"next\": 1}".utf8))
            for length in 0..<bytes.count { Self.expectAgreement(Array(bytes[..<length])) }
            for index in bytes.indices {
                var changed = bytes
                changed[index] = replacements[Int(random.next() % UInt64(replacements.count))]
                Self.expectAgreement(changed)
                changed.remove(at: index)
                Self.expectAgreement(changed)
            }
        }
    }

    @Test func agreesOnMalformedValues() {
        let cases = [
            "", " 1", "01", "-", "-a", "1.", "1.e3", "1e", "1e+", ".5", "+1", "tru", "truth", "nul", "fals",
            "\"unterminated", "\"bad \\x escape\"", "\"short \\u12\"", "\"\\u12G4\"", "\"tab\tinside\"",
            "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{1:2}", "{\"a\":1 \"b\":2}",
            "[", "[1,]", "[,1]", "[1 2]", "[1}", "{\"a\":1]", "[\"a\":1]", "{}", "[]", "[[]]", "{\"\":{}}", "[ ]",
            "{ }",
        ]
        for text in cases { Self.expectAgreement(Array(text.utf8)) }
    }

    @Test func refusesExactlyWhereTheNestingLimitIs() {
        let limit = JSONCursor.maxDepth
        for depth in [0, 1, 3, limit - 1, limit, limit + 1] {
            for levels in [limit - depth - 1, limit - depth, limit - depth + 1] where levels >= 0 {
                for open in ["[", "{\"k\":"] {
                    let close = open == "[" ? "]" : "}"
                    let text = String(repeating: open, count: levels) + "0" + String(repeating: close, count: levels)
                    Self.expectAgreement(Array(text.utf8), depth: depth)
                }
            }
        }
        // Inside the limit the C walk itself accepts (the fast path is taken), one level over it refuses.
        let deepest = String(repeating: "[", count: limit - 1) + "0" + String(repeating: "]", count: limit - 1)
        #expect(Self.outcomes(Array(deepest.utf8)).c == deepest.utf8.count)
        #expect(Self.outcomes(Array(("[" + deepest + "]").utf8)).c == nil)
    }

    @Test func skipValueStillSaysWhatIsWrongAndWhere() {
        let text = "{\"a\": [1, 2,, 3]}"
        Array(text.utf8).withUnsafeBytes { raw in
            var cursor = JSONCursor(raw)
            #expect(throws: JSONScanError(offset: 12, message: "expected a value")) { try cursor.skipValue() }
        }
    }
}

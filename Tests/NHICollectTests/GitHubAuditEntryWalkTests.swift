import Foundation
@testable import NHICollect
import Testing

/// `GitHubAuditEntry(walking:)` reads an audit record without `JSONDecoder`; where it answers, it
/// must answer what `JSONDecoder` and `FlexibleString` read, and it must answer for plain records.
@Suite struct GitHubAuditEntryWalkTests {
    private func decoded(_ text: String) -> GitHubAuditEntry? {
        try? JSONDecoder().decode(GitHubAuditEntry.self, from: Data(text.utf8))
    }

    private func walked(_ bytes: [UInt8]) -> GitHubAuditEntry? {
        bytes.withUnsafeBytes { GitHubAuditEntry(walking: $0) }
    }

    private func same(_ left: GitHubAuditEntry, _ right: GitHubAuditEntry) -> Bool {
        GitHubAuditEntry.columns.allSatisfy { left[keyPath: $0.path] == right[keyPath: $0.path] }
    }

    private let values = [
        #""svc-bot""#, #"" padded ""#, #""""#, #""  ""#, #""\u00e9t\u00e9""#, #""caf\u00e9\n""#, #""a\"b""#,
        #""日本""#, "1796838088000", "0", "-0", "-12", "123456789012345678", "1234567890123456789",
        "99999999999999999999", "1.5", "1e3", "-0.0", "true", "false", "null", #"["a", "b"]"#, "[]", #"{"k": 1}"#,
        #""\ud83d\ude00""#,
    ]
    private let keys = GitHubAuditEntry.columns.map(\.key) + ["other", "data"]

    @Test func walkedEntriesAreTheDecodedOnes() {
        var generator = SystemRandomNumberGenerator()
        var answered = 0
        for round in 0..<4000 {
            let count = Int.random(in: 0...6, using: &generator)
            var members = (0..<count).map { _ in
                "\"\(keys.randomElement(using: &generator)!)\": \(values.randomElement(using: &generator)!)"
            }
            if round % 7 == 0 { members.append(#""act\u0069on": "x""#) }
            let text = "{" + members.joined(separator: round % 3 == 0 ? " , " : ",") + "}"
            guard let walk = walked(Array(text.utf8)) else { continue }
            answered += 1
            let decode = decoded(text)
            #expect(decode != nil && same(walk, decode!), "\(text)")
        }
        #expect(answered > 1000)
    }

    @Test func plainRecordsAreWalkedAndOddOnesLeftToTheDecoder() throws {
        let plain =
            #"{"@timestamp":1796838088000,"action":"git.clone","actor":"svc-bot-0","actor_is_bot":false,"#
            + #""org":"example-org","token_id":100000,"user_agent":" git/2.45.2 ","business":null}"#
        let walk = try #require(walked(Array(plain.utf8)))
        let decode = try #require(decoded(plain))
        #expect(same(walk, decode))
        #expect(walk.timestamp == "1796838088000" && walk.actorIsBot == "false" && walk.userAgent == "git/2.45.2")
        for odd in [
            #"{"action":"a","action":"b"}"#, #"{"act\u0069on":"a"}"#, #"{"token_id":1.0}"#, #"{"token_id":-0}"#,
            #"{"token_id":1234567890123456789}"#, #"{"repo":["a"]}"#, #"{"action":"a"} x"#, "[1]", #"{"action":"a""#,
            #"{"other":1,"action":"a","other":2}"#, #"{"user_agent":"a","org":"o","user_agent":"b"}"#,
            #"{"clé":"a","action":"a"}"#,
        ] {
            #expect(walked(Array(odd.utf8)) == nil, "\(odd)")
        }
        #expect(walked(Array(#"{"action":"a"}"#.utf8) + [0x20]) != nil)
        // Up to 32 keys that are no column are told apart by their bytes; a record with more is decoded.
        func others(_ count: Int) -> String {
            "{" + (0..<count).map { "\"k\($0)\": \($0)" }.joined(separator: ",") + #","action":"a"}"#
        }
        let many = try #require(walked(Array(others(32).utf8)))
        #expect(same(many, try #require(decoded(others(32)))) && many.action == "a")
        #expect(walked(Array(others(33).utf8)) == nil && decoded(others(33))?.action == "a")
        #expect(walked([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]) == nil)
    }
}

extension GitHubAuditEntryWalkTests {
    @Test func everyColumnIsReadIntoItsOwnField() throws {
        for (number, column) in GitHubAuditEntry.columns.enumerated() {
            let text = "{\"\(column.key)\": \"v\(number)\"}"
            let walk = try #require(walked(Array(text.utf8)))
            let decode = try #require(decoded(text))
            #expect(walk[keyPath: column.path] == "v\(number)" && same(walk, decode), "\(column.key)")
        }
    }
}

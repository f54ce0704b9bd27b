import Foundation
import NHIFiles
import Testing

/// Where JSON text breaks, and where a value named by its path sits, as line and column.
@Suite struct JSONPositionLocatorTests {
    @Test(arguments: [
        ("{\"a\": tru}", 1, 10, "unexpected '}' in the literal true"),
        ("{\"a\": \"x", 1, 9, "unexpected end of file inside a string"),
        ("{\"a\": 1} x", 1, 10, "unexpected 'x' after the end of the JSON value"),
        ("{\"é\": -}", 1, 8, "unexpected '}' in a number"),
        ("{\"a\" 1}", 1, 6, "unexpected '1', expected ':' after the key \"a\""),
        ("{\"a\": \"\\q\"}", 1, 9, "invalid escape sequence: backslash followed by 'q'"),
        ("{\"a\":\n\t[1\n 2]}", 3, 2, "unexpected '2', expected ',' or ']'"),
    ])
    func locatorReportsSyntaxFaults(text: String, line: Int, column: Int, message: String) {
        let fault = JSONPositionLocator.syntaxFault(in: Data(text.utf8))
        #expect(fault == JSONPositionLocator.SyntaxFault(position: .init(line: line, column: column), message: message))
    }

    @Test func locatorAcceptsWellFormedJSON() {
        #expect(
            JSONPositionLocator.syntaxFault(
                in: Data("{\"a\\\"b\": [1.5e3, -0, true, null, {\"c\": \"\\u00e9\"}]}".utf8)) == nil)
    }

    @Test func locatorFindsEscapedKeysAndArrayElements() {
        let text = "{\n \"a\\\"b\": [\n  1,\n  {\"c\": 2}\n ]\n}"
        #expect(
            JSONPositionLocator.position(of: [.key("a\"b"), .index(1), .key("c")], in: Data(text.utf8))
                == .init(line: 4, column: 9))
        #expect(
            JSONPositionLocator.position(of: [.key("a\"b"), .index(5)], in: Data(text.utf8))
                == .init(line: 2, column: 10))
    }

    @Test func columnsCountCharactersNotBytes() {
        let text = Array("\"é\u{1F600}x".utf8)
        #expect(JSONPositionLocator.position(ofOffset: text.count - 1, in: text) == .init(line: 1, column: 4))
        #expect(JSONPositionLocator.position(ofOffset: 3, in: Array("a\nbc".utf8)) == .init(line: 2, column: 2))
    }
}

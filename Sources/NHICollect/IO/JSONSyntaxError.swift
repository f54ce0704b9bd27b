import Foundation
import NHIFiles

/// Foundation's parsers say only that a document "isn't in the correct format"; a whole-file error
/// must say where. This turns the first syntax error (`JSONPositionLocator`) into the
/// `file:line:column: message` every whole-file error uses.
enum JSONSyntaxError {
    /// The first syntax error in `data`, or nil when the text is one well-formed JSON value.
    static func locate(in data: Data, file: String) -> CollectError? {
        JSONPositionLocator.syntaxFault(in: data).map { fault in
            CollectError(
                file: file, line: fault.position.line, column: fault.position.column,
                message: "not JSON: \(fault.message)")
        }
    }

    /// The error for `data`, which a parser refused as JSON: its first syntax error, or (when the
    /// syntax is sound and the parser still refused it) a plain "not JSON" at its start.
    static func error(in data: Data, file: String) -> CollectError {
        locate(in: data, file: file) ?? CollectError(file: file, line: 1, column: 1, message: "not JSON")
    }
}

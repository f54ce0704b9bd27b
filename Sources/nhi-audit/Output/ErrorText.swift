import Foundation
import NHICollect
import NHIFrameworks
import NHIModel
import NHIPack

/// What the command line prints for an error: one line per problem, each naming the file and
/// position. Values from inputs in a problem (names, keys) have their control characters shown
/// escaped (`TerminalText`), so that each problem stays on its line and cannot drive the terminal;
/// Foundation's file errors are worded by `FileErrorText`, never as "NSCocoaErrorDomain error 256".
enum ErrorText {
    static func message(for error: Error) -> String {
        known(error) ?? TerminalText.line(String(describing: error))
    }

    /// `message(for:)` for our loaders' errors and Foundation's file errors; nil for any other
    /// error (ArgumentParser's, which word themselves).
    static func known(_ error: Error) -> String? {
        switch error {
        case let error as CollectError: return TerminalText.line(error.description)
        case let error as MappingValidationError: return error.problems.map(TerminalText.line).joined(separator: "\n")
        case let error as ConfigFileError: return error.problems.map(TerminalText.line).joined(separator: "\n")
        case let error as CLIError: return TerminalText.line(error.description)
        default:
            let domain = (error as NSError).domain
            guard domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain else { return nil }
            let file = FileErrorText.path(error) ?? "a file"
            return TerminalText.line("\(file): \(FileErrorText.reason(error))")
        }
    }

    /// `message(for:)` as one problem per element.
    static func problems(for error: Error) -> [String] {
        message(for: error).split(separator: "\n").map(String.init)
    }

    /// The first line of a message, its control characters escaped: the top-level error is one line.
    static func oneLine(_ message: String) -> String {
        TerminalText.line(
            message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? message)
    }
}

import ArgumentParser
import Foundation

/// Errors the command line reports as one line on stderr, with exit code 2.
enum CLIError: Error, CustomStringConvertible {
    case badInput(String)
    case notImplemented(String, issue: Int)

    var description: String {
        switch self {
        case let .badInput(message): return message
        case let .notImplemented(command, issue): return "\(command) is not implemented yet (issue #\(issue))"
        }
    }
}

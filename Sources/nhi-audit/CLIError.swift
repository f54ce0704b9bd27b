import Foundation

/// Bad input or usage the command line reports as one line on stderr, with exit code 2.
enum CLIError: Error, CustomStringConvertible {
    case badInput(String)

    var description: String {
        switch self {
        case let .badInput(message): return message
        }
    }
}

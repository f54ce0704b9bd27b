import Foundation

/// Why a pack could not be written or read. Messages are one line and name the file.
public enum PackError: Error, CustomStringConvertible, Equatable {
    case outputExists(String)
    case notAPack(path: String, reason: String)
    case unsafeDestination(String)
    case busy(path: String, holder: String)
    case template(String)
    case invalidXML(file: String, errors: [String])
    case io(String)
    case key(String)
    case inconsistent(String)

    public var description: String {
        switch self {
        case let .outputExists(path): return "\(path): already exists (use --force to replace it)"
        case let .notAPack(path, reason): return "\(path): not an evidence pack (\(reason)); refusing to replace it"
        case let .unsafeDestination(message): return message
        case let .busy(path, holder):
            return "\(path): \(holder) is writing this pack now; try again when it has finished"
        case let .template(message): return message
        case let .invalidXML(file, errors):
            return "\(file): does not validate against its schema: " + errors.prefix(5).joined(separator: "; ")
        case let .io(message): return message
        case let .key(message): return message
        case let .inconsistent(message): return message
        }
    }
}

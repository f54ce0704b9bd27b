import Foundation

/// Why a pack could not be read for diff or trend. Each message is one line that names the file
/// (and the position, when the fault is inside it), so the command line can print it as is.
public enum DiffInputError: Error, Equatable, CustomStringConvertible, Sendable {
    case missingPack(path: String)
    case missingResults(path: String)
    case unreadable(path: String, reason: String)
    case malformed(path: String, line: Int, column: Int, message: String)
    case unknownSchema(path: String, line: Int, column: Int, found: String?, known: String)
    /// A document built in memory (not read from a file) carries a schema version this code does not know.
    case unknownDocumentSchema(side: String, found: String, known: String)

    public var description: String {
        switch self {
        case let .missingPack(path):
            return "\(path): no such pack folder"
        case let .missingResults(path):
            return "\(path): missing; a pack folder must contain the results.json written by `nhi-audit pack`"
        case let .unreadable(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .malformed(path, line, column, message):
            return "\(path):\(line):\(column): \(message)"
        case let .unknownSchema(path, line, column, found, known):
            let version = found.map { "schemaVersion \"\($0)\"" } ?? "no schemaVersion"
            return
                "\(path):\(line):\(column): results with \(version) cannot be compared; this nhi-audit reads schemaVersion \"\(known)\" (use the nhi-audit release that wrote the pack)"
        case let .unknownDocumentSchema(side, found, known):
            return
                "\(side) results have schemaVersion \"\(found)\"; this nhi-audit compares schemaVersion \"\(known)\" only"
        }
    }
}

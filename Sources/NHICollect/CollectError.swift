import Foundation

/// An input that cannot be read at all. Printed as one line: `file:line:column: message`.
public struct CollectError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    public var description: String {
        var position = file
        if let line { position += ":\(line)" }
        if let column { position += ":\(column)" }
        return "\(position): \(message)"
    }
}

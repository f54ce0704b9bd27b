import Foundation

/// Line and column positions inside JSON text. Foundation's decoder reports neither a syntax
/// error's position nor where a wrongly typed value sits, and a bad-input message must name both.
public enum JSONPositionLocator {
    public enum PathComponent: Equatable {
        case key(String)
        case index(Int)

        /// Decoding errors name array elements with integer keys whose text is "Index N".
        public init(_ key: any CodingKey) {
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                self = .index(index)
            } else {
                self = .key(key.stringValue)
            }
        }
    }

    public struct Position: Equatable, Sendable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) { self.line = line; self.column = column }
    }

    public struct SyntaxFault: Error, Equatable {
        public var position: Position
        public var message: String

        public init(position: Position, message: String) { self.position = position; self.message = message }
    }

    /// The first syntax error, or nil when the text is one well-formed JSON value.
    public static func syntaxFault(in data: Data) -> SyntaxFault? {
        var scanner = Scanner(bytes: [UInt8](data), target: nil)
        do {
            try scanner.document()
            return nil
        } catch let fault as Scanner.Fault {
            return SyntaxFault(position: position(ofOffset: fault.offset, in: scanner.bytes), message: fault.message)
        } catch {
            return nil
        }
    }

    /// Where the value at `path` starts; when the path does not exist (a missing key), where its
    /// deepest existing ancestor starts.
    public static func position(of path: [PathComponent], in data: Data) -> Position {
        var scanner = Scanner(bytes: [UInt8](data), target: path)
        try? scanner.document()
        return position(ofOffset: scanner.bestOffset, in: scanner.bytes)
    }

    /// The line and column (counted in characters) of the byte at `offset`.
    public static func position(ofOffset offset: Int, in bytes: some Collection<UInt8>) -> Position {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Position(line: line, column: column)
    }
}

extension JSONPositionLocator {
    /// A recursive-descent JSON reader that only checks the grammar and notes where values start.
    fileprivate struct Scanner {
        struct Fault: Error {
            var offset: Int
            var message: String
        }

        static let maxDepth = 512

        let bytes: [UInt8]
        let target: [PathComponent]?
        var index = 0
        var bestOffset = 0
        var bestDepth = -1

        init(bytes: [UInt8], target: [PathComponent]?) {
            self.bytes = bytes
            self.target = target
        }

        mutating func document() throws {
            try value(path: [])
            skipWhitespace()
            if index < bytes.count {
                throw fault("unexpected \(describe(bytes[index])) after the end of the JSON value")
            }
        }

        private mutating func value(path: [PathComponent]) throws {
            guard path.count <= Self.maxDepth else { throw fault("nesting deeper than \(Self.maxDepth) levels") }
            skipWhitespace()
            note(path)
            guard index < bytes.count else { throw fault("unexpected end of file, expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try object(path: path)
            case UInt8(ascii: "["): try array(path: path)
            case UInt8(ascii: "\""): _ = try string(decoding: false)
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw fault("unexpected \(describe(bytes[index])), expected a value")
            }
        }

        private mutating func note(_ path: [PathComponent]) {
            guard let target, path.count > bestDepth, target.starts(with: path) else { return }
            bestDepth = path.count
            bestOffset = index
        }

        private mutating func object(path: [PathComponent]) throws {
            index += 1
            skipWhitespace()
            if try peek() == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipWhitespace()
                guard try peek() == UInt8(ascii: "\"") else {
                    throw fault("unexpected \(describe(bytes[index])), expected an object key in quotes")
                }
                let key = try string(decoding: true)
                skipWhitespace()
                guard try peek() == UInt8(ascii: ":") else {
                    throw fault("unexpected \(describe(bytes[index])), expected ':' after the key \"\(key)\"")
                }
                index += 1
                try value(path: path + [.key(key)])
                skipWhitespace()
                switch try peek() {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"): index += 1; return
                default: throw fault("unexpected \(describe(bytes[index])), expected ',' or '}'")
                }
            }
        }

        private mutating func array(path: [PathComponent]) throws {
            index += 1
            skipWhitespace()
            if try peek() == UInt8(ascii: "]") { index += 1; return }
            var element = 0
            while true {
                try value(path: path + [.index(element)])
                element += 1
                skipWhitespace()
                switch try peek() {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): index += 1; return
                default: throw fault("unexpected \(describe(bytes[index])), expected ',' or ']'")
                }
            }
        }

        /// Reads a string; with `decoding`, returns its text (escapes decoded) for matching object keys.
        private mutating func string(decoding: Bool) throws -> String {
            let start = index
            index += 1
            var escaped = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    guard decoding else { return "" }
                    let raw = Data(bytes[start..<index])
                    guard escaped else { return String(decoding: raw.dropFirst().dropLast(), as: UTF8.self) }
                    // The escapes were checked above; a lone surrogate is the one thing left to refuse.
                    guard let text = try? JSONSerialization.jsonObject(with: raw, options: .fragmentsAllowed) as? String
                    else {
                        index = start
                        throw fault("invalid \\u escape (unpaired surrogate) in the key")
                    }
                    return text
                }
                if byte < 0x20 { throw fault("control character \(describe(byte)) inside a string") }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 1
                    try escapeSequence()
                    continue
                }
                index += 1
            }
            throw fault("unexpected end of file inside a string")
        }

        /// Checks the character after a backslash (index points at it) and steps past the sequence.
        private mutating func escapeSequence() throws {
            guard index < bytes.count else { throw fault("unexpected end of file inside a string") }
            switch bytes[index] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 1
            case UInt8(ascii: "u"):
                index += 1
                for _ in 0..<4 {
                    guard index < bytes.count, Character(Unicode.Scalar(bytes[index])).isHexDigit else {
                        throw fault("invalid \\u escape: expected four hex digits")
                    }
                    index += 1
                }
            default:
                throw fault("invalid escape sequence: backslash followed by \(describe(bytes[index]))")
            }
        }

        private mutating func literal(_ word: String) throws {
            for expected in word.utf8 {
                guard index < bytes.count, bytes[index] == expected else {
                    throw fault(
                        index < bytes.count
                            ? "unexpected \(describe(bytes[index])) in the literal \(word)"
                            : "unexpected end of file in the literal \(word)")
                }
                index += 1
            }
        }

        private mutating func number() throws {
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            try digits()
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                try digits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                try digits()
            }
        }

        private mutating func digits() throws {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            if index == start {
                throw fault(
                    index < bytes.count
                        ? "unexpected \(describe(bytes[index])) in a number" : "unexpected end of file in a number")
            }
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        private func peek() throws -> UInt8 {
            guard index < bytes.count else { throw fault("unexpected end of file") }
            return bytes[index]
        }

        private func fault(_ message: String) -> Fault { Fault(offset: index, message: message) }

        private func describe(_ byte: UInt8) -> String {
            (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: "byte 0x%02X", byte)
        }
    }
}

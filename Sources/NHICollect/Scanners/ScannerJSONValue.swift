import Foundation

/// A decoded JSON value for reports whose shape varies between tool versions: fields are looked
/// up loosely (`report["runs"][0]["tool"]`), a missing one reads as `.null`.
enum ScannerJSONValue: Decodable, Sendable {
    case null, bool(Bool), number(String), string(String)
    indirect case array([ScannerJSONValue])
    indirect case object([String: ScannerJSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .number(String(number))
        } else if let number = try? container.decode(Double.self) {
            self = .number(String(number))
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let list = try? container.decode([ScannerJSONValue].self) {
            self = .array(list)
        } else {
            self = .object(try container.decode([String: ScannerJSONValue].self))
        }
    }

    /// One JSON document, or nil when the bytes are not JSON.
    static func parse(_ bytes: Data) -> ScannerJSONValue? { try? JSONDecoder().decode(Self.self, from: bytes) }

    subscript(key: String) -> ScannerJSONValue {
        if case let .object(fields) = self { return fields[key] ?? .null }
        return .null
    }

    subscript(index: Int) -> ScannerJSONValue {
        if case let .array(items) = self, items.indices.contains(index) { return items[index] }
        return .null
    }

    /// A string or number as text; nil for anything else and for blank text.
    var text: String? {
        switch self {
        case let .string(value), let .number(value):
            return value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : value
        default: return nil
        }
    }

    var bool: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    var array: [ScannerJSONValue]? {
        if case let .array(items) = self { return items }
        return nil
    }

    var object: [String: ScannerJSONValue]? {
        if case let .object(fields) = self { return fields }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

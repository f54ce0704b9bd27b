import Foundation
import NHIFiles
import NHIModel

/// One pack's results.json, read for diff and trend.
public struct PackResults: Sendable {
    public static let resultsFile = "results.json"

    /// The pack folder as the caller named it (messages quote it that way).
    public var folder: String
    public var document: ResultsDocument

    public init(folder: String, document: ResultsDocument) {
        self.folder = folder
        self.document = document
    }

    /// Reads `folder/results.json`. A path to a results.json file itself is accepted too, so a CI
    /// job can compare a results file it kept without the rest of its pack.
    public static func load(_ path: String) throws(DiffInputError) -> PackResults {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .missingPack(path: path)
        }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = isFolder.boolValue ? path : (parent.isEmpty ? "." : parent)
        let file = isFolder.boolValue ? (path as NSString).appendingPathComponent(resultsFile) : path
        guard FileManager.default.fileExists(atPath: file) else { throw .missingResults(path: file) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw .unreadable(path: file, reason: FileErrorText.reason(error))
        }
        return PackResults(folder: folder, document: try decode(data, path: file))
    }

    /// Checks syntax, then the schema version, then decodes; each failure names its position.
    public static func decode(_ data: Data, path: String) throws(DiffInputError) -> ResultsDocument {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            // Only a broken file pays for the second pass that finds the fault's position.
            let fault =
                JSONPositionLocator.syntaxFault(in: data)
                ?? .init(position: .init(line: 1, column: 1), message: "not valid JSON")
            throw .malformed(
                path: path, line: fault.position.line, column: fault.position.column, message: fault.message)
        }
        guard let top = parsed as? [String: Any] else {
            throw .malformed(path: path, line: 1, column: 1, message: "expected a JSON object (a ResultsDocument)")
        }
        let version = top["schemaVersion"] as? String
        guard version == ResultsDocument.currentSchemaVersion else {
            let position = JSONPositionLocator.position(of: [.key("schemaVersion")], in: data)
            throw .unknownSchema(
                path: path, line: position.line, column: position.column,
                found: version ?? top["schemaVersion"].map { "\($0)" }, known: ResultsDocument.currentSchemaVersion)
        }
        do {
            return try NHIJSON.decoder().decode(ResultsDocument.self, from: data)
        } catch let error as DecodingError {
            let (codingPath, message) = describe(error)
            let position = JSONPositionLocator.position(
                of: codingPath.map(JSONPositionLocator.PathComponent.init), in: data)
            throw .malformed(path: path, line: position.line, column: position.column, message: message)
        } catch {
            throw .unreadable(path: path, reason: FileErrorText.reason(error))
        }
    }

    private static func describe(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case let .typeMismatch(type, context):
            return (context.codingPath, "\(dotted(context.codingPath)): expected \(type): \(context.debugDescription)")
        case let .valueNotFound(type, context):
            return (context.codingPath, "\(dotted(context.codingPath)): missing \(type) value")
        case let .keyNotFound(key, context):
            return (context.codingPath, "\(dotted(context.codingPath + [key])): required key is missing")
        case let .dataCorrupted(context):
            return (context.codingPath, "\(dotted(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return ([], "\(error)")
        }
    }

    private static func dotted(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "(document)" }
        return path.map { key in
            switch JSONPositionLocator.PathComponent(key) {
            case let .index(index): return "[\(index)]"
            case let .key(name): return ".\(name)"
            }
        }.joined().trimmingPrefix(".").description
    }
}

import Foundation
import NHIModel

/// The diff as JSON (schema in docs/diff.md): the PackDiff model, sorted keys, NHIJSON conventions.
public struct DiffJSONRenderer: Sendable {
    public init() {}

    public func render(_ diff: PackDiff) throws -> String {
        String(decoding: try NHIJSON.encoder().encode(diff), as: UTF8.self) + "\n"
    }
}

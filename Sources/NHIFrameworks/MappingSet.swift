import Foundation
import NHIModel

/// All catalogs and framework mappings loaded from a mappings folder (`mappings/catalogs`,
/// `mappings/frameworks`), validated. The API the rest of the tool uses; do not change its shape.
public struct MappingSet: Sendable {
    public var catalogs: [Catalog]
    public var mappings: [FrameworkMapping]

    public init(catalogs: [Catalog], mappings: [FrameworkMapping]) {
        self.catalogs = catalogs; self.mappings = mappings
    }

    /// Loads and validates everything under `folder`; throws `MappingValidationError` listing
    /// every problem (one line each, with file and line) when anything is wrong.
    public static func load(from folder: URL, knownRules: Set<String>) throws -> MappingSet {
        throw MappingValidationError(problems: ["\(folder.path): mapping loader not implemented yet"])
    }

    public func catalog(_ id: String) -> Catalog? { catalogs.first { $0.id == id } }
    public func mapping(_ framework: String) -> FrameworkMapping? { mappings.first { $0.framework == framework } }
}

/// Every problem found while loading mappings, one line each (`file:line: message`).
public struct MappingValidationError: Error, CustomStringConvertible, Sendable {
    public var problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "\n") }
}

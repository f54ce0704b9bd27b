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
        let log = ProblemLog()
        let catalogs = MappingFolder.yamlFiles(in: folder, subfolder: "catalogs", log: log).compactMap { url in
            YAMLSource.read(url, file: MappingFolder.displayPath(url), log: log).flatMap {
                CatalogLoader.load($0, log: log)
            }
        }
        let mappings = MappingFolder.yamlFiles(in: folder, subfolder: "frameworks", log: log).compactMap { url in
            YAMLSource.read(url, file: MappingFolder.displayPath(url), log: log).flatMap {
                MappingLoader.load($0, log: log)
            }
        }
        CatalogChecks.check(catalogs, log: log)
        MappingChecks.check(mappings, catalogs: catalogs, knownRules: knownRules, log: log)
        if !log.problems.isEmpty {
            throw MappingValidationError(problems: log.problems.sorted().map(\.description))
        }
        return MappingSet(catalogs: catalogs.map(\.catalog), mappings: mappings.map(\.mapping))
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

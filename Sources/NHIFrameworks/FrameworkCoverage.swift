import NHIModel

/// How much of one framework nhi-audit can assess: its assessable controls by mapping method.
public struct FrameworkCoverage: Encodable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var version: String
    public var controls: Int
    /// Controls assessed by at least one rule.
    public var automated: Int
    public var manual: Int
    public var notApplicable: Int
}

extension MappingSet {
    /// One entry per catalog, sorted by framework id.
    public var coverage: [FrameworkCoverage] {
        catalogs.sorted { $0.id < $1.id }.map { catalog in
            let methods = mapping(catalog.id)?.controls.map(\.method) ?? []
            return FrameworkCoverage(
                id: catalog.id, title: catalog.title, version: catalog.version,
                controls: catalog.assessableControls.count,
                automated: methods.filter { $0 == .rules }.count,
                manual: methods.filter { $0 == .manual }.count,
                notApplicable: methods.filter { $0 == .notApplicable }.count)
        }
    }

    /// The controls `rule` assesses, per framework id (every framework present, in catalog order).
    public func controls(assessedBy rule: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for catalog in catalogs {
            result[catalog.id] = mapping(catalog.id)?.controls.filter { $0.rules.contains(rule) }.map(\.control) ?? []
        }
        return result
    }
}

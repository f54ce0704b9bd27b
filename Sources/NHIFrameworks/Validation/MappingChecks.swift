import Foundation
import NHIModel

/// Checks every framework mapping against its catalog and the rule registry: each assessable
/// control mapped exactly once, to known rules with a rationale, never to a withdrawn id.
enum MappingChecks {
    static func check(_ mappings: [LoadedMapping], catalogs: [LoadedCatalog], knownRules: Set<String>, log: ProblemLog)
    {
        var catalogById: [String: LoadedCatalog] = [:]
        for loaded in catalogs where catalogById[loaded.catalog.id] == nil { catalogById[loaded.catalog.id] = loaded }
        var mappedFrameworks: [String: LoadedMapping] = [:]
        for loaded in mappings {
            let framework = loaded.mapping.framework
            if let first = mappedFrameworks[framework] {
                log.add(loaded.file, loaded.frameworkMark, "framework \(framework) is also mapped in \(first.file)")
                continue
            }
            mappedFrameworks[framework] = loaded
            guard let catalog = catalogById[framework] else {
                let known = catalogById.keys.sorted().joined(separator: ", ")
                log.add(
                    loaded.file, loaded.frameworkMark,
                    "framework \(framework) has no catalog (catalogs: \(known.isEmpty ? "none" : known))")
                continue
            }
            check(loaded, against: catalog, knownRules: knownRules, log: log)
        }
        for loaded in catalogs where mappedFrameworks[loaded.catalog.id] == nil {
            log.add(loaded.file, loaded.idMark, "catalog \(loaded.catalog.id) has no mapping file in frameworks/")
        }
    }

    private static func check(
        _ loaded: LoadedMapping, against catalog: LoadedCatalog, knownRules: Set<String>, log: ProblemLog
    ) {
        var firstLine: [String: Int?] = [:]
        for (entry, mark) in zip(loaded.mapping.controls, loaded.entryMarks) {
            if let line = firstLine[entry.control] {
                log.add(
                    loaded.file, mark,
                    "duplicate control \(entry.control) (first mapped on line \(line.map(String.init) ?? "?"))")
                continue
            }
            firstLine[entry.control] = mark?.line
            if let problem = ControlIdCheck.problem(entry.control, in: catalog.catalog) {
                log.add(loaded.file, mark, problem)
            }
            for rule in entry.rules where !knownRules.contains(rule) {
                log.add(loaded.file, mark, "\(entry.control) names unknown rule \(rule) (see `nhi-audit rules`)")
            }
            if entry.rationale.trimmingCharacters(in: .whitespaces).isEmpty {
                let field = entry.method == .rules ? "rationale" : "reason for \(entry.method.rawValue)"
                log.add(loaded.file, mark, "\(entry.control) has no \(field)")
            }
        }
        for (control, mark) in zip(catalog.catalog.controls, catalog.controlMarks)
        where control.assessable && firstLine[control.id] == nil {
            log.add(
                loaded.file, loaded.controlsMark,
                "\(control.id) (\(catalog.file):\(mark.map { String($0.line) } ?? "?")) is not mapped; give it rules, manual or not-applicable"
            )
        }
    }
}

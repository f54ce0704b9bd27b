import NHIModel

/// Checks on catalogs: unique ids, a consistent hierarchy, withdrawn ids that point at real
/// successors, and references into other catalogs that name active controls.
enum CatalogChecks {
    static func check(_ catalogs: [LoadedCatalog], log: ProblemLog) {
        var firstFile: [String: LoadedCatalog] = [:]
        for loaded in catalogs {
            if let first = firstFile[loaded.catalog.id] {
                log.add(loaded.file, loaded.idMark, "catalog \(loaded.catalog.id) is also declared in \(first.file)")
            } else {
                firstFile[loaded.catalog.id] = loaded
            }
            checkEntries(loaded, log: log)
        }
        for loaded in catalogs {
            checkReferences(loaded, catalogs: firstFile, log: log)
        }
    }

    private static func checkEntries(_ loaded: LoadedCatalog, log: ProblemLog) {
        let catalog = loaded.catalog
        var seen = Set<String>()
        for (control, mark) in zip(catalog.controls, loaded.controlMarks) {
            if !seen.insert(control.id).inserted {
                log.add(loaded.file, mark, "duplicate control \(control.id)")
            }
            if let parent = control.parent, !catalog.controls.contains(where: { $0.id == parent }) {
                log.add(
                    loaded.file, mark,
                    "control \(control.id) names parent \(parent), which is not a control of this catalog")
            }
        }
        if !catalog.controls.contains(where: \.assessable) {
            log.add(loaded.file, loaded.idMark, "catalog \(catalog.id) has no assessable control")
        }
        var seenWithdrawn = Set<String>()
        for (entry, mark) in zip(catalog.withdrawn, loaded.withdrawnMarks) {
            if !seenWithdrawn.insert(entry.id).inserted {
                log.add(loaded.file, mark, "duplicate withdrawn id \(entry.id)")
            }
            if seen.contains(entry.id) {
                log.add(loaded.file, mark, "\(entry.id) is both an active control and withdrawn")
            }
            for successor in entry.successors where !seen.contains(successor) {
                log.add(
                    loaded.file, mark,
                    "withdrawn \(entry.id) names successor \(successor), which is not an active control")
            }
        }
    }

    /// References into a framework with no catalog are informative only and are not checked.
    private static func checkReferences(_ loaded: LoadedCatalog, catalogs: [String: LoadedCatalog], log: ProblemLog) {
        for reference in loaded.references {
            guard let target = catalogs[reference.framework]?.catalog else { continue }
            for id in reference.ids {
                if let problem = ControlIdCheck.problem(id, in: target) {
                    log.add(
                        loaded.file, reference.mark,
                        "control \(reference.control) references \(reference.framework): \(problem)")
                }
            }
        }
    }
}

/// The sentence for a control id that a mapping or reference may not use.
enum ControlIdCheck {
    /// Nil when `id` is an active, assessable control of `catalog`.
    static func problem(_ id: String, in catalog: Catalog) -> String? {
        switch catalog.lookup(id) {
        case let .control(control):
            return control.assessable ? nil : "\(id) is a grouping in \(catalog.id), not an assessable control"
        case let .withdrawn(entry):
            return entry.explanation
        case let .unknown(suggestion):
            return "unknown control \(id) in \(catalog.id)" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
        }
    }
}

import NHIModel

/// Differences in how the two packs judged controls: another mapping or policy means a status
/// change may come from the yardstick rather than from the estate, so the reader must be told.
enum MappingDrift {
    static func compare(old: ResultsDocument, new: ResultsDocument) -> PackDiff.Mapping {
        let before = ControlComparison.index(old.frameworks), after = ControlComparison.index(new.frameworks)
        let changed = Set(before.keys).intersection(after.keys).sorted(by: <).compactMap {
            key -> PackDiff.MeaningChange? in
            guard let from = before[key], let to = after[key] else { return nil }
            let fromRules = Set(from.rules).sorted(), toRules = Set(to.rules).sorted()
            guard from.method != to.method || fromRules != toRules else { return nil }
            return PackDiff.MeaningChange(
                framework: key.framework, id: key.id, fromMethod: from.method, toMethod: to.method,
                fromRules: fromRules, toRules: toRules)
        }
        return PackDiff.Mapping(
            mappingDigestChanged: old.mappingDigest != new.mappingDigest,
            policyDigestChanged: old.policyDigest != new.policyDigest,
            controlsChangedMeaning: changed)
    }

    static func warnings(old: ResultsDocument, new: ResultsDocument, mapping: PackDiff.Mapping) -> [String] {
        var warnings: [String] = []
        if mapping.mappingDigestChanged {
            let count = mapping.controlsChangedMeaning.count
            warnings.append(
                "The packs used different framework mappings (\(short(old.mappingDigest)) → \(short(new.mappingDigest))); "
                    + (count == 0
                        ? "no control's rules or method changed."
                        : "\(count) control\(count == 1 ? "" : "s") changed meaning, so their status changes may come from the mapping, not the estate.")
            )
        }
        if mapping.policyDigestChanged {
            warnings.append(
                "The packs used different policies (\(short(old.policyDigest)) → \(short(new.policyDigest))); thresholds may differ, so findings can appear or resolve without any change in the estate."
            )
        }
        if old.scope.organisation != new.scope.organisation {
            warnings.append(
                "The packs describe different organisations (\(old.scope.organisation) → \(new.scope.organisation)).")
        }
        if new.generatedAt < old.generatedAt {
            warnings.append(
                "The new pack was generated before the old one; the two packs may be given in the wrong order.")
        }
        let oldFrameworks = Set(old.frameworks.map(\.framework)), newFrameworks = Set(new.frameworks.map(\.framework))
        for framework in oldFrameworks.subtracting(newFrameworks).sorted() {
            warnings.append("Framework \(framework) is only in the old pack; its controls are listed as changed.")
        }
        for framework in newFrameworks.subtracting(oldFrameworks).sorted() {
            warnings.append("Framework \(framework) is only in the new pack; its controls are listed as changed.")
        }
        return warnings
    }

    /// Digests are long; twelve hex digits identify them for a reader.
    private static func short(_ digest: String) -> String {
        let hex = digest.hasPrefix("sha256:") ? String(digest.dropFirst(7)) : digest
        return hex.isEmpty ? "none" : String(hex.prefix(12))
    }
}

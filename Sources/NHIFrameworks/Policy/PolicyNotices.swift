import Foundation
import NHIModel

/// Tells the report when a user's threshold is looser than the default that the mapped controls
/// expect, or a list they read was emptied or made to match none of its defaults.
public enum PolicyNotices {
    /// `rulesByKey`: policy key → rules reading it (from the rule catalogue).
    public static func notices(
        _ relaxations: [PolicyRelaxation], rulesByKey: [String: [String]], mappingSet: MappingSet
    ) -> [String] {
        relaxations.map { relaxation in
            let text =
                "\(relaxation.file): \(relaxation.key) = \(PolicySetting.format(relaxation.value)) is looser than the default \(PolicySetting.format(relaxation.defaultValue))"
            return text + affected(relaxation.key, rulesByKey: rulesByKey, mappingSet: mappingSet)
        }
    }

    /// A notice per list the override emptied or left matching none of its default entries: the
    /// rules reading it then find nothing, and controls they assess could pass on that alone.
    public static func notices(_ silencings: [PolicySilencing], rulesByKey: [String: [String]], mappingSet: MappingSet)
        -> [String]
    {
        silencings.map { silencing in
            let what =
                silencing.value.isEmpty
                ? "\(silencing.key) = [] empties the default list (\(silencing.defaultValue.count) entries)"
                : "\(silencing.key) = [\(silencing.value.joined(separator: ", "))] matches none of the default entries (\(silencing.defaultValue.joined(separator: ", ")))"
            return "\(silencing.file): \(what), so the rules reading it can no longer find what they look for"
                + affected(silencing.key, rulesByKey: rulesByKey, mappingSet: mappingSet)
        }
    }

    /// " that controls … expect (rules …)" for the rules reading `key` and the controls they assess.
    private static func affected(_ key: String, rulesByKey: [String: [String]], mappingSet: MappingSet) -> String {
        let rules = Set(rulesByKey[key] ?? [])
        var controls: [String] = []
        for mapping in mappingSet.mappings {
            for control in mapping.controls where control.method == .rules && !rules.isDisjoint(with: control.rules) {
                controls.append("\(mapping.framework) \(control.control)")
            }
        }
        var text = ""
        if !controls.isEmpty { text += " that controls \(controls.sorted().joined(separator: ", ")) expect" }
        if !rules.isEmpty { text += " (rules \(rules.sorted().joined(separator: ", ")))" }
        return text
    }
}

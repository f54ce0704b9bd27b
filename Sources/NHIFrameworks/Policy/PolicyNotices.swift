import Foundation
import NHIModel

/// Tells the report when a user's threshold is looser than the default that the mapped controls expect.
public enum PolicyNotices {
    /// `rulesByKey`: policy key → rules reading it (from the rule catalogue).
    public static func notices(_ relaxations: [PolicyRelaxation], rulesByKey: [String: [String]], mappingSet: MappingSet) -> [String] {
        relaxations.map { relaxation in
            let rules = Set(rulesByKey[relaxation.key] ?? [])
            var controls: [String] = []
            for mapping in mappingSet.mappings {
                for control in mapping.controls where control.method == .rules && !rules.isDisjoint(with: control.rules) {
                    controls.append("\(mapping.framework) \(control.control)")
                }
            }
            var text = "\(relaxation.file): \(relaxation.key) = \(format(relaxation.value)) is looser than the default \(format(relaxation.defaultValue))"
            if !controls.isEmpty { text += " that controls \(controls.sorted().joined(separator: ", ")) expect" }
            if !rules.isEmpty { text += " (rules \(rules.sorted().joined(separator: ", ")))" }
            return text
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

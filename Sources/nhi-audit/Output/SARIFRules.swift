import NHIDetect
import NHIModel
import NHIPack

/// The registry's rules with the controls the loaded mappings assign them, for the SARIF log.
enum SARIFRules {
    static func from(_ mappings: [FrameworkMapping]) -> [SARIFRule] {
        var controls: [String: [String]] = [:]
        for mapping in mappings {
            for control in mapping.controls where control.method == .rules {
                for rule in control.rules {
                    controls[rule, default: []].append("\(mapping.framework):\(control.control)")
                }
            }
        }
        return RuleRegistry.descriptors.map { rule in
            SARIFRule(
                id: rule.id, title: rule.title, severity: rule.severity, rationale: rule.rationale,
                remediation: rule.remediation, controls: controls[rule.id] ?? [])
        }
    }
}

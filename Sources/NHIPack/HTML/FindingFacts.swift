import Foundation
import NHIModel

/// What the report, its table data and findings.csv say about each finding beyond the finding
/// itself: the subject's owner and last use (from the identity inventory), when it was first
/// reported and how old it is, its due date by the policy's remediation days, its rule's
/// remediation and the controls it maps to.
struct FindingFacts {
    struct ControlRef: Hashable {
        var framework: String
        var id: String
        var anchor: String { "\(framework)-\(id)" }
    }

    var name: String
    /// The owner from owners.csv, "no owner", or why the subject has none.
    var owner: String
    var hasOwner: Bool
    var purpose: String?
    var firstReported: Date
    var ageDays: Int
    var lastUse: String
    var due: Date
    var overdue: Bool
    var remediation: String
    var controls: [ControlRef]

    /// Facts per finding id.
    static func all(_ doc: ResultsDocument, rules: [PackRule], remediationDays: [String: Int]) -> [String: FindingFacts]
    {
        let identities = Dictionary((doc.identities ?? []).map { ($0.id.rawValue, $0) }) { first, _ in first }
        let remediation = Dictionary(rules.map { ($0.rule.id, $0.rule.remediation) }) { first, _ in first }
        var controls: [String: [ControlRef]] = [:]
        for framework in doc.frameworks {
            for control in framework.controls {
                for id in control.findings {
                    controls[id, default: []].append(ControlRef(framework: framework.framework, id: control.id))
                }
            }
        }
        let asOf = doc.scope.periodEnd ?? doc.generatedAt
        var facts: [String: FindingFacts] = [:]
        facts.reserveCapacity(doc.findings.count)
        for finding in doc.findings {
            let identity = identities[finding.subject]
            let first = finding.firstReported ?? asOf
            let days =
                remediationDays[finding.severity.rawValue] ?? Policy.defaults.remediationDays(for: finding.severity)
            let due = first.addingTimeInterval(Double(days) * 86_400)
            let owner: String
            if let identity {
                owner = identity.owner ?? "no owner"
            } else {
                owner = "no owner (not an inventoried identity)"
            }
            facts[finding.id] = FindingFacts(
                name: identity?.name ?? finding.subject, owner: owner, hasOwner: identity?.owner != nil,
                purpose: identity?.purpose?.rawValue, firstReported: first,
                ageDays: max(0, Int(asOf.timeIntervalSince(first) / 86_400)),
                lastUse: identity.map { $0.lastUsedAt.map(ReportText.day) ?? "never recorded" } ?? "not an identity",
                due: due, overdue: finding.isOpen && due < asOf,
                remediation: remediation[finding.rule] ?? "", controls: controls[finding.id] ?? [])
        }
        return facts
    }
}

import Foundation
import NHIModel

/// What the report, its table data and findings.csv say about each finding beyond the finding
/// itself: the subject's owner and last use (from the identity inventory), when it was first
/// reported and how old it is, its due date by the policy's remediation days, its rule's
/// remediation and the controls it maps to. A class: the report and findings.csv look each one up
/// by finding id, and a copy of a struct of texts is a retain and a release of every text.
final class FindingFacts: Sendable {
    /// One per control, shared by the facts of all its findings: a large pack's failed controls
    /// list hundreds of thousands of findings, and a reference is smaller and cheaper to copy
    /// than the texts.
    final class ControlRef: Sendable {
        let framework: String
        let id: String
        var anchor: String { "\(framework)-\(id)" }
        /// `framework id`, as findings.csv and the report's table data name it.
        let name: String

        init(framework: String, id: String) {
            self.framework = framework
            self.id = id
            name = "\(framework) \(id)"
        }
    }

    let name: String
    /// The owner from owners.csv, "no owner", or why the subject has none.
    let owner: String
    let hasOwner: Bool
    let purpose: String?
    /// The day it was first reported, `yyyy-MM-dd`.
    let firstReported: String
    let ageDays: Int
    let lastUse: String
    /// The day it is due, `yyyy-MM-dd`.
    let due: String
    let overdue: Bool
    let remediation: String
    let controls: [ControlRef]

    init(
        name: String, owner: String, hasOwner: Bool, purpose: String?, firstReported: String, ageDays: Int,
        lastUse: String, due: String, overdue: Bool, remediation: String, controls: [ControlRef]
    ) {
        self.name = name; self.owner = owner; self.hasOwner = hasOwner; self.purpose = purpose
        self.firstReported = firstReported; self.ageDays = ageDays; self.lastUse = lastUse; self.due = due
        self.overdue = overdue; self.remediation = remediation; self.controls = controls
    }

    /// Facts per finding id.
    static func all(_ doc: ResultsDocument, rules: [PackRule], remediationDays: [String: Int]) -> [String: FindingFacts]
    {
        // Positions, not copies: a copy of an identity retains every one of its texts.
        let identities = doc.identities ?? []
        let positions = Dictionary(identities.indices.map { (identities[$0].id.rawValue, $0) }) { first, _ in first }
        let remediation = Dictionary(rules.map { ($0.rule.id, $0.rule.remediation) }) { first, _ in first }
        var controls: [String: [ControlRef]] = [:]
        for framework in doc.frameworks {
            for control in framework.controls {
                let ref = ControlRef(framework: framework.framework, id: control.id)
                for id in control.findings { controls[id, default: []].append(ref) }
            }
        }
        let asOf = doc.scope.periodEnd ?? doc.generatedAt
        // Findings share a few dates (most were first reported at the period end): each written once.
        var days: [Date: String] = [:]
        let day = { (date: Date) in
            if let text = days[date] { return text }
            let text = ReportText.day(date)
            days[date] = text
            return text
        }
        var facts: [String: FindingFacts] = [:]
        facts.reserveCapacity(doc.findings.count)
        // Findings and identities read in place: a copy of either retains every one of its texts.
        let findings = doc.findings
        for index in findings.indices {
            let subject = findings[index].subject, severity = findings[index].severity
            let identity = positions[subject]
            let first = findings[index].firstReported ?? asOf
            let days = remediationDays[severity.rawValue] ?? Policy.defaults.remediationDays(for: severity)
            let due = first.addingTimeInterval(Double(days) * 86_400)
            let owner: String, name: String, lastUse: String
            if let identity {
                owner = identities[identity].owner ?? "no owner"
                name = identities[identity].name
                lastUse = identities[identity].lastUsedAt.map(day) ?? "never recorded"
            } else {
                owner = "no owner (not an inventoried identity)"
                name = subject
                lastUse = "not an identity"
            }
            let id = findings[index].id
            facts[id] = FindingFacts(
                name: name, owner: owner, hasOwner: identity.map { identities[$0].owner != nil } ?? false,
                purpose: identity.flatMap { identities[$0].purpose?.rawValue }, firstReported: day(first),
                ageDays: max(0, Int(asOf.timeIntervalSince(first) / 86_400)), lastUse: lastUse,
                due: day(due), overdue: findings[index].isOpen && due < asOf,
                remediation: remediation[findings[index].rule] ?? "", controls: controls[id] ?? [])
        }
        return facts
    }
}

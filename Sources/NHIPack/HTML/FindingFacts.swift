import Foundation
import NHIModel

/// What the report, its table data and findings.csv say about each finding beyond the finding
/// itself: the subject's owner and last use (from the identity inventory), when it was first
/// reported and how old it is, its due date by the policy's remediation days, its rule's
/// remediation and the controls it maps to. A class: the report and findings.csv read each one
/// several times, and a copy of a struct of texts is a retain and a release of every text.
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

    /// The facts of every finding, and each control's findings as positions.
    static func all(_ doc: ResultsDocument, rules: [PackRule], remediationDays: [String: Int]) -> ReportFacts {
        // Positions, not copies: a copy of an identity retains every one of its texts.
        let identities = doc.identities ?? []
        let positions = Dictionary(identities.indices.map { (identities[$0].id.rawValue, $0) }) { first, _ in first }
        let remediation = Dictionary(rules.map { ($0.rule.id, $0.rule.remediation) }) { first, _ in first }
        // Findings and identities read in place: a copy of either retains every one of its texts.
        let findings = doc.findings
        // Each control's ids looked up once, for the facts and for the report's control tables.
        let findingAt = Dictionary(findings.indices.map { (findings[$0].id, $0) }) { first, _ in first }
        var controls = [[ControlRef]](repeating: [], count: findings.count)
        let controlFindings = doc.frameworks.map { framework in
            framework.controls.map { control in
                let ref = ControlRef(framework: framework.framework, id: control.id)
                let members = control.findings.compactMap { findingAt[$0] }
                for position in members { controls[position].append(ref) }
                return members
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
        let facts = findings.indices.map { index in
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
            return FindingFacts(
                name: name, owner: owner, hasOwner: identity.map { identities[$0].owner != nil } ?? false,
                purpose: identity.flatMap { identities[$0].purpose?.rawValue }, firstReported: day(first),
                ageDays: max(0, Int(asOf.timeIntervalSince(first) / 86_400)), lastUse: lastUse,
                due: day(due), overdue: findings[index].isOpen && due < asOf,
                remediation: remediation[findings[index].rule] ?? "", controls: controls[index])
        }
        return ReportFacts(findings: facts, controls: controlFindings)
    }
}

/// What the report, its table data and findings.csv read beside the document, by position: a
/// lookup by finding id hashes the id and reads its text, wherever in memory that is.
struct ReportFacts: Sendable {
    /// The facts of `doc.findings[index]` at `index`.
    let findings: [FindingFacts]
    /// `controls[framework][control]`: the positions of the findings that
    /// `doc.frameworks[framework].controls[control]` lists, in its order (ids of no finding left out).
    let controls: [[[Int]]]
}

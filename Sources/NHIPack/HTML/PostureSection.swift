import Foundation
import NHIModel

/// The report's first screen: one sentence stating the posture, the notices that qualify the pack,
/// the critical findings, and per framework the automatable / manual split of its controls.
enum PostureSection {
    /// Critical findings listed on the first screen; the rest are counted and in the findings table.
    static let firstScreenCritical = 10

    static func context(_ doc: ResultsDocument, facts: [FindingFacts], periodLabel: String) -> [String: Any] {
        // Counted by position: filtered copies of the findings would retain every one of their texts.
        let findings = doc.findings
        var open = 0, high = 0, overdue = 0
        var critical: [Int] = []
        for index in findings.indices where findings[index].isOpen {
            open += 1
            if findings[index].severity == .critical { critical.append(index) }
            if findings[index].severity == .high { high += 1 }
            if facts[index].overdue { overdue += 1 }
        }
        let controls = doc.frameworks.flatMap(\.controls)
        let automatable = controls.filter { $0.method == .rules }
        let failing = automatable.filter { $0.status == .notSatisfied }.count
        let unassessed = automatable.filter { $0.status == .notAssessed || $0.status == .partiallyAssessed }.count
        let manual = controls.filter { $0.method == .manual }
        let attested = manual.filter { $0.status == .attested }.count

        var sentence =
            "\(critical.count) critical and \(high) high findings are open (\(open) open of \(doc.findings.count))"
        if overdue > 0 { sentence += ", \(overdue) past their due date" }
        sentence += "; \(failing) of \(automatable.count) automatable controls are not satisfied"
        if unassessed > 0 { sentence += " and \(unassessed) could not be (fully) assessed" }
        sentence += "; \(manual.count - attested) of \(manual.count) manual controls have no attestation."
        if doc.metrics.dualUse > 0 {
            sentence +=
                " \(doc.metrics.dualUse) \(doc.metrics.dualUse == 1 ? "identity both delivers" : "identities both deliver") change to and operate production."
        }
        let listed = critical.prefix(firstScreenCritical)
        return [
            "posture": ReportText.clean(sentence),
            "periodLabel": ReportText.clean(periodLabel),
            "critical": listed.map { FindingRows.brief(findings[$0], facts: facts[$0]) },
            "hasCritical": !critical.isEmpty,
            "moreCritical": critical.count - listed.count, "hasMoreCritical": critical.count > listed.count,
            "split": doc.frameworks.map { framework -> [String: Any] in
                let rules = framework.controls.filter { $0.method == .rules }
                let manual = framework.controls.filter { $0.method == .manual }
                return [
                    "name": ReportText.clean(framework.name), "id": ReportText.clean(framework.framework),
                    "automatable": rules.count, "failing": rules.filter { $0.status == .notSatisfied }.count,
                    "satisfied": rules.filter { $0.status == .satisfied }.count,
                    "manual": manual.count, "attested": manual.filter { $0.status == .attested }.count,
                    "notApplicable": framework.controls.filter { $0.status == .notApplicable }.count,
                ]
            },
            "timingNotices": timingNotices(doc).map { ["text": ReportText.clean($0)] },
        ]
    }

    /// A pack generated before its period ends, or whose evidence records use after the pack's own
    /// generation time, does not describe what its dates say.
    static func timingNotices(_ doc: ResultsDocument) -> [String] {
        var notices: [String] = []
        if let end = doc.scope.periodEnd, doc.generatedAt < end {
            notices.append(
                "This pack was generated at \(ISO8601.string(from: doc.generatedAt)), before its period ends "
                    + "(\(ISO8601.string(from: end))): what happens after the generation time is not in it.")
        }
        let later = (doc.identities ?? []).filter { ($0.lastUsedAt ?? .distantPast) > doc.generatedAt }
        if let latest = later.compactMap(\.lastUsedAt).max() {
            notices.append(
                "The evidence records use by \(later.count) \(later.count == 1 ? "identity" : "identities") after this "
                    + "pack's generation time (latest \(ISO8601.string(from: latest))): the evidence post-dates the pack."
            )
        }
        return notices
    }
}

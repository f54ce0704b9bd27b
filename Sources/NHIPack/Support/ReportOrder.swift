import NHIModel

/// Puts every list of a results document in its defined order, so that every renderer shows the
/// same order and the same document always gives the same bytes: findings by severity (highest
/// first) then id; waivers, rule evaluations and ledger files by id or path; authority rows with
/// dual use first. Controls keep their catalog order (ZT-10 must follow ZT-9).
public enum ReportOrder {
    public static func normalised(_ document: ResultsDocument) -> ResultsDocument {
        var doc = document
        var findings = Finding.inReportOrder(doc.findings)
        // Ids read in place: a pair of each finding with its offset would copy the finding.
        let ids = findings.withUnsafeBufferPointer { findings in findings.indices.map { findings[$0].id } }
        var frameworks = doc.frameworks
        // Taken out of the document: its reference too would make the first change copy the list.
        doc.findings = []
        doc.frameworks = []
        // The findings' evidence and the controls' finding ids share nothing, and each is work
        // enough (the ids hashed, looked up and sorted; evidence compared and sorted) to leave a core
        // idle between detection and rendering: the two are sorted on two cores.
        SideBySide.run {
            sortEvidence(&findings)
        } and: {
            rankControls(&frameworks, ids: ids)
        }
        doc.findings = findings
        doc.frameworks = frameworks
        doc.ruleEvaluations.sort { $0.rule < $1.rule }
        doc.waivers = doc.waivers.map { waiver in
            var waiver = waiver
            waiver.matchedFindings.sort()
            return waiver
        }.sorted { $0.id < $1.id }
        doc.attestations.sort {
            ($0.controls.first ?? "", $0.evidenceFile) < ($1.controls.first ?? "", $1.evidenceFile)
        }
        doc.authority.sort(by: authorityOrder)
        doc.unclassifiedActions.sort { ($0.platform.rawValue, $0.action) < ($1.platform.rawValue, $1.action) }
        doc.ledger.entries.sort { $0.file < $1.file }
        doc.ledger.skipped.sort { $0.file < $1.file }
        return doc
    }

    /// Only evidence out of order is sorted: sorting gives the finding a list of its own (an
    /// allocation, and a copy of the findings), and findings mostly cite their evidence in order.
    private static func sortEvidence(_ findings: inout [Finding]) {
        let unsorted = findings.withUnsafeBufferPointer { findings in
            findings.indices.filter { !isSorted(findings[$0].evidence) }
        }
        for index in unsorted { findings[index].evidence.sort() }
    }

    /// Each control's finding ids in the report order of `ids` (the findings' ids, in report
    /// order); its missing inputs by name.
    private static func rankControls(_ frameworks: inout [FrameworkAssessment], ids: [String]) {
        let rank = Dictionary(uniqueKeysWithValues: zip(ids, ids.indices))
        for framework in frameworks.indices {
            for control in frameworks[framework].controls.indices {
                frameworks[framework].controls[control].findings = ranked(
                    frameworks[framework].controls[control].findings, by: rank, ordered: ids)
                frameworks[framework].controls[control].missingInputs.sort()
            }
        }
    }

    /// Finding ids by their findings' rank (ids of no finding last, by id), where `ordered` holds
    /// each ranked id at its rank. Each id's rank is looked up once, not in every comparison: a
    /// failed control of a large pack lists tens of thousands of findings. Ids already in that
    /// order are left as they are, without a sorted copy. Assessing lists them by id, so most are
    /// not: the ranks alone are sorted (integers, no string compared or retained) and read back as
    /// ids, since one rank is one id.
    static func ranked(_ ids: [String], by rank: [String: Int], ordered: [String]) -> [String] {
        let ranks = ids.map { rank[$0] ?? Int.max }
        let inOrder = ids.withUnsafeBufferPointer { ids in
            ranks.indices.dropFirst().allSatisfy { index in
                ranks[index - 1] != ranks[index] ? ranks[index - 1] < ranks[index] : !(ids[index] < ids[index - 1])
            }
        }
        if inOrder { return ids }
        let unranked = zip(ranks, ids).filter { $0.0 == Int.max }.map(\.1).sorted()
        return ranks.filter { $0 != Int.max }.sorted().map { ordered[$0] } + unranked
    }

    /// Whether no reference comes before the one ahead of it (what sorting would leave as it is).
    static func isSorted(_ evidence: [EvidenceRef]) -> Bool {
        evidence.withUnsafeBufferPointer { refs in refs.indices.dropFirst().allSatisfy { !(refs[$0] < refs[$0 - 1]) } }
    }

    /// Dual-use identities first: they are the point of the authority view.
    public static func authorityOrder(_ lhs: AuthoritySummary, _ rhs: AuthoritySummary) -> Bool {
        if lhs.dualUse != rhs.dualUse { return lhs.dualUse }
        return (lhs.name, lhs.identity.rawValue) < (rhs.name, rhs.identity.rawValue)
    }
}

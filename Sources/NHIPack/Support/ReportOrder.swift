import NHIModel

/// Puts every list of a results document in its defined order, so that every renderer shows the
/// same order and the same document always gives the same bytes: findings by severity (highest
/// first) then id; waivers, rule evaluations and ledger files by id or path; authority rows with
/// dual use first. Controls keep their catalog order (ZT-10 must follow ZT-9).
public enum ReportOrder {
    public static func normalised(_ document: ResultsDocument) -> ResultsDocument {
        var doc = document
        // Only evidence out of order is sorted: sorting gives the finding a list of its own (an
        // allocation, and a copy of the findings), and findings mostly cite their evidence in order.
        let unsorted = doc.findings.withUnsafeBufferPointer { findings in
            findings.indices.filter { !isSorted(findings[$0].evidence) }
        }
        for index in unsorted { doc.findings[index].evidence.sort() }
        doc.findings = Finding.inReportOrder(doc.findings)
        // Ids read in place: a pair of each finding with its offset would copy the finding.
        let rank = doc.findings.withUnsafeBufferPointer { findings in
            Dictionary(uniqueKeysWithValues: findings.indices.lazy.map { (findings[$0].id, $0) })
        }
        doc.frameworks = doc.frameworks.map { framework in
            var framework = framework
            framework.controls = framework.controls.map { control in
                var control = control
                control.findings = ranked(control.findings, by: rank)
                control.missingInputs.sort()
                return control
            }
            return framework
        }
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

    /// Finding ids by their findings' rank (ids of no finding last, by id). Each id's rank is looked
    /// up once, not in every comparison: a failed control of a large pack lists tens of thousands
    /// of findings. Ids already in that order (as assessing lists them) are left as they are,
    /// without a sorted copy.
    static func ranked(_ ids: [String], by rank: [String: Int]) -> [String] {
        let ranks = ids.map { rank[$0] ?? Int.max }
        let inOrder = ids.withUnsafeBufferPointer { ids in
            ranks.indices.dropFirst().allSatisfy { index in
                ranks[index - 1] != ranks[index] ? ranks[index - 1] < ranks[index] : !(ids[index] < ids[index - 1])
            }
        }
        if inOrder { return ids }
        return zip(ranks, ids).sorted { $0 < $1 }.map(\.1)
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

import NHIModel
import TestSupport
import Testing

@testable import NHIPack

/// A control's row in the framework tables: its first findings in the control's order and its
/// affected identities counted once each, the first of them named in order.
@Suite struct ControlTablesTests {
    @Test func leastIsTheSortedPrefix() {
        var random = SeedMutator(seed: 7)
        for size in [0, 1, 5, 24, 25, 26, 300] {
            let texts = Set((0..<size).map { _ in "svc-\(Int.random(in: 0..<10_000, using: &random))" })
            for count in [0, 1, 25, 400] {
                #expect(FrameworkSections.least(count, of: texts) == Array(texts.sorted().prefix(count)))
            }
        }
    }

    @Test func controlsNameTheirFirstFindingsAndLeastAffectedIdentities() throws {
        var doc = ScaleReportTests.document()
        // Several findings per subject, so that the affected identities are fewer than the findings.
        doc.findings = doc.findings.enumerated().map { index, finding in
            var finding = finding
            finding.subject = "arn:aws:iam::111122223333:role/svc-\(index % 300)"
            return finding
        }
        let subjects = Dictionary(uniqueKeysWithValues: doc.findings.map { ($0.id, $0.subject) })
        let positions = FindingFacts.all(doc, rules: [], remediationDays: [:]).controls
        let tables = FrameworkSections.controlTables(doc, catalogs: [], findingsOf: positions)
        var checked = 0
        for (framework, table) in zip(doc.frameworks, tables) {
            let rows = try #require(table["controls"] as? [[String: Any]])
            let controls = framework.controls.filter { !FrameworkSections.isUnattestedManual($0) }
            for (control, row) in zip(controls, rows) where !control.findings.isEmpty {
                let ids = (row["findings"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                #expect(ids == Array(control.findings.prefix(FrameworkSections.linkedFindings)))
                let affected = Set(control.findings.compactMap { subjects[$0] })
                #expect(row["affectedCount"] as? Int == affected.count)
                let names = (row["affected"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
                #expect(names == Array(affected.sorted().prefix(FrameworkSections.linkedFindings)))
                checked += 1
            }
        }
        #expect(checked > 0)
    }
}

import Foundation
import NHIModel

/// The report's large lists: findings by rule and by identity, every finding, and the identity
/// inventory. Each is embedded once as table data for the script, and its first page is rendered
/// as HTML so that it reads without JavaScript.
enum ReportTables {
    static func context(_ doc: ResultsDocument, facts: [String: FindingFacts], rules: [PackRule]) throws -> [String:
        Any]
    {
        let asOf = doc.scope.periodEnd ?? doc.generatedAt
        let identities = doc.identities ?? []
        let findingsPerSubject = Dictionary(grouping: doc.findings, by: \.subject).mapValues(\.count)
        let byIdentity = FindingGroups.byIdentity(doc.findings, facts: facts)
        let identityRows = identities.map {
            ReportData.identityRow($0, findings: findingsPerSubject[$0.id.rawValue] ?? 0, asOf: asOf)
        }
        let page = FindingGroups.firstPage
        return [
            "byRule": FindingGroups.byRule(doc.findings, rules: rules),
            "byIdentityJSON": try ReportData.embeddable(byIdentity),
            "byIdentityPage": byIdentity.prefix(page).map(cells), "byIdentityTotal": byIdentity.count,
            "byIdentityMore": byIdentity.count > page,
            "findingsJSON": try findingsData(doc.findings, facts: facts),
            "findingsPage": doc.findings.prefix(page).map { FindingRows.brief($0, facts: facts[$0.id]) },
            "findingsMore": doc.findings.count > page,
            "identitiesJSON": try ReportData.embeddable(identityRows),
            "identitiesPage": identityRows.prefix(page).map(cells), "identitiesTotal": identityRows.count,
            "identitiesMore": identityRows.count > page, "hasIdentities": !identityRows.isEmpty,
            "firstPage": page,
        ]
    }

    /// `{"rows": […], "controls": […]}`: each row names its controls by index into `controls`.
    private static func findingsData(_ findings: [Finding], facts: [String: FindingFacts]) throws -> String {
        var sets = ReportData.ControlSets()
        let rows = findings.map { finding in
            ReportData.findingRow(
                finding, facts: facts[finding.id], controls: sets.index(of: facts[finding.id]?.controls ?? []))
        }
        return try ReportData.embeddable(["rows": rows, "controls": sets.sets] as [String: Any])
    }

    /// A data row as template cells.
    private static func cells(_ row: [Any]) -> [String: Any] {
        ["cells": row.map { ["text": "\($0)"] }]
    }
}

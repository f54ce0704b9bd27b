import Foundation
import NHIModel

/// The report's large lists: findings by identity, every finding, the authority of every
/// identity and the identity inventory. Each is embedded once as table data for the script
/// (`TableJSON`, written into the page as it is written: the template holds a marker where it
/// goes), and its first page is rendered as HTML so that it reads without JavaScript.
enum ReportTables {
    /// The tables and the template keys of their first pages.
    static func make(_ doc: ResultsDocument, facts: [FindingFacts], rules: [PackRule]) -> (
        tables: [ReportTable], context: [String: Any]
    ) {
        let asOf = doc.scope.periodEnd ?? doc.generatedAt
        let identities = doc.identities ?? []
        var findingsPerSubject: [String: Int] = [:]
        for index in doc.findings.indices { findingsPerSubject[doc.findings[index].subject, default: 0] += 1 }
        let identityRow = { (identity: IdentitySummary) in
            ReportData.identityRow(identity, findings: findingsPerSubject[identity.id.rawValue] ?? 0, asOf: asOf)
        }
        let byIdentity = FindingGroups.byIdentity(doc.findings, facts: facts)
        let authority = doc.authority.sorted(by: ReportOrder.authorityOrder)
        let findings = doc.findings
        let page = FindingGroups.firstPage
        let tables = [
            ReportTable(
                name: "by-identity", shared: FindingGroups.identityGroupShared, count: byIdentity.count,
                row: { byIdentity[$0] }),
            ReportTable(
                name: "findings", shared: ReportData.findingShared, count: findings.count,
                row: { index in
                    findings.withUnsafeBufferPointer {
                        ReportData.findingRow($0, index, facts: facts[index])
                    }
                }),
            ReportTable(
                name: "authority", shared: EvidenceSections.authorityShared, count: authority.count,
                row: { EvidenceSections.authorityRow(authority[$0]) }),
            ReportTable(
                name: "identities", shared: ReportData.identityShared, count: identities.count,
                row: { identityRow(identities[$0]) }),
        ]
        var context: [String: Any] = [
            "byRule": FindingGroups.byRule(findings, rules: rules),
            "byIdentityPage": byIdentity.prefix(page).map(cells), "byIdentityTotal": byIdentity.count,
            "byIdentityMore": byIdentity.count > page,
            "findingsPage": findings.indices.prefix(page).map { FindingRows.brief(findings[$0], facts: facts[$0]) },
            "findingsMore": findings.count > page,
            "authority": EvidenceSections.authority(authority.prefix(page)), "hasAuthority": !authority.isEmpty,
            "authorityTotal": authority.count, "authorityMore": authority.count > page,
            "identitiesPage": identities.prefix(page).map { cells(identityRow($0)) },
            "identitiesTotal": identities.count, "identitiesMore": identities.count > page,
            "hasIdentities": !identities.isEmpty, "firstPage": page,
        ]
        for table in tables {
            // `by-identity` is placed by `{{{byIdentityJSON}}}`.
            let words = table.name.split(separator: "-")
            context[words[0] + words.dropFirst().map(\.capitalized).joined() + "JSON"] = marker(table.name)
        }
        return (tables, context)
    }

    /// Where the template places a table's data: U+0001 cannot come from an input (every input
    /// text is cleaned for XML, which replaces it), so the marker cannot be forged.
    static func marker(_ name: String) -> String { "\u{1}" + name + "\u{1}" }

    /// Writes the rendered page with each marker replaced by its table's data.
    static func write(page: String, tables: [ReportTable], to sink: ([UInt8]) throws -> Void) throws {
        let byName = Dictionary(tables.map { ($0.name, $0) }) { first, _ in first }
        var placed = Set<String>()
        // The page's bytes in place, cut at each marker byte: the parts between markers alternate
        // between page text and a table's name.
        var page = page
        try page.withUTF8 { bytes in
            var start = 0, isName = false
            while true {
                let end = bytes[start...].firstIndex(of: 1) ?? bytes.count
                let part = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if isName {
                    let name = String(decoding: part, as: UTF8.self)
                    guard let table = byName[name], placed.insert(name).inserted else {
                        throw PackError.template("the report template places table data \"\(name)\" unknown or twice")
                    }
                    try TableJSON.write(table, to: sink)
                } else {
                    try sink(Array(part))
                }
                guard end < bytes.count else { return }
                start = end + 1
                isName.toggle()
            }
        }
    }

    /// A data row as template cells.
    private static func cells(_ row: [ReportTable.Cell]) -> [String: Any] {
        ["cells": row.map { ["text": $0.text] }]
    }
}

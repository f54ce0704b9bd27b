import Foundation
import NHIModel

/// findings.csv: every finding, one row each, with the facts the report shows beside it (owner,
/// first reported, due date, controls, remediation) and its evidence locators with their SHA-256:
/// the full finding list for a spreadsheet or a workpaper, however large the pack.
enum FindingsCSV {
    static let columns = [
        "id", "severity", "state", "rule", "subject", "name", "environment", "owner", "purpose",
        "first_reported", "age_days", "due", "overdue", "last_use", "controls", "summary", "remediation",
        "waiver", "evidence",
    ]

    /// Writes the file to `sink` in pieces of about `TableJSON.chunk` bytes.
    static func write(_ doc: ResultsDocument, facts: [FindingFacts], to sink: ([UInt8]) throws -> Void)
        throws
    {
        var row = Row()
        CSVText.append(columns, to: &row.out)
        // Read in place: a loop variable or an array subscript would be a copy of each finding, a
        // retain of each of its texts.
        try doc.findings.withUnsafeBufferPointer { findings in
            for index in findings.indices {
                row.append(findings, index, fact: facts[index])
                if row.out.count >= TableJSON.chunk {
                    try sink(row.out)
                    row.out.removeAll(keepingCapacity: true)
                }
            }
        }
        try sink(row.out)
    }

    /// A finding's line, written cell by cell as `CSVText.append` writes a line: the cells made of
    /// pieces (controls, evidence) are gathered as bytes, not as strings joined from strings.
    private struct Row {
        var out: [UInt8] = []
        /// A cell made of pieces, before it is quoted as needed.
        private var cell: [UInt8] = []

        mutating func append(_ findings: UnsafeBufferPointer<Finding>, _ index: Int, fact: FindingFacts) {
            text(findings[index].id, first: true)
            text(findings[index].severity.rawValue)
            text(FindingRows.state(waiver: findings[index].waiver))
            text(findings[index].rule)
            text(findings[index].subject)
            text(fact.name)
            text(findings[index].environment ?? "")
            text(fact.owner)
            text(fact.purpose ?? "")
            text(fact.firstReported)
            number(fact.ageDays)
            text(fact.due)
            text(fact.overdue ? "yes" : "no")
            text(fact.lastUse)
            controls(fact.controls)
            text(findings[index].summary)
            text(fact.remediation)
            text(
                findings[index].waiver.map {
                    "\($0.waiverId) (\($0.active ? "active" : "expired"), expires \(ReportText.day($0.expires)))"
                } ?? "")
            evidence(findings[index].evidence)
            out.append(UInt8(ascii: "\n"))
        }

        private mutating func text(_ value: String, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            CSVText.appendCell(value, to: &out)
        }

        /// A number's cell, its digits gathered as bytes.
        private mutating func number(_ value: Int) {
            cell.removeAll(keepingCapacity: true)
            DecimalText.append(value, to: &cell)
            endCell()
        }

        /// `framework id; framework id…`
        private mutating func controls(_ controls: [FindingFacts.ControlRef]) {
            cell.removeAll(keepingCapacity: true)
            for (index, control) in controls.enumerated() {
                if index > 0 { cell.append(contentsOf: "; ".utf8) }
                cell.append(contentsOf: control.name.utf8)
            }
            endCell()
        }

        /// `file (position) sha256:hex; …`, the position as the report words it (`ReportText.position`).
        private mutating func evidence(_ refs: [EvidenceRef]) {
            cell.removeAll(keepingCapacity: true)
            refs.withUnsafeBufferPointer { refs in
                for index in refs.indices {
                    if index > 0 { cell.append(contentsOf: "; ".utf8) }
                    cell.append(contentsOf: refs[index].file.utf8)
                    cell.append(contentsOf: " (".utf8)
                    position(refs, index)
                    cell.append(contentsOf: ") sha256:".utf8)
                    cell.append(contentsOf: refs[index].sha256.utf8)
                }
            }
            endCell()
        }

        private mutating func position(_ refs: UnsafeBufferPointer<EvidenceRef>, _ index: Int) {
            var parts = 0
            if let line = refs[index].line {
                part(&parts)
                cell.append(contentsOf: "line ".utf8)
                DecimalText.append(line, to: &cell)
            }
            if let record = refs[index].record {
                part(&parts)
                cell.append(contentsOf: "record ".utf8)
                DecimalText.append(record, to: &cell)
            }
            if let pointer = refs[index].pointer {
                part(&parts)
                cell.append(contentsOf: ReportText.clean(pointer).utf8)
            }
            if parts == 0 { cell.append(contentsOf: "whole file".utf8) }
        }

        /// The separator before all but the first part of a position.
        private mutating func part(_ parts: inout Int) {
            if parts > 0 { cell.append(contentsOf: ", ".utf8) }
            parts += 1
        }

        private mutating func endCell() {
            out.append(UInt8(ascii: ","))
            cell.withUnsafeBufferPointer { CSVText.appendCell($0, to: &out) }
        }
    }
}

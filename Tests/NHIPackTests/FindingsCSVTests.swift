import Foundation
import NHIModel
import Testing
import TestSupport

@testable import NHIPack

/// Cells are searched eight bytes at a time for what needs quoting, and findings.csv's rows are
/// written cell by cell: both held to the simple reference (the field list of each row, each field
/// neutralised and quoted as one string) on every piece at every offset and on random findings.
@Suite struct CSVTextReferenceTests {
    /// A cell as the reference writes it: `'` before a formula, quoted when it holds a separator.
    static func referenceCell(_ field: String) -> String {
        let first = field.utf8.first
        let formula =
            [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first)
            && field != "-"
        let cell = formula ? "'" + field : field
        let special: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D, 0x09]
        guard cell.utf8.contains(where: special.contains) else { return cell }
        return "\"" + String(decoding: cell.utf8.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] }, as: UTF8.self) + "\""
    }

    static func referenceLine(_ fields: [String]) -> String { fields.map(referenceCell).joined(separator: ",") + "\n" }

    @Test func everyPieceAtEveryOffsetIsQuotedAsTheReferenceQuotesIt() {
        let plain = "abcdefghijklmnopqrstuvwxyz0123456789"
        for piece in CompactJSONTests.pieces {
            #expect(CSVText.line([piece]) == Self.referenceLine([piece]))
            for offset in 0...plain.utf8.count {
                let index = plain.index(plain.startIndex, offsetBy: offset)
                let field = String(plain[..<index]) + piece + String(plain[index...])
                #expect(CSVText.line([field, piece + field]) == Self.referenceLine([field, piece + field]))
            }
        }
    }

    /// findings.csv as the reference writes it: each row's fields as texts, then `referenceLine`.
    static func referenceCSV(_ findings: [Finding], facts: [FindingFacts]) -> String {
        var text = referenceLine(FindingsCSV.columns)
        for (finding, fact) in zip(findings, facts) {
            let evidence = finding.evidence.map { ref in
                var position: [String] = []
                if let line = ref.line { position.append("line \(line)") }
                if let record = ref.record { position.append("record \(record)") }
                if let pointer = ref.pointer { position.append(ReportText.clean(pointer)) }
                let place = position.isEmpty ? "whole file" : position.joined(separator: ", ")
                return "\(ref.file) (\(place)) sha256:\(ref.sha256)"
            }
            let state = finding.waiver.map { $0.active ? "waived" : "open (waiver expired)" } ?? "open"
            let waiver =
                finding.waiver.map {
                    "\($0.waiverId) (\($0.active ? "active" : "expired"), expires \(ReportText.day($0.expires)))"
                } ?? ""
            text += referenceLine([
                finding.id, finding.severity.rawValue, state, finding.rule, finding.subject,
                fact.name, finding.environment ?? "", fact.owner, fact.purpose ?? "", fact.firstReported,
                String(fact.ageDays), fact.due, fact.overdue ? "yes" : "no", fact.lastUse,
                fact.controls.map(\.name).joined(separator: "; "), finding.summary, fact.remediation, waiver,
                evidence.joined(separator: "; "),
            ])
        }
        return text
    }

    @Test func findingsCSVIsTheReferenceOnRandomFindings() throws {
        var random = SeedMutator(seed: 0x6373_7672_6F77)
        for _ in 0..<60 {
            let findings = (0..<Int.random(in: 0..<12, using: &random)).map { _ in RandomModels.finding(&random) }
            let facts = findings.map { _ in Self.randomFacts(&random) }
            var doc = SampleResults.document()
            doc.findings = findings
            var bytes: [UInt8] = []
            try FindingsCSV.write(doc, facts: facts, to: { bytes += $0 })
            #expect(String(decoding: bytes, as: UTF8.self) == Self.referenceCSV(findings, facts: facts))
        }
    }

    static func randomFacts(_ random: inout SeedMutator) -> FindingFacts {
        let string = RandomModels.string
        return FindingFacts(
            name: string(&random), owner: string(&random), hasOwner: RandomModels.bool(&random),
            purpose: RandomModels.optional(&random, string), firstReported: string(&random),
            ageDays: RandomModels.int(&random), lastUse: string(&random), due: string(&random),
            overdue: RandomModels.bool(&random), remediation: string(&random),
            controls: RandomModels.list(&random) {
                FindingFacts.ControlRef(framework: RandomModels.string(&$0), id: RandomModels.string(&$0))
            })
    }
}

import Foundation
import NHIModel

/// The rows the report's tables page, sort, filter and search in the browser: every finding and
/// every identity once, as cleaned text and numbers (`TableJSON` writes them into the page).
enum ReportData {
    /// Columns of a finding row, in the order `findingRow` writes them (the script reads them by position).
    static let findingColumns = [
        "id", "severity", "rule", "name", "subject", "environment", "owner", "firstReported",
        "age", "lastUse", "due", "overdue", "state", "controls", "summary", "purpose",
    ]

    /// Columns shared between rows (`ReportTable.shared`): the texts many findings repeat.
    static let findingShared = [1, 2, 5, 6, 7, 9, 10, 12, 13, 15]

    /// `controls` names the finding's controls as `framework id|framework id…`. The finding is
    /// read in place: a copy retains every one of its fields.
    static func findingRow(_ findings: UnsafeBufferPointer<Finding>, _ index: Int, facts: FindingFacts)
        -> [ReportTable.Cell]
    {
        [
            cleaned(findings[index].id), .text(findings[index].severity.rawValue), cleaned(findings[index].rule),
            cleaned(facts.name), cleaned(findings[index].subject),
            cleaned(findings[index].environment ?? ""), cleaned(facts.owner),
            cleaned(facts.firstReported), .number(facts.ageDays), cleaned(facts.lastUse),
            cleaned(facts.due), .number(facts.overdue ? 1 : 0),
            .text(FindingRows.state(waiver: findings[index].waiver)),
            cleaned(facts.controls.map(\.name).joined(separator: "|")),
            cleaned(findings[index].summary), cleaned(facts.purpose ?? ""),
        ]
    }

    static let identityColumns = [
        "name", "id", "kind", "environments", "owner", "purpose", "created", "lastUse",
        "credentials", "findings",
    ]

    /// Columns shared between rows: kind, environments, owner, purpose and the dates.
    static let identityShared = [2, 3, 4, 5, 6, 7]

    static func identityRow(_ identity: IdentitySummary, findings: Int, asOf: Date) -> [ReportTable.Cell] {
        var kind = identity.kind.rawValue + (identity.isHuman ? " (human)" : "")
        if !identity.inInventory { kind += ", seen only in logs" }
        return [
            .text(identity.name), .text(identity.id.rawValue), .text(kind),
            .text(identity.environments.joined(separator: ", ")), .text(identity.owner ?? "no owner"),
            .text(identity.purpose?.rawValue ?? ""), .text(identity.createdAt.map(ReportText.day) ?? ""),
            .text(identity.lastUsedAt.map(ReportText.day) ?? "never recorded"),
            .text(identity.credentials.map { credentialText($0, asOf: asOf) }.joined(separator: "; ")),
            .number(findings),
        ].map(cleaned)
    }

    static func credentialText(_ credential: CredentialSummary, asOf: Date) -> String {
        var text = "\(credential.id) (\(credential.kind.rawValue)\(credential.active ? "" : ", inactive")"
        if let issued = credential.issuedAt {
            text +=
                ", issued \(ReportText.day(issued)), \(max(0, Int(asOf.timeIntervalSince(issued) / 86_400))) days old"
        }
        if let used = credential.lastUsedAt { text += ", last used \(ReportText.day(used))" }
        return text + ")"
    }

    private static func cleaned(_ cell: ReportTable.Cell) -> ReportTable.Cell {
        if case .text(let text) = cell { return cleaned(text) }
        return cell
    }

    private static func cleaned(_ text: String) -> ReportTable.Cell { .text(ReportText.clean(text)) }
}

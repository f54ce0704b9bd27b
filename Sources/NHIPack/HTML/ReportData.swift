import Foundation
import NHIModel

/// The compact data the report's tables page, sort, filter and search in the browser: every
/// finding and every identity once, as arrays of cleaned text, in `<script type="application/json">`
/// elements. The JSON is made safe to embed there: `<`, `>` and `&` are written as `\u003c`,
/// `\u003e`, `\u0026` (so no `</script>` or `<!--` can close or confuse the element) and the line
/// separators U+2028 / U+2029 as escapes.
enum ReportData {
    /// Columns of a finding row, in the order `findingRow` writes them (the script reads them by position).
    static let findingColumns = [
        "id", "severity", "rule", "name", "subject", "environment", "owner", "firstReported",
        "age", "lastUse", "due", "overdue", "state", "controls", "summary", "purpose",
    ]

    /// `controls` is the index of the finding's set of controls in `ControlSets` (the findings of a
    /// rule share one set, so each set is written once).
    static func findingRow(_ finding: Finding, facts: FindingFacts?, controls: Int) -> [Any] {
        [
            finding.id, finding.severity.rawValue, finding.rule, facts?.name ?? finding.subject, finding.subject,
            finding.environment ?? "", facts?.owner ?? "no owner", facts.map { ReportText.day($0.firstReported) } ?? "",
            facts?.ageDays ?? 0, facts?.lastUse ?? "", facts.map { ReportText.day($0.due) } ?? "",
            facts?.overdue == true ? 1 : 0, FindingRows.state(finding), controls, finding.summary, facts?.purpose ?? "",
        ].map(cleaned)
    }

    /// The distinct sets of controls findings map to, each as `framework id|framework id…`.
    struct ControlSets {
        private(set) var sets: [String] = []
        private var index: [String: Int] = [:]

        mutating func index(of controls: [FindingFacts.ControlRef]) -> Int {
            let text = ReportText.clean(controls.map { "\($0.framework) \($0.id)" }.joined(separator: "|"))
            if let known = index[text] { return known }
            sets.append(text)
            index[text] = sets.count - 1
            return sets.count - 1
        }
    }

    static let identityColumns = [
        "name", "id", "kind", "environments", "owner", "purpose", "created", "lastUse",
        "credentials", "findings",
    ]

    static func identityRow(_ identity: IdentitySummary, findings: Int, asOf: Date) -> [Any] {
        var kind = identity.kind.rawValue + (identity.isHuman ? " (human)" : "")
        if !identity.inInventory { kind += ", seen only in logs" }
        return [
            identity.name, identity.id.rawValue, kind, identity.environments.joined(separator: ", "),
            identity.owner ?? "no owner", identity.purpose?.rawValue ?? "",
            identity.createdAt.map(ReportText.day) ?? "", identity.lastUsedAt.map(ReportText.day) ?? "never recorded",
            identity.credentials.map { credentialText($0, asOf: asOf) }.joined(separator: "; "), findings,
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

    /// `value` (rows, or an object of rows and lookup lists) as JSON safe to place inside `<script type="application/json">` (not HTML-escaped: the
    /// template inserts it with `{{{ }}}`).
    static func embeddable(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.withoutEscapingSlashes, .sortedKeys])
        var out = ""
        out.reserveCapacity(data.count + data.count / 16)
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func cleaned(_ value: Any) -> Any {
        (value as? String).map(ReportText.clean) ?? value
    }
}

import NHIModel

/// The findings grouped by rule and by identity, with counts: what a large pack is read by.
enum FindingGroups {
    /// Rows each group and table shows without JavaScript (and before the script pages it).
    static let firstPage = 25
    /// Finding ids linked from a rule's group row; the rest are counted and in the table.
    static let idsPerRule = 8

    static func byRule(_ findings: [Finding], rules: [PackRule]) -> [[String: Any]] {
        let titles = Dictionary(rules.map { ($0.rule.id, $0.rule.title) }) { first, _ in first }
        let grouped = Dictionary(grouping: findings, by: \.rule)
        return grouped.sorted { lhs, rhs in
            let left = (lhs.value.map(\.severity).max() ?? .info, lhs.value.count),
                right = (rhs.value.map(\.severity).max() ?? .info, rhs.value.count)
            return left != right ? left > right : lhs.key < rhs.key
        }.map { rule, members in
            let open = members.filter(\.isOpen)
            return [
                "rule": ReportText.clean(rule), "title": ReportText.clean(titles[rule] ?? ""),
                "severity": (members.map(\.severity).max() ?? .info).rawValue,
                "total": members.count, "open": open.count, "waived": members.count - open.count,
                "ids": members.prefix(idsPerRule).map { ["id": ReportText.clean($0.id)] },
                "more": max(0, members.count - idsPerRule), "hasMore": members.count > idsPerRule,
            ]
        }
    }

    /// Subjects by open findings (most first), each with its owner, highest severity and rules.
    static func byIdentity(_ findings: [Finding], facts: [String: FindingFacts]) -> [[ReportTable.Cell]] {
        struct Group { var open: Int; var highest: Severity; var subject: String; var row: [ReportTable.Cell] }
        var groups: [Group] = []
        for (subject, members) in Dictionary(grouping: findings, by: \.subject) {
            let open = members.filter(\.isOpen)
            let highest = (open.isEmpty ? members : open).map(\.severity).max() ?? .info
            let first = facts[members[0].id]
            let rules = Set(members.map(\.rule)).sorted().joined(separator: ", ")
            let texts = [first?.name ?? subject, subject, first?.owner ?? "no owner"].map {
                ReportTable.Cell.text(ReportText.clean($0))
            }
            let row =
                texts + [
                    .number(open.count), .number(members.count), .text(highest.rawValue),
                    .text(ReportText.clean(rules)),
                ]
            groups.append(Group(open: open.count, highest: highest, subject: subject, row: row))
        }
        groups.sort { lhs, rhs in
            if lhs.open != rhs.open { return lhs.open > rhs.open }
            if lhs.highest != rhs.highest { return lhs.highest > rhs.highest }
            return lhs.subject < rhs.subject
        }
        return groups.map(\.row)
    }

    static let identityGroupColumns = ["name", "subject", "owner", "open", "total", "severity", "rules"]
    /// Columns shared between rows: owner, severity and the rules.
    static let identityGroupShared = [2, 5, 6]
}

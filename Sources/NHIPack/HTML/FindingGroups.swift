import NHIModel

/// The findings grouped by rule and by identity, with counts: what a large pack is read by.
enum FindingGroups {
    /// Rows each group and table shows without JavaScript (and before the script pages it).
    static let firstPage = 25
    /// Finding ids linked from a rule's group row; the rest are counted and in the table.
    static let idsPerRule = 8

    static func byRule(_ findings: [Finding], rules: [PackRule]) -> [[String: Any]] {
        let titles = Dictionary(rules.map { ($0.rule.id, $0.rule.title) }) { first, _ in first }
        struct Group {
            var members: [Int] = []
            var highest = Severity.info
            var open = 0

            mutating func add(_ index: Int, severity: Severity, isOpen: Bool) {
                members.append(index)
                highest = max(highest, severity)
                if isOpen { open += 1 }
            }
        }
        // Positions, not copies: a copy of a finding retains every one of its texts.
        var groups: [String: Group] = [:]
        for index in findings.indices {
            groups[findings[index].rule, default: Group()].add(
                index, severity: findings[index].severity, isOpen: findings[index].isOpen)
        }
        return groups.sorted { lhs, rhs in
            let left = (lhs.value.highest, lhs.value.members.count),
                right = (rhs.value.highest, rhs.value.members.count)
            return left != right ? left > right : lhs.key < rhs.key
        }.map { rule, group in
            [
                "rule": ReportText.clean(rule), "title": ReportText.clean(titles[rule] ?? ""),
                "severity": group.highest.rawValue,
                "total": group.members.count, "open": group.open, "waived": group.members.count - group.open,
                "ids": group.members.prefix(idsPerRule).map { ["id": ReportText.clean(findings[$0].id)] },
                "more": max(0, group.members.count - idsPerRule), "hasMore": group.members.count > idsPerRule,
            ]
        }
    }

    /// Subjects by open findings (most first), each with its owner, highest severity and rules.
    static func byIdentity(_ findings: [Finding], facts: [FindingFacts]) -> [[ReportTable.Cell]] {
        struct Group { var open: Int; var highest: Severity; var subject: String; var row: [ReportTable.Cell] }
        var bySubject: [String: [Int]] = [:]
        for index in findings.indices { bySubject[findings[index].subject, default: []].append(index) }
        var groups: [Group] = []
        groups.reserveCapacity(bySubject.count)
        for (subject, members) in bySubject {
            var open = 0
            var highest = Severity.info, highestOpen = Severity.info
            var rules = Set<String>()
            for index in members {
                let severity = findings[index].severity
                highest = max(highest, severity)
                if findings[index].isOpen {
                    open += 1
                    highestOpen = max(highestOpen, severity)
                }
                rules.insert(findings[index].rule)
            }
            // The highest open severity, or the highest of all when none is open.
            let shown = open > 0 ? highestOpen : highest
            let first = facts[members[0]]
            let texts = [first.name, subject, first.owner].map {
                ReportTable.Cell.text(ReportText.clean($0))
            }
            let row =
                texts + [
                    .number(open), .number(members.count), .text(shown.rawValue),
                    .text(ReportText.clean(rules.sorted().joined(separator: ", "))),
                ]
            groups.append(Group(open: open, highest: shown, subject: subject, row: row))
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

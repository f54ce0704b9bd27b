import NHIModel

/// Rows of the executive summary and the per-framework control tables.
enum FrameworkSections {
    static func summary(_ doc: ResultsDocument) -> [[String: Any]] {
        doc.frameworks.map { framework in
            [
                "id": clean(framework.framework), "title": clean(framework.title), "name": clean(framework.name),
                "total": framework.controls.count,
                "counts": ControlStatus.allCases.map { status -> [String: Any] in
                    [
                        "status": status.rawValue, "label": ReportText.statusLabel(status),
                        "count": framework.count(status),
                    ]
                },
                "segments": StatusBar.segments(framework),
                "barWidth": StatusBar.format(StatusBar.width),
            ]
        }
    }

    /// Finding ids linked, and affected identities named, under one control; the rest are counted
    /// (the findings table has them all).
    static let linkedFindings = 25

    /// A manual control without an attestation: listed once per framework in a group, not as a row each.
    static func isUnattestedManual(_ control: ControlResult) -> Bool {
        control.method == .manual && control.status == .notAssessed
    }

    /// `findingsOf[framework][control]`: the positions of each control's findings (`ReportFacts.controls`),
    /// not copies: a copy retains every one of a finding's texts, and the controls of all
    /// frameworks together name each finding several times.
    static func controlTables(_ doc: ResultsDocument, catalogs: [Catalog], findingsOf: [[[Int]]]) -> [[String: Any]] {
        let findings = doc.findings
        // Each finding's subject as a number, its rank among the distinct subjects in text order:
        // a control's affected identities are then told apart, and the first of them named, by
        // number, without hashing or comparing their names once per control.
        var distinct: [String] = [], numbers: [String: Int] = [:], numberOf: [Int] = []
        numberOf.reserveCapacity(findings.count)
        for index in findings.indices {
            let subject = findings[index].subject
            if let number = numbers[subject] {
                numberOf.append(number)
            } else {
                numbers[subject] = distinct.count
                numberOf.append(distinct.count)
                distinct.append(subject)
            }
        }
        let order = distinct.indices.sorted { distinct[$0] < distinct[$1] }
        var rank = [Int](repeating: 0, count: distinct.count)
        for (position, number) in order.enumerated() { rank[number] = position }
        let subjects = order.map { distinct[$0] }, subjectOf = numberOf.map { rank[$0] }
        let catalogByID = Dictionary(catalogs.map { ($0.id, $0) }) { first, _ in first }
        return doc.frameworks.indices.map { index in
            let framework = doc.frameworks[index]
            let catalog = catalogByID[framework.framework]
            let texts = Dictionary((catalog?.controls ?? []).map { ($0.id, $0) }) { first, _ in first }
            let note = framework.note ?? catalog?.note
            return [
                "id": clean(framework.framework), "title": clean(framework.title), "name": clean(framework.name),
                "hasNote": note != nil, "note": clean(note ?? ""),
                "publisher": clean(catalog?.publisher ?? ""), "hasPublisher": catalog?.publisher != nil,
                "controls": framework.controls.indices.filter { !isUnattestedManual(framework.controls[$0]) }
                    .map {
                        control(
                            framework: framework.framework, framework.controls[$0],
                            text: texts[framework.controls[$0].id], findings: findings,
                            related: findingsOf[index][$0], subjects: subjects, subjectOf: subjectOf)
                    },
                "manual": manualGroup(framework),
                "hasManual": framework.controls.contains(where: isUnattestedManual),
            ]
        }
    }

    private static func control(
        framework: String, _ control: ControlResult, text: Control?, findings: [Finding], related: [Int],
        subjects: [String], subjectOf: [Int]
    ) -> [String: Any] {
        let affected = Set(related.map { subjectOf[$0] })
        let named = least(linkedFindings, of: affected).map { subjects[$0] }
        return [
            "anchor": clean("\(framework)-\(control.id)"),
            "id": clean(control.id), "title": clean(control.title),
            "status": control.status.rawValue, "statusLabel": ReportText.statusLabel(control.status),
            "method": control.method.rawValue,
            "rules": control.rules.map { ["id": clean($0)] }, "hasRules": !control.rules.isEmpty,
            "rationale": clean(control.rationale),
            "hasText": text?.text != nil, "text": clean(text?.text ?? ""),
            "textSource": text?.textIsOfficial == true ? "official text" : "summary by nhi-audit",
            "findings": related.prefix(linkedFindings).map {
                ["id": clean(findings[$0].id), "severity": findings[$0].severity.rawValue]
            },
            "hasFindings": !related.isEmpty, "findingCount": related.count,
            "moreFindings": related.count - min(related.count, linkedFindings),
            "hasMoreFindings": related.count > linkedFindings,
            "affected": named.map { ["name": clean($0)] }, "hasAffected": !affected.isEmpty,
            "affectedCount": affected.count, "moreAffected": affected.count - min(affected.count, linkedFindings),
            "hasMoreAffected": affected.count > linkedFindings,
            "missing": control.missingInputs.map { ["kind": $0.rawValue, "description": $0.humanDescription] },
            "hasMissing": !control.missingInputs.isEmpty,
            "uncovered": control.uncovered.map { ["text": clean($0)] }, "hasUncovered": !control.uncovered.isEmpty,
            "population": ReportText.population(control.population), "hasPopulation": control.population != nil,
            "isSatisfied": control.status == .satisfied,
            "hasAttestation": control.attestation != nil, "attestation": clean(control.attestation ?? ""),
            "attestationBesideRules": control.attestation != nil && control.method == .rules,
            "hasDetails": !related.isEmpty || !control.missingInputs.isEmpty || !control.uncovered.isEmpty
                || control.attestation != nil || text?.text != nil || control.population != nil,
        ]
    }

    /// The `count` least of the distinct `values` in ascending order (what `values.sorted().prefix(count)`
    /// gives), without sorting the rest: a control can affect thousands of identities and names 25.
    static func least<Value: Comparable>(_ count: Int, of values: some Sequence<Value>) -> [Value] {
        guard count > 0 else { return [] }
        var least: [Value] = []
        least.reserveCapacity(count + 1)
        for value in values where least.count < count || value < least[least.count - 1] {
            least.insert(value, at: least.firstIndex { value < $0 } ?? least.count)
            if least.count > count { least.removeLast() }
        }
        return least
    }

    /// The framework's manual controls without an attestation, each id with its title and anchor.
    static func manualGroup(_ framework: FrameworkAssessment) -> [String: Any] {
        let members = framework.controls.filter(isUnattestedManual)
        return [
            "framework": clean(framework.title), "count": members.count,
            "controls": members.map {
                ["id": clean($0.id), "title": clean($0.title), "anchor": clean("\(framework.framework)-\($0.id)")]
            },
        ]
    }

    /// Per framework, its group of unattested manual controls (empty groups left out).
    static func manualGroups(_ doc: ResultsDocument) -> [[String: Any]] {
        doc.frameworks.filter { $0.controls.contains(where: isUnattestedManual) }.map(manualGroup)
    }

    /// Controls assessed by rules that could not be (fully) assessed, and what would assess them.
    static func notAssessed(_ doc: ResultsDocument) -> [[String: Any]] {
        doc.frameworks.flatMap { framework in
            framework.controls.filter {
                ($0.status == .notAssessed || $0.status == .partiallyAssessed) && !isUnattestedManual($0)
            }
            .map { control -> [String: Any] in
                var needs = control.missingInputs.map { ["description": $0.humanDescription] }
                needs += control.uncovered.map { ["description": "evidence for " + clean($0)] }
                if control.method == .manual {
                    needs.append(["description": "an unexpired attestation in attestations.yaml (manual control)"])
                }
                return [
                    "framework": clean(framework.title), "id": clean(control.id), "title": clean(control.title),
                    "status": control.status.rawValue, "statusLabel": ReportText.statusLabel(control.status),
                    "needs": needs,
                ]
            }
        }
    }

    private static func clean(_ text: String) -> String { ReportText.clean(text) }
}

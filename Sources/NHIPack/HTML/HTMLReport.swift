import Foundation
import NHIModel

/// index.html: the auditor's report, rendered from the templates with a context of dictionaries
/// (fast in swift-mustache, and no Optional can leak in as the text "nil"). Every value taken
/// from an input goes through `{{ }}`, which HTML-escapes it; the table data goes through
/// `TableJSON` and the running header through `ReportText.cssString`. The page is small beside its
/// table data, which is written into it row by row (`ReportTables.write`), never held whole.
enum HTMLReport {
    /// Up to this many findings each get a card with every fact and evidence locator; above it
    /// the cards' content is in the findings table's data and in findings.csv.
    static let cardLimit = 500

    /// Writes index.html to `sink` in pieces; `facts` are those findings.csv shows too.
    static func write(
        _ doc: ResultsDocument, facts: ReportFacts, catalogs: [Catalog], inputs: [PackInput],
        resultsDigest: String, options: PackOptions, templates: TemplateSet, to sink: ([UInt8]) throws -> Void
    ) throws {
        // Counted in place: a filtered copy of the findings would retain every one of their texts.
        var openBySeverity: [Severity: Int] = [:]
        for index in doc.findings.indices where doc.findings[index].isOpen {
            openBySeverity[doc.findings[index].severity, default: 0] += 1
        }
        let periodLabel = ReportText.period(start: doc.scope.periodStart, end: doc.scope.periodEnd)
        let notAssessed = FrameworkSections.notAssessed(doc)
        let manualGroups = FrameworkSections.manualGroups(doc)
        let waivers = EvidenceSections.waivers(doc.waivers)
        let attestations = EvidenceSections.attestations(doc.attestations)
        let unclassified = EvidenceSections.unclassified(doc.unclassifiedActions)
        let trend = EvidenceSections.trend(doc.trend)
        let sincePrevious = try options.previousResults.map {
            try SincePreviousSection.context(
                previous: $0, current: doc, previousDigest: options.previousManifestDigest,
                periodLabel: periodLabel)
        }
        let ledgerFiles = Set(doc.ledger.entries.map(\.file))
        let tables = ReportTables.make(doc, facts: facts.findings, rules: options.rules)
        var context: [String: Any] = [
            "css": templates.css,
            "organisation": ReportText.clean(doc.scope.organisation),
            "periodLabel": ReportText.clean(periodLabel),
            "runningHeader": ReportText.cssString("\(ReportText.clean(doc.scope.organisation)) · \(periodLabel)"),
            "runningFooter": ReportText.cssString("results.json SHA-256 \(resultsDigest)"),
            "periodDays": doc.scope.periodStart.flatMap { start in
                doc.scope.periodEnd.map { "\(ReportText.day(start)) – \(ReportText.day($0))" }
            } ?? "not declared",
            "periodStart": ReportText.date(doc.scope.periodStart),
            "periodEnd": ReportText.date(doc.scope.periodEnd),
            "scopeDeclared": doc.scope.declared,
            "environments": doc.scope.environments.sorted { $0.name < $1.name }.map { env -> [String: Any] in
                let members =
                    env.awsAccounts.sorted().map { "AWS \($0)" } + env.kubernetes.sorted().map { "Kubernetes \($0)" }
                    + env.github.sorted().map { "GitHub \($0)" }
                    + env.gcpProjects.sorted().map { "GCP \($0)" }
                    + env.entraTenants.sorted().map { "Entra \($0)" }
                return [
                    "name": ReportText.clean(env.name), "production": env.production,
                    "members": ReportText.clean(members.joined(separator: ", ")), "hasMembers": !members.isEmpty,
                ]
            },
            "hasEnvironments": !doc.scope.environments.isEmpty,
            "coverage": EvidenceSections.coverage(doc.coverage ?? []), "hasCoverage": !(doc.coverage ?? []).isEmpty,
            "generatedAt": ISO8601.string(from: doc.generatedAt),
            "toolName": ReportText.clean(doc.tool.name), "toolVersion": ReportText.clean(doc.tool.version),
            "mappingDigest": ReportText.clean(doc.mappingDigest), "policyDigest": ReportText.clean(doc.policyDigest),
            "resultsDigest": resultsDigest,
            "hasPreviousDigest": options.previousManifestDigest != nil,
            "previousDigest": options.previousManifestDigest ?? "",
            "frameworkVersions": doc.frameworks.map { ["name": ReportText.clean($0.name)] },
            "summary": FrameworkSections.summary(doc),
            "findingCounts": Severity.allCases.reversed().map { severity -> [String: Any] in
                ["severity": severity.rawValue, "count": openBySeverity[severity] ?? 0]
            },
            "openFindings": openBySeverity.values.reduce(0, +), "totalFindings": doc.findings.count,
            "metrics": EvidenceSections.metrics(doc.metrics),
            "frameworks": FrameworkSections.controlTables(doc, catalogs: catalogs, findingsOf: facts.controls),
            "hasFindings": !doc.findings.isEmpty,
            "cards": doc.findings.count <= cardLimit
                ? doc.findings.indices.map { FindingRows.row(doc.findings[$0], facts: facts.findings[$0]) } : [],
            "hasCards": !doc.findings.isEmpty && doc.findings.count <= cardLimit, "cardLimit": cardLimit,
            "waivers": waivers, "hasWaivers": !waivers.isEmpty,
            "attestations": attestations, "hasAttestations": !attestations.isEmpty,
            "notAssessed": notAssessed, "hasNotAssessed": !notAssessed.isEmpty,
            "manualGroups": manualGroups, "hasManualGroups": !manualGroups.isEmpty,
            "ledger": EvidenceSections.ledger(doc.ledger, attestations: doc.attestations),
            "inputs": inputs.filter { !ledgerFiles.contains($0.path) }.map { input -> [String: Any] in
                ["path": ReportText.clean(input.path), "sha256": input.sha256, "size": input.size]
            },
            "rules": EvidenceSections.rules(options.rules, evaluations: doc.ruleEvaluations),
            "unclassified": unclassified, "hasUnclassified": !unclassified.isEmpty,
            "notices": doc.notices.map { ["text": ReportText.clean($0)] }, "hasNotices": !doc.notices.isEmpty,
            "trend": trend, "hasTrend": !trend.isEmpty,
            "sincePrevious": sincePrevious ?? [:], "hasSincePrevious": sincePrevious != nil,
            "posture": PostureSection.context(doc, facts: facts.findings, periodLabel: periodLabel),
        ]
        context.merge(AuthoritySections.context(doc)) { current, _ in current }
        context.merge(tables.context) { first, _ in first }
        try ReportTables.write(page: try templates.render(context), tables: tables.tables, to: sink)
    }
}

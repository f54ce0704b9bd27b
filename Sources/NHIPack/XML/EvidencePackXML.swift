import Foundation
import NHIModel

/// evidence-pack.xml: the results document as XML in the namespace of templates/evidence-pack.xsd
/// (docs/evidence-pack-xml.md). Takes a normalised document so the order matches every other output.
enum EvidencePackXML {
    static let namespace = "urn:nhi-audit:evidence-pack:1"
    static let schemaVersion = "1.0"

    /// The document written into a pack file as it goes; `pretty`: indented, one element per line.
    static func write(
        _ doc: ResultsDocument, inputs: [PackInput], resultsDigest: String, pretty: Bool, to file: PackFile
    ) throws {
        let w = XMLStreamWriter(to: file, indent: pretty)
        write(doc, inputs: inputs, resultsDigest: resultsDigest, w)
        try w.endDocument()
    }

    private static func write(_ doc: ResultsDocument, inputs: [PackInput], resultsDigest: String, _ w: XMLStreamWriter)
    {
        w.start("evidence-pack", namespace: namespace)
        w.attribute("schema-version", schemaVersion)
        w.attribute("results-schema-version", doc.schemaVersion)
        w.empty("tool", attributes: [("name", doc.tool.name), ("version", doc.tool.version)])
        w.element("generated-at", ISO8601.string(from: doc.generatedAt))
        w.empty(
            "digests",
            attributes: [("mapping", doc.mappingDigest), ("policy", doc.policyDigest), ("results-json", resultsDigest)])
        writeScope(doc.scope, w)
        if let coverage = doc.coverage { writeCoverage(coverage, w) }
        writeMetrics(doc.metrics, w)
        w.start("frameworks")
        doc.frameworks.forEach { writeFramework($0, w) }
        w.end()
        w.start("findings")
        // Read in place: a loop variable or an array subscript would be a copy of each finding, a
        // retain of each of its texts.
        doc.findings.withUnsafeBufferPointer { findings in
            for index in findings.indices { writeFinding(findings[index], w) }
        }
        w.end()
        w.start("rule-evaluations")
        for evaluation in doc.ruleEvaluations {
            w.start("rule-evaluation")
            w.attribute("rule", evaluation.rule)
            w.attribute("state", evaluation.state.rawValue)
            w.attribute("findings", String(evaluation.findings))
            evaluation.missingInputs.sorted().forEach { w.element("missing-input", $0.rawValue) }
            evaluation.reasons.forEach { w.element("reason", $0) }
            evaluation.uncovered.forEach { w.element("uncovered", $0) }
            if let population = evaluation.population { writePopulation(population, w) }
            w.end()
        }
        w.end()
        writeWaivers(doc.waivers, w)
        writeAttestations(doc.attestations, w)
        writeAuthority(doc.authority, w)
        w.start("unclassified-actions")
        for action in doc.unclassifiedActions {
            w.element(
                "action", action.action,
                attributes: [("platform", action.platform.rawValue), ("count", String(action.count))])
        }
        w.end()
        writeLedger(doc.ledger, w)
        w.start("inputs")
        for input in inputs {
            w.empty(
                "input", attributes: [("path", input.path), ("sha256", input.sha256), ("size", String(input.size))])
        }
        w.end()
        w.start("notices")
        doc.notices.forEach { w.element("notice", $0) }
        w.end()
        writeTrend(doc.trend, w)
        w.end()
    }

    static func share(_ value: Double) -> String { String(format: "%.4f", min(max(value, 0), 1)) }

    private static func writeScope(_ scope: Scope, _ w: XMLStreamWriter) {
        w.start("scope")
        w.attribute("declared", String(scope.declared))
        w.element("organisation", scope.organisation)
        if scope.periodStart != nil || scope.periodEnd != nil {
            w.empty(
                "period",
                attributes: [
                    ("start", scope.periodStart.map(ISO8601.string)), ("end", scope.periodEnd.map(ISO8601.string)),
                ])
        }
        for environment in scope.environments.sorted(by: { $0.name < $1.name }) {
            w.start("environment")
            w.attribute("name", environment.name)
            w.attribute("production", String(environment.production))
            environment.awsAccounts.sorted().forEach { w.element("aws-account", $0) }
            environment.kubernetes.sorted().forEach { w.element("kubernetes", $0) }
            environment.github.sorted().forEach { w.element("github", $0) }
            environment.gcpProjects.sorted().forEach { w.element("gcp-project", $0) }
            environment.entraTenants.sorted().forEach { w.element("entra-tenant", $0) }
            w.end()
        }
        w.end()
    }

    private static func writeMetrics(_ m: Metrics, _ w: XMLStreamWriter) {
        w.empty(
            "metrics",
            attributes: [
                ("nhis-in-scope", String(m.nhisInScope)), ("owned", String(m.owned)),
                ("owned-share", share(m.ownedShare)),
                ("over-privileged", String(m.overPrivileged)), ("over-privileged-share", share(m.overPrivilegedShare)),
                ("credentials-past-max-age", String(m.credentialsPastMaxAge)), ("dual-use", String(m.dualUse)),
                ("humans", String(m.humans)), ("shadow", String(m.shadow)),
            ])
    }

    private static func writeFramework(_ framework: FrameworkAssessment, _ w: XMLStreamWriter) {
        w.start("framework")
        w.attribute("id", framework.framework)
        w.attribute("version", framework.version)
        w.element("title", framework.title)
        w.element("note", framework.note)
        for status in ControlStatus.allCases {
            w.empty(
                "status-count", attributes: [("status", status.rawValue), ("count", String(framework.count(status)))])
        }
        for control in framework.controls {
            w.start("control")
            w.attribute("id", control.id)
            w.attribute("status", control.status.rawValue)
            w.attribute("method", control.method.rawValue)
            w.element("title", control.title)
            w.element("rationale", control.rationale)
            control.rules.forEach { w.element("rule", $0) }
            for index in control.findings.indices { w.element("finding-ref", control.findings[index]) }
            control.missingInputs.forEach { w.element("missing-input", $0.rawValue) }
            control.uncovered.forEach { w.element("uncovered", $0) }
            if let population = control.population { writePopulation(population, w) }
            w.element("attestation", control.attestation)
            w.end()
        }
        w.end()
    }

    private static func writeFinding(_ finding: Finding, _ w: XMLStreamWriter) {
        w.start("finding")
        w.attribute("id", finding.id)
        w.attribute("rule", finding.rule)
        w.attribute("severity", finding.severity.rawValue)
        w.attribute("open", String(finding.isOpen))
        w.element("subject", finding.subject)
        w.element("environment", finding.environment)
        w.element("summary", finding.summary)
        // Attribute by attribute: findings are most of the document, and a list of attributes per
        // detail and evidence was an allocation each.
        for (key, value) in finding.details.sorted(by: { $0.key < $1.key }) {
            w.start("detail")
            w.attribute("name", key)
            w.text(value)
            w.end()
        }
        for ref in finding.evidence {
            w.start("evidence")
            w.attribute("file", ref.file)
            w.attribute("sha256", ref.sha256)
            w.attribute("line", ref.line.map(String.init))
            w.attribute("record", ref.record.map(String.init))
            w.attribute("pointer", ref.pointer)
            w.end()
        }
        if let waiver = finding.waiver {
            w.empty(
                "waiver",
                attributes: [
                    ("id", waiver.waiverId), ("expires", ISO8601.string(from: waiver.expires)),
                    ("active", String(waiver.active)),
                    ("approved", waiver.approved.map(ISO8601.string)),
                ])
        }
        w.end()
    }

    private static func writeWaivers(_ waivers: [WaiverRecord], _ w: XMLStreamWriter) {
        w.start("waivers")
        for waiver in waivers {
            w.start("waiver")
            w.attribute("id", waiver.id)
            w.attribute("rule", waiver.rule)
            w.attribute("control", waiver.control)
            w.attribute("state", waiver.state.rawValue)
            w.attribute("expires", ISO8601.string(from: waiver.expires))
            w.attribute("approved", waiver.approved.map(ISO8601.string))
            w.element("identity-pattern", waiver.identityPattern)
            w.element("justification", waiver.justification)
            w.element("owner", waiver.owner)
            w.element("approved-by", waiver.approvedBy)
            w.element("reference", waiver.reference)
            waiver.matchedFindings.forEach { w.element("matched-finding", $0) }
            w.end()
        }
        w.end()
    }

    private static func writeAttestations(_ attestations: [AttestationRecord], _ w: XMLStreamWriter) {
        w.start("attestations")
        for attestation in attestations {
            w.start("attestation")
            w.attribute("evidence-sha256", attestation.evidenceSha256)
            w.attribute("attested-at", ISO8601.string(from: attestation.attestedAt))
            w.attribute("expires", attestation.expires.map(ISO8601.string))
            w.attribute("active", String(attestation.active))
            attestation.controls.forEach { w.element("control", $0) }
            w.element("statement", attestation.statement)
            w.element("evidence-file", attestation.evidenceFile)
            w.element("attested-by", attestation.attestedBy)
            w.end()
        }
        w.end()
    }

    private static func writeAuthority(_ rows: [AuthoritySummary], _ w: XMLStreamWriter) {
        w.start("authority")
        for row in rows {
            w.start("identity")
            w.attribute("id", row.identity.rawValue)
            w.attribute("dual-use", String(row.dualUse))
            w.attribute("can-deliver", String(row.canDeliver))
            w.attribute("can-operate", String(row.canOperate))
            w.attribute("delivery", String(row.delivery))
            w.attribute("operations", String(row.operations))
            w.attribute("identity-admin", String(row.identityAdmin))
            w.attribute("read", String(row.read))
            w.element("name", row.name)
            row.environments.sorted().forEach { w.element("environment", $0) }
            w.end()
        }
        w.end()
    }

    private static func writeLedger(_ ledger: IngestLedger, _ w: XMLStreamWriter) {
        w.start("ledger")
        w.attribute("read", String(ledger.totalRead))
        w.attribute("accepted", String(ledger.totalAccepted))
        w.attribute("rejected", String(ledger.totalRejected))
        for entry in ledger.entries {
            w.start("file")
            w.attribute("path", entry.file)
            w.attribute("format", entry.format)
            w.attribute("sha256", entry.sha256)
            w.attribute("size", String(max(entry.size, 0)))
            w.attribute("status", entry.status.rawValue)
            w.attribute("read", String(entry.read))
            w.attribute("accepted", String(entry.accepted))
            w.attribute("rejected", String(entry.rejected))
            w.attribute("link", entry.link)
            w.attribute("first-record-at", entry.firstRecordAt.map(ISO8601.string))
            w.attribute("last-record-at", entry.lastRecordAt.map(ISO8601.string))
            for rejection in entry.rejections {
                w.start("rejection")
                w.attribute("reason", rejection.reason)
                w.attribute("count", String(rejection.count))
                rejection.locators.forEach { w.element("locator", $0) }
                w.end()
            }
            entry.notes.forEach { w.element("note", $0) }
            w.element("error", entry.error)
            w.end()
        }
        for skipped in ledger.skipped {
            w.empty("skipped", attributes: [("path", skipped.file), ("reason", skipped.reason)])
        }
        w.end()
    }

    private static func writeTrend(_ points: [TrendPoint], _ w: XMLStreamWriter) {
        w.start("trend")
        for point in points {
            w.start("point")
            w.attribute("label", point.label)
            w.attribute("generated-at", ISO8601.string(from: point.generatedAt))
            for framework in point.satisfiedShare.keys.sorted() {
                w.empty(
                    "satisfied-share",
                    attributes: [("framework", framework), ("value", share(point.satisfiedShare[framework] ?? 0))])
            }
            for severity in point.openFindings.keys.sorted() {
                w.empty(
                    "open-findings",
                    attributes: [("severity", severity), ("count", String(point.openFindings[severity] ?? 0))])
            }
            w.end()
        }
        w.end()
    }
}

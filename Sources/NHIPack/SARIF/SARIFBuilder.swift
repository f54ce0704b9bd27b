import Foundation
import NHIModel

/// A rule as the SARIF log describes it: the caller supplies the registry's text and the controls
/// the mappings assign it (this stage does not read rules or mappings itself).
public struct SARIFRule: Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var rationale: String
    public var remediation: String
    /// `FRAMEWORK:CONTROL` for every control whose mapping lists the rule.
    public var controls: [String]

    public init(
        id: String, title: String, severity: Severity, rationale: String, remediation: String, controls: [String]
    ) {
        self.id = id; self.title = title; self.severity = severity
        self.rationale = rationale; self.remediation = remediation; self.controls = controls
    }
}

/// `findings --format sarif`: one rule per nhi-audit rule, one result per finding (waived ones
/// carry an accepted suppression), located at the finding's evidence. Evidence paths are made
/// relative to `evidencePrefix` (the evidence folder as given), so a folder inside a repository
/// checkout gives repository-relative locations that code scanning can show.
public enum SARIFBuilder {
    /// The `partialFingerprints` key: the finding id is stable across runs on the same subject.
    public static let fingerprintKey = "nhiAuditFindingId/v1"

    /// The log of `results`' findings as pretty JSON into `sink`, its results a chunk at a time
    /// (`PrettyJSONList`): a large estate's log is never held whole.
    ///
    /// A finding without evidence records (an environment with no audit log, say) is located at
    /// `folderFile` (the evidence folder's scope.yaml, when it has one) or else at the folder:
    /// code scanning shows no result that has no location.
    public static func write(
        _ results: ResultsDocument, rules: [SARIFRule], evidencePrefix: String, folderFile: String? = nil,
        to sink: (Data) throws -> Void
    ) throws {
        let parts = Parts(results, rules: rules, evidencePrefix: evidencePrefix, folderFile: folderFile)
        // The results list is a member of the run, in the log's runs: `{ runs: [ { results: [] } ] }`.
        try PrettyJSONList.write(
            parts.shell, list: "results", depth: 3, count: parts.findings.count, elements: parts.results, to: sink)
    }

    /// A log's parts: every one but its results, and its results made for a range of the
    /// findings in report order.
    struct Parts {
        /// The log with an empty results list.
        let shell: SARIFLog
        let findings: [Finding]
        private let ruleIndex: [String: Int]
        private let evidencePrefix: String
        private let baseURI: String?
        private let folderFile: String?

        init(_ results: ResultsDocument, rules: [SARIFRule], evidencePrefix: String, folderFile: String?) {
            let ordered = rules.sorted { $0.id < $1.id }
            // Every finding is reported; one of a rule missing from `rules` just has no ruleIndex.
            ruleIndex = Dictionary(ordered.enumerated().map { ($1.id, $0) }) { first, _ in first }
            findings = Finding.inReportOrder(results.findings)
            self.evidencePrefix = evidencePrefix
            baseURI = evidencePrefix.hasPrefix("/") ? nil : "%SRCROOT%"
            self.folderFile = folderFile
            let driver = SARIFLog.Driver(
                name: results.tool.name, version: results.tool.version, semanticVersion: results.tool.version,
                rules: ordered.map(descriptor))
            shell = SARIFLog(runs: [SARIFLog.Run(tool: SARIFLog.Tool(driver: driver), results: [])])
        }

        func results(_ positions: Range<Int>) -> [SARIFLog.Result] { findings[positions].map(result) }

        private func result(_ finding: Finding) -> SARIFLog.Result {
            SARIFLog.Result(
                ruleId: finding.rule, ruleIndex: ruleIndex[finding.rule], level: level(finding.severity),
                message: SARIFLog.Message(text: "\(finding.subject): \(finding.summary)"),
                locations: finding.evidence.isEmpty
                    ? [folderLocation(folderFile, prefix: evidencePrefix, baseURI: baseURI)]
                    : finding.evidence.sorted().map { location($0, prefix: evidencePrefix, baseURI: baseURI) },
                partialFingerprints: [fingerprintKey: finding.id],
                suppressions: finding.isOpen ? nil : [suppression(finding)],
                properties: SARIFLog.ResultProperties(
                    findingId: finding.id, subject: finding.subject,
                    environment: finding.environment, severity: finding.severity.rawValue))
        }
    }

    static func descriptor(_ rule: SARIFRule) -> SARIFLog.ReportingDescriptor {
        let controls = rule.controls.sorted()
        let mapped = controls.isEmpty ? "" : "\n\nMapped controls: " + controls.joined(separator: ", ")
        return SARIFLog.ReportingDescriptor(
            id: rule.id, name: pascalCase(rule.title),
            shortDescription: SARIFLog.Message(text: rule.title),
            fullDescription: SARIFLog.Message(text: rule.rationale.isEmpty ? rule.title : rule.rationale),
            help: SARIFLog.Message(
                text: "Why it matters: \(rule.rationale)\n\nRemediation: \(rule.remediation)\(mapped)",
                markdown: "**Why it matters:** \(rule.rationale)\n\n**Remediation:** \(rule.remediation)\(mapped)"),
            defaultConfiguration: SARIFLog.Configuration(level: level(rule.severity)),
            properties: SARIFLog.RuleProperties(
                tags: ["security", "non-human-identity"] + controls, controls: controls,
                securitySeverity: securitySeverity(rule.severity)))
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    /// GitHub's scale (over 9 critical, 7-8.9 high, 4-6.9 medium, under 4 low); informational rules have none.
    static func securitySeverity(_ severity: Severity) -> String? {
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        case .info: return nil
        }
    }

    static func location(_ evidence: EvidenceRef, prefix: String, baseURI: String?) -> SARIFLog.Location {
        let path =
            prefix.isEmpty || prefix == "."
            ? evidence.file
            : (prefix.hasSuffix("/") ? prefix : prefix + "/") + evidence.file
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        let uri = baseURI == nil ? "file://" + encode(trimmed) : encode(trimmed)
        let extra =
            evidence.record == nil && evidence.pointer == nil
            ? nil : SARIFLog.LocationProperties(record: evidence.record, pointer: evidence.pointer)
        return SARIFLog.Location(
            physicalLocation: SARIFLog.PhysicalLocation(
                artifactLocation: SARIFLog.ArtifactLocation(uri: uri, uriBaseId: baseURI),
                region: evidence.line.map { SARIFLog.Region(startLine: max($0, 1)) }),
            properties: extra)
    }

    static func folderLocation(_ file: String?, prefix: String, baseURI: String?) -> SARIFLog.Location {
        var location = location(EvidenceRef(file: file ?? "", sha256: ""), prefix: prefix, baseURI: baseURI)
        location.message = SARIFLog.Message(
            text: "no single evidence record: the finding concerns the evidence folder's scope as a whole")
        return location
    }

    /// Percent-encodes each path segment, so a file named with spaces, `#` or `?` stays one valid URI reference.
    static func encode(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#%")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }

    static func suppression(_ finding: Finding) -> SARIFLog.Suppression {
        let waiver = finding.waiver
        let until = waiver.map { ISO8601.string(from: $0.expires) } ?? "?"
        return SARIFLog.Suppression(
            kind: "external", status: "accepted",
            justification: "waived by \(waiver?.waiverId ?? "?") until \(until)")
    }

    static func pascalCase(_ title: String) -> String {
        title.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

import Foundation
import NHIModel

/// CloudTrail logs that cannot prove they are the logs CloudTrail delivered: files changed,
/// deleted or never digested, digests missing, out of chain or with a bad signature.
public struct LogIntegrityRule: Rule {
    public let id = "log-integrity"
    public let title = "CloudTrail logs not proven intact by their digests"
    public let severity = Severity.high
    public let rationale =
        "Every other finding about who delivered, operated, approved or recovered rests on the audit log; a log that can be changed or thinned without detection proves nothing. CloudTrail's signed, chained digests are what shows it was not."
    public let remediation =
        "Keep log file validation on for every trail, deny deletes and overwrites on the log bucket (S3 Object Lock), export the digests with their signature metadata and the public keys, and investigate any changed or missing file as a security incident."
    public let inputs: [InputKind] = [.logDigests]

    /// An hour without a digest: CloudTrail delivers one per trail and region every hour, even
    /// when no log file was delivered in it.
    static let uncoveredLimit: TimeInterval = 3_600
    static let listed = 10

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        guard let integrity = context.inventory.logIntegrity else { return [] }
        return logFileFindings(integrity, context) + digestFindings(integrity, context)
    }

    private func logFileFindings(_ integrity: LogIntegrity, _ context: RuleContext) -> [Finding] {
        let problems: [LogFileCheck.Status: (Severity, String)] = [
            .changed: (.critical, "changed after delivery (SHA-256 of the content differs from the digest's)"),
            .absent: (.high, "listed in a digest but missing from the evidence"),
            .unlisted: (.high, "in no digest of the evidence"),
        ]
        let groups = Dictionary(grouping: integrity.logFiles.filter { problems[$0.status] != nil }) {
            "\($0.stream)\u{1F}\($0.status.rawValue)"
        }
        return groups.values.map { files in
            let first = files[0], (level, wording) = problems[first.status]!
            return finding(
                context, subject: "cloudtrail \(first.stream)", scope: first.status.rawValue,
                environment: first.environment,
                severity: level,
                summary: "\(files.count) CloudTrail log file(s) of \(first.stream) \(wording)",
                details: [
                    "problem": first.status.rawValue, "count": String(files.count),
                    "files": Self.sample(files.map(\.file)), "digests": Detail.list(files.compactMap(\.digest)),
                ],
                evidence: files.prefix(Self.listed).map(\.evidence))
        }
    }

    private func digestFindings(_ integrity: LogIntegrity, _ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let period = context.inventory.scope.period
        for (chain, digests) in Dictionary(grouping: integrity.digests, by: \.chain) {
            let sorted = digests.sorted { ($0.start, $0.file) < ($1.start, $1.file) }
            let environment = sorted.compactMap(\.environment).first
            func add(
                _ scope: String, _ level: Severity, _ summary: String, _ items: [DigestCheck],
                _ extra: [String: String] = [:]
            ) {
                findings.append(
                    finding(
                        context, subject: "cloudtrail-digest \(chain)", scope: scope, environment: environment,
                        severity: level,
                        summary: summary,
                        details: extra.merging([
                            "problem": scope, "count": String(items.count),
                            "digests": Self.sample(items.map(\.file)),
                        ]) { mine, _ in mine },
                        evidence: items.prefix(Self.listed).map(\.evidence)))
            }
            let invalid = sorted.filter { $0.signature == .invalid }
            if !invalid.isEmpty {
                add(
                    "bad-signature", .critical, "\(invalid.count) digest(s) of \(chain) fail signature verification",
                    invalid)
            }
            let unverified = sorted.filter { [.noSignature, .noPublicKey, .notChecked].contains($0.signature) }
            if !unverified.isEmpty {
                let reasons = Detail.list(unverified.map(\.signature.rawValue))
                add(
                    "signature-not-verified", .medium,
                    "\(unverified.count) digest(s) of \(chain) could not be verified (\(reasons))", unverified,
                    ["reasons": reasons])
            }
            let tampered = sorted.filter { [.previousHashMismatch, .previousSignatureMismatch].contains($0.link) }
            if !tampered.isEmpty {
                add(
                    "broken-chain", .critical,
                    "\(tampered.count) digest(s) of \(chain) do not match the previous digest they record", tampered,
                    ["links": Detail.list(tampered.map(\.link.rawValue))])
            }
            // A missing previous digest matters inside the period; the first digest of the period points before it.
            let orphaned = sorted.filter { digest in
                digest.link == .previousMissing
                    && (period.map { digest.start.timeIntervalSince($0.start) > Self.uncoveredLimit }
                        ?? (digest != sorted[0]))
            }
            if !orphaned.isEmpty {
                add(
                    "previous-digest-missing", .high,
                    "\(orphaned.count) digest(s) of \(chain) name a previous digest the evidence lacks", orphaned)
            }
            let gaps = Self.uncovered(sorted, period: period)
            if !gaps.isEmpty {
                let text = gaps.map { "\(Detail.time($0.start)) to \(Detail.time($0.end))" }
                add(
                    "digests-missing", .high,
                    "No digest of \(chain) covers \(text[0])" + (gaps.count > 1 ? " (and \(gaps.count - 1) more)" : ""),
                    sorted.filter { digest in
                        gaps.contains {
                            abs(digest.end.timeIntervalSince($0.start)) < 1
                                || abs(digest.start.timeIntervalSince($0.end)) < 1
                        }
                    },
                    ["uncovered": text.joined(separator: "; ")])
            }
        }
        return findings
    }

    /// Stretches longer than an hour that no digest covers: inside the period (or between the first
    /// and last digest when the scope declares none).
    static func uncovered(_ digests: [DigestCheck], period: DateInterval?) -> [DateInterval] {
        guard let first = digests.first else { return [] }
        var cursor = period?.start ?? first.start
        var gaps: [DateInterval] = []
        for digest in digests {
            if digest.start.timeIntervalSince(cursor) > uncoveredLimit {
                gaps.append(DateInterval(start: cursor, end: digest.start))
            }
            cursor = max(cursor, digest.end)
        }
        if let period, period.end.timeIntervalSince(cursor) > uncoveredLimit {
            gaps.append(DateInterval(start: cursor, end: period.end))
        }
        return gaps
    }

    private static func sample(_ values: [String]) -> String {
        let sorted = Set(values).sorted()
        return sorted.prefix(listed).joined(separator: ", ")
            + (sorted.count > listed ? " (and \(sorted.count - listed) more)" : "")
    }

    // MARK: Examples

    static let chain = "111122223333 eu-west-1 org-trail"
    static let stream = "111122223333 eu-west-1"

    static func digest(
        _ name: String, _ from: String, _ to: String, signature: DigestCheck.Signature = .valid,
        link: DigestCheck.Link = .linked
    ) -> DigestCheck {
        DigestCheck(
            file: "cloudtrail-digest/\(name).json.gz", chain: chain, environment: "production",
            start: ExampleKit.date(from), end: ExampleKit.date(to), signature: signature, link: link,
            evidence: EvidenceRef(file: "cloudtrail-digest/\(name).json.gz", sha256: ExampleKit.evidence.sha256))
    }

    static func log(_ name: String, _ status: LogFileCheck.Status) -> LogFileCheck {
        LogFileCheck(
            file: "cloudtrail/\(name).json.gz", stream: stream, environment: "production", status: status,
            digest: status == .unlisted ? nil : "cloudtrail-digest/q4.json.gz",
            evidence: EvidenceRef(file: "cloudtrail/\(name).json.gz", sha256: ExampleKit.evidence.sha256))
    }

    /// The quarter covered by two chained digests, both signed, and the log files they list.
    static func intact(
        logs: [LogFileCheck] = [log("a", .verified), log("b", .verified)],
        digests: [DigestCheck] = [
            digest("oct-nov", "2026-10-01T00:10:00Z", "2026-11-15T00:00:00Z", link: .chainStart),
            digest("nov-dec", "2026-11-15T00:00:00Z", "2026-12-31T23:40:00Z"),
        ]
    ) -> Inventory {
        var inventory = ExampleKit.inventory()
        inventory.logIntegrity = LogIntegrity(digests: digests, logFiles: logs, publicKeysProvided: true)
        return inventory
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "a log file changed after delivery",
                Self.intact(logs: [Self.log("a", .verified), Self.log("b", .changed)])),
            RuleExample(
                "a log file no digest lists", Self.intact(logs: [Self.log("a", .verified), Self.log("c", .unlisted)])),
            RuleExample(
                "a listed log file deleted", Self.intact(logs: [Self.log("a", .verified), Self.log("b", .absent)])),
            RuleExample(
                "a digest whose signature fails",
                Self.intact(digests: [
                    Self.digest("oct-nov", "2026-10-01T00:10:00Z", "2026-11-15T00:00:00Z", link: .chainStart),
                    Self.digest("nov-dec", "2026-11-15T00:00:00Z", "2026-12-31T23:40:00Z", signature: .invalid),
                ])),
            RuleExample(
                "a digest that does not match the previous one",
                Self.intact(digests: [
                    Self.digest("oct-nov", "2026-10-01T00:10:00Z", "2026-11-15T00:00:00Z", link: .chainStart),
                    Self.digest("nov-dec", "2026-11-15T00:00:00Z", "2026-12-31T23:40:00Z", link: .previousHashMismatch),
                ])),
            RuleExample(
                "three days of December without a digest",
                Self.intact(digests: [
                    Self.digest("oct-dec", "2026-10-01T00:10:00Z", "2026-12-01T00:00:00Z", link: .chainStart),
                    Self.digest("dec", "2026-12-04T00:00:00Z", "2026-12-31T23:40:00Z", link: .chainStart),
                ])),
            RuleExample(
                "a digest whose previous digest was removed",
                Self.intact(digests: [
                    Self.digest("oct-nov", "2026-10-01T00:10:00Z", "2026-11-15T00:00:00Z", link: .chainStart),
                    Self.digest("nov-dec", "2026-11-15T00:00:00Z", "2026-12-31T23:40:00Z", link: .previousMissing),
                ])),
            RuleExample(
                "signatures not checked without public keys",
                Self.intact(digests: [
                    Self.digest(
                        "q4", "2026-10-01T00:10:00Z", "2026-12-31T23:40:00Z", signature: .notChecked, link: .chainStart)
                ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample("every log file verified, digests chained and signed over the quarter", Self.intact()),
            RuleExample(
                "the first digest of the period points to one of the previous quarter",
                Self.intact(digests: [
                    Self.digest("oct-nov", "2026-10-01T00:10:00Z", "2026-11-15T00:00:00Z", link: .previousMissing),
                    Self.digest("nov-dec", "2026-11-15T00:00:00Z", "2026-12-31T23:40:00Z"),
                ])),
            RuleExample(
                "a chain restarted without a gap",
                Self.intact(digests: [
                    Self.digest("oct-nov", "2026-10-01T00:10:00Z", "2026-11-15T00:00:00Z", link: .chainStart),
                    Self.digest("nov-dec", "2026-11-15T00:30:00Z", "2026-12-31T23:40:00Z", link: .chainStart),
                ])),
        ]
    }
}

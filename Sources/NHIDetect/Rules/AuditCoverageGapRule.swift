import Foundation
import NHIModel

/// In-scope environments whose audit trail is missing or has holes, or has none for a declared
/// account, cluster or repository.
public struct AuditCoverageGapRule: Rule {
    public let id = "audit-coverage-gap"
    public let title = "In-scope environment without audit coverage"
    public let severity = Severity.high
    public let rationale =
        "Every other activity rule is blind where the audit log is missing: who deployed, who recovered and who approved cannot be shown."
    public let remediation =
        "Export the environment's audit log for the whole period (CloudTrail organisation trail, Kubernetes audit policy, GitHub audit log streaming) and keep it immutable."
    public let inputs: [InputKind] = [.auditLog, .scope]
    /// It judges environments' audit coverage, not identities: an account without an audit log is its finding, not a gap in its evaluation.
    public let platforms: [Platform]? = []
    public let thresholds: [PolicyField] = [\.auditGapHours]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let gapLimit = context.policy.auditGapHours * 3_600
        let period = context.inventory.scope.period
        var findings: [Finding] = []
        for environment in context.inventory.scope.environments {
            let coverage = context.inventory.auditCoverage.filter {
                $0.environment == environment.name && $0.events > 0
            }
            var problems: [String] = []
            if coverage.isEmpty {
                problems.append("no audit source covers \(environment.name)")
            } else {
                // By account, whatever environment its events fell in: an organisation's GitHub
                // audit log covers every repository of it, those without events too.
                for target in context.inventory.scope.declaredTargets
                where target.environment == environment.name
                    && !context.inventory.auditCoverage.contains(where: {
                        $0.events > 0 && $0.platform == target.platform && ($0.account ?? "") == target.account
                    })
                {
                    problems.append("no audit source covers \(target.label)")
                }
            }
            for source in coverage.sorted(by: { ($0.platform, $0.account ?? "") < ($1.platform, $1.account ?? "") }) {
                let label = "\(source.platform.rawValue)\(source.account.map { " \($0)" } ?? "")"
                for gap in source.gaps where gap.duration > gapLimit {
                    problems.append("\(label): no events from \(Detail.time(gap.start)) to \(Detail.time(gap.end))")
                }
                if let period, let first = source.firstEvent, first.timeIntervalSince(period.start) > gapLimit {
                    problems.append(
                        "\(label): first event \(Detail.time(first)), period starts \(Detail.time(period.start))")
                }
                if let period, let last = source.lastEvent, period.end.timeIntervalSince(last) > gapLimit {
                    problems.append("\(label): last event \(Detail.time(last)), period ends \(Detail.time(period.end))")
                }
            }
            guard !problems.isEmpty else { continue }
            findings.append(
                finding(
                    context, subject: environment.name, scope: "audit", environment: environment.name,
                    severity: environment.production ? severity : .medium,
                    summary: "Audit coverage of \(environment.name) is incomplete: \(problems[0])"
                        + (problems.count > 1 ? " (and \(problems.count - 1) more)" : ""),
                    details: [
                        "problems": problems.joined(separator: "; "),
                        "sources": Detail.list(coverage.flatMap(\.files)),
                    ]))
        }
        return findings
    }

    private static func coverage(
        _ environment: String, platform: Platform = .aws, account: String? = nil,
        from: String = "2026-10-01T00:05:00Z", to: String = "2026-12-31T23:50:00Z",
        gaps: [DateInterval] = []
    ) -> AuditCoverage {
        let account =
            account ?? (environment == "production" ? ExampleKit.productionAccount : ExampleKit.stagingAccount)
        return AuditCoverage(
            environment: environment, platform: platform, account: account,
            firstEvent: ExampleKit.date(from), lastEvent: ExampleKit.date(to), events: 1_000, gaps: gaps,
            files: ["cloudtrail/"])
    }

    /// The production cluster's audit log (ExampleKit's scope declares cluster prod-eu-1 in production).
    private static let clusterLog = coverage("production", platform: .kubernetes, account: "prod-eu-1")

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "staging has no audit source",
                ExampleKit.inventory(coverage: [Self.coverage("production"), Self.clusterLog])),
            RuleExample(
                "three silent days in production",
                ExampleKit.inventory(coverage: [
                    Self.coverage(
                        "production",
                        gaps: [DateInterval(start: ExampleKit.date("2026-11-01"), end: ExampleKit.date("2026-11-04"))]),
                    Self.clusterLog, Self.coverage("staging"),
                ])),
            RuleExample(
                "log starts in November",
                ExampleKit.inventory(coverage: [
                    Self.coverage("production", from: "2026-11-15T00:00:00Z"), Self.clusterLog,
                    Self.coverage("staging"),
                ])),
            RuleExample(
                "the production cluster declared in scope has no audit log",
                ExampleKit.inventory(coverage: [
                    Self.coverage("production"), Self.coverage("staging"),
                ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "every declared account and cluster covered for the whole period",
                ExampleKit.inventory(coverage: [
                    Self.coverage("production"), Self.clusterLog, Self.coverage("staging"),
                ])),
            RuleExample(
                "a two-hour gap is within the policy",
                ExampleKit.inventory(coverage: [
                    Self.coverage(
                        "production",
                        gaps: [
                            DateInterval(
                                start: ExampleKit.date("2026-11-01T01:00:00Z"),
                                end: ExampleKit.date("2026-11-01T03:00:00Z"))
                        ]),
                    Self.clusterLog, Self.coverage("staging"),
                ])),
        ]
    }
}

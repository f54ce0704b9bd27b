import Foundation
import NHIModel

/// Break-glass access must be dormant and short: no standing keys, no long sessions.
public struct BreakGlassStandingAccessRule: Rule {
    public let id = "break-glass-standing-access"
    public let title = "Break-glass identity with standing access"
    public let severity = Severity.high
    public let rationale =
        "Break-glass exists for emergencies; a long-lived credential or long session turns it into an unreviewed back door."
    public let remediation =
        "Remove static credentials from break-glass identities; issue time-bound credentials on incident declaration and cap sessions at the policy's maximum."
    public let inputs: [InputKind] = [.inventory, .owners]
    public let thresholds: [PolicyField] = [\.breakGlassMaxSessionHours, \.breakGlassNamePatterns]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let maxSession = context.policy.breakGlassMaxSessionHours * 3_600
        var findings: [Finding] = []
        // Identities read in place, by position, until one is break-glass: a copy retains each of its fields.
        let identities = context.inventory.identities
        for position in identities.indices
        where identities[position].inInventory && context.isBreakGlass(identities[position].id) {
            let identity = identities[position]
            var reasons: [String] = []
            var evidence = identity.evidence
            for credential in identity.credentials where credential.active && credential.kind != .password {
                guard let expires = credential.expiresAt else {
                    reasons.append("active \(credential.kind.rawValue) \(credential.id) without expiry")
                    evidence += credential.evidence
                    continue
                }
                if expires.timeIntervalSince(credential.issuedAt ?? context.asOf) > maxSession {
                    reasons.append(
                        "active \(credential.kind.rawValue) \(credential.id) valid longer than \(Int(context.policy.breakGlassMaxSessionHours)) h"
                    )
                    evidence += credential.evidence
                }
            }
            if let raw = identity.attributes["maxSessionDuration"], let seconds = Double(raw), seconds > maxSession {
                reasons.append(
                    "maximum session \(Int(seconds / 3_600)) h exceeds \(Int(context.policy.breakGlassMaxSessionHours)) h"
                )
            }
            guard !reasons.isEmpty else { continue }
            findings.append(
                finding(
                    context, subject: identity.id.rawValue,
                    summary:
                        "Break-glass identity \(identity.name) has standing access: \(reasons.sorted().joined(separator: "; "))",
                    details: ["reasons": reasons.sorted().joined(separator: "; ")], evidence: evidence))
        }
        return findings
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "break-glass user (owners.csv) with an access key",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "oncall-admin", owner: "sre@example.com", purpose: .breakGlass,
                            credentials: [ExampleKit.accessKey("AKIAEXAMPLE1", created: "2026-06-01")])
                    ])),
            RuleExample(
                "break-glass by name with a 12 h session",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("break-glass-admin", attributes: ["maxSessionDuration": "43200"])])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "break-glass role with a 1 h session and no keys",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("break-glass-admin", attributes: ["maxSessionDuration": "3600"])])),
            RuleExample(
                "ordinary user with a key",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci", credentials: [ExampleKit.accessKey("AKIAEXAMPLE2", created: "2026-06-01")])
                    ])),
            RuleExample(
                "break-glass key deactivated",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "oncall-admin", purpose: .breakGlass,
                            credentials: [ExampleKit.accessKey("AKIAEXAMPLE3", created: "2026-06-01", active: false)])
                    ])),
        ]
    }
}

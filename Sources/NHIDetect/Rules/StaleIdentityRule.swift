import Foundation
import NHIModel

/// Active identities and credentials nobody has used for longer than the policy allows.
public struct StaleIdentityRule: Rule {
    public let id = "stale-identity"
    public let title = "Active NHI or credential unused"
    public let severity = Severity.medium
    public let rationale =
        "Unused identities and keys keep their authority and their attack surface while nobody notices their misuse."
    public let remediation =
        "Deactivate and then delete identities and credentials unused for longer than the policy's days, after confirming with the owner."
    public let inputs: [InputKind] = [.inventory]
    public let thresholds: [PolicyField] = [\.staleAfterDays]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let limit = TimeInterval(context.policy.staleAfterDays) * 86_400
        var lastActivity: [IdentityID: Date] = [:]
        for group in context.usedByIdentity {
            lastActivity[group.identity] = group.used.lazy.map(\.record.lastSeen).max()
        }
        var findings: [Finding] = []
        // Identities read in place, by position, until one is judged: a copy retains each of its fields.
        let identities = context.inventory.identities
        for position in identities.indices where identities[position].inInventory && context.judges(at: position) {
            let identity = identities[position]
            let activeCredentials = identity.credentials.filter(\.active)
            if !identity.credentials.isEmpty && activeCredentials.isEmpty { continue }
            var reasons: [String] = []
            var evidence = identity.evidence
            let lastUse = ([identity.lastUsedAt, lastActivity[identity.id]] + identity.credentials.map(\.lastUsedAt))
                .compactMap { $0 }.max()
            if let lastUse, context.asOf.timeIntervalSince(lastUse) > limit {
                reasons.append(
                    "identity last used \(Detail.time(lastUse)) (\(Detail.days(context.asOf.timeIntervalSince(lastUse))) days ago)"
                )
            } else if lastUse == nil, let created = identity.createdAt, context.asOf.timeIntervalSince(created) > limit
            {
                reasons.append("identity never used since its creation on \(Detail.time(created))")
            }
            for credential in activeCredentials {
                let reference = credential.lastUsedAt ?? credential.issuedAt
                guard let reference, context.asOf.timeIntervalSince(reference) > limit else { continue }
                reasons.append(
                    credential.lastUsedAt == nil
                        ? "credential \(credential.id) never used since \(Detail.time(reference))"
                        : "credential \(credential.id) last used \(Detail.time(reference))")
                evidence += credential.evidence
            }
            guard !reasons.isEmpty else { continue }
            findings.append(
                finding(
                    context, subject: identity.id.rawValue,
                    summary:
                        "\(identity.name) is active but unused for more than \(context.policy.staleAfterDays) days",
                    details: ["reasons": reasons.joined(separator: "; ")], evidence: evidence))
        }
        return findings
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "role last used in spring",
                ExampleKit.inventory(identities: [ExampleKit.role("legacy-sync", lastUsed: "2026-04-02")])),
            RuleExample(
                "key never used since creation",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci", credentials: [ExampleKit.accessKey("AKIASTALE", created: "2026-03-01")],
                            lastUsed: "2026-12-20")
                    ])),
            RuleExample(
                "Entra app created in January that never signed in",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.servicePrincipal("44444444-dddd-4eee-8fff-000000000004", name: "legacy-sync")
                    ],
                    activity: [])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "role used in December",
                ExampleKit.inventory(identities: [ExampleKit.role("deploy", lastUsed: "2026-12-20")])),
            RuleExample(
                "old inventory date but recent audit activity",
                ExampleKit.inventory(
                    identities: [ExampleKit.role("deploy", lastUsed: "2026-04-02")],
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.roleID("deploy"), "cloudformation:UpdateStack", at: ["2026-12-15T10:00:00Z"])
                    ])),
            RuleExample(
                "human users are out of scope",
                ExampleKit.inventory(
                    identities: [ExampleKit.user("alice", isHuman: true, lastUsed: "2026-01-02")])),
            RuleExample(
                "deactivated key only",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "old", credentials: [ExampleKit.accessKey("AKIAOFF", created: "2025-01-01", active: false)])
                    ])),
            RuleExample(
                "Entra app that signed in to Microsoft Graph in December",
                ExampleKit.inventory(
                    identities: [ExampleKit.servicePrincipal("44444444-dddd-4eee-8fff-000000000004", name: "sync")],
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.servicePrincipalID("44444444-dddd-4eee-8fff-000000000004"),
                            "sign-in:Microsoft-Graph", platform: .entra, readOnly: true, at: ["2026-12-15T10:00:00Z"])
                    ])),
        ]
    }
}

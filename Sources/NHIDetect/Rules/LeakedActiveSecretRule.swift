import Foundation
import NHIModel

/// Every secret-scanner hit: critical while it matches an active credential, and still a finding
/// when no credential can be matched (owner unknown) or the hit names no credential at all.
public struct LeakedActiveSecretRule: Rule {
    public let id = "leaked-active-secret"
    public let title = "Leaked secret matches an active credential, or matches none"
    public let severity = Severity.critical
    public let rationale =
        "A secret found in code or history is compromised; while its credential is active, anyone with the repository can use it. A secret nobody can tie to a credential (a token of an unknown owner, a private key, a generic secret) may be just as live."
    public let remediation =
        "Deactivate and rotate the credential now, review its use since the leak date, then remove the secret from history; for a secret of unknown owner, find and revoke it at its issuer."
    public let inputs: [InputKind] = [.scannerReport, .inventory]

    public init() {}

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let credentials = LeakCredentialIndex(context)
        var findings: [String: Finding] = [:]
        func add(_ hit: Finding) {
            var hit = hit
            if let existing = findings[hit.id] { hit.evidence = Array(Set(existing.evidence + hit.evidence)).sorted() }
            findings[hit.id] = hit
        }
        for leak in context.inventory.leaks where !Self.closedAsHarmless(leak) {
            let location = [leak.file, leak.line.map(String.init)].compactMap { $0 }.joined(separator: ":")
            var details = [
                "scanner": leak.scanner, "detector": leak.detector, "location": location, "commit": leak.commit ?? "",
                "leaked_at": Detail.time(leak.date),
                "verified_by_scanner": leak.verified.map { $0 ? "yes" : "no" } ?? "unknown",
            ]
            if let resolution = leak.resolution { details["scanner_resolution"] = resolution }
            switch credentials.match(leak) {
            case let .active(identity, credential):
                details["credential"] = credential.id
                add(
                    finding(
                        context, subject: identity.id.rawValue, scope: credential.id,
                        summary:
                            "Active credential \(credential.id) of \(identity.name) was found by \(leak.scanner) (\(leak.detector))",
                        details: details, evidence: [leak.evidence] + credential.evidence))
            case .inactive:
                continue
            case .unknownOwner:
                let named = leak.credentialId ?? leak.detector
                details["credential"] = named
                add(
                    finding(
                        context, subject: Self.subject(leak), scope: leak.fingerprint, severity: .high,
                        summary:
                            "Leaked secret, owner unknown: \(named) found by \(leak.scanner) (\(leak.detector)) matches no credential in the inventory or audit logs",
                        details: details, evidence: [leak.evidence]))
            case .noCredential:
                add(
                    finding(
                        context, subject: Self.subject(leak), scope: leak.fingerprint, severity: .medium,
                        summary:
                            "Leaked secret not tied to an identity: \(leak.detector) found by \(leak.scanner) names no credential",
                        details: details, evidence: [leak.evidence]))
            }
        }
        return Array(findings.values)
    }

    /// Alert resolutions that say the secret opens nothing: revoked at its issuer, or never a live
    /// secret. Any other closing (`wont_fix`, a deleted custom pattern) leaves the secret as live as
    /// it was, so the hit still counts.
    static let harmlessResolutions: Set<String> = ["revoked", "false_positive", "used_in_tests"]

    private static func closedAsHarmless(_ leak: LeakRecord) -> Bool {
        leak.resolution.map(harmlessResolutions.contains) ?? false
    }

    /// Where an untied secret was found; the same secret found again in the same place is one finding.
    private static func subject(_ leak: LeakRecord) -> String {
        "leak:" + (leak.file ?? leak.evidence.file)
    }

    private static func leak(
        _ credentialId: String?, detector: String = "aws-access-token", tokenHash: String? = nil,
        resolution: String? = nil
    ) -> LeakRecord {
        LeakRecord(
            scanner: "gitleaks", detector: detector, file: "deploy/env.sh", line: 3, commit: "abc123",
            fingerprint: String(repeating: "a", count: 64), credentialId: credentialId, tokenHash: tokenHash,
            resolution: resolution,
            evidence: EvidenceRef(file: "scanners/gitleaks.json", sha256: String(repeating: "1", count: 64), record: 0))
    }

    /// base64(SHA-256("ghp_exampleExampleExample")): what GitHub's audit log would call that token.
    static let exampleTokenHash = "Kvb1pN134MItfCxh1PfC0C32P4LTrmw3aau/u5UbjEU="

    /// A GCP service account with one user-managed key, `exampleGCPKey`.
    private static func gcpKeyHolder(active: Bool) -> Identity {
        ExampleKit.identity(
            ExampleKit.gcpServiceAccountID("etl"), platform: .gcp, kind: .serviceAccount,
            name: "etl@example-prod.iam.gserviceaccount.com", account: "example-prod",
            credentials: [
                ExampleKit.accessKey(exampleGCPKey, created: "2026-10-01", active: active, kind: .serviceAccountKey)
            ])
    }
    static let exampleGCPKey = "8f3c1e0d9b7a65432100fedcba9876543210abcd"

    private static func githubToken(hashedToken: String) -> Identity {
        ExampleKit.identity(
            IdentityID("github:example:token:4711"), platform: .github, kind: .token, name: "4711", account: "example",
            credentials: [Credential(id: "4711", kind: .personalAccessToken, hashedToken: hashedToken)])
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "leaked key still active",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci", credentials: [ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01")])
                    ],
                    leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE")])),
            RuleExample(
                "key id seen in use by a user whose report shows an active key",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci", credentials: [ExampleKit.accessKey("access-key-1", created: "2026-10-01")])
                    ],
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.userID("ci"), "s3:PutObject", credentialId: "AKIAIOSFODNN7EXAMPLE")
                    ],
                    leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE")])),
            RuleExample(
                "GitHub token whose hash the audit log shows in use",
                ExampleKit.inventory(
                    identities: [Self.githubToken(hashedToken: Self.exampleTokenHash)],
                    leaks: [Self.leak("ghp_", detector: "github-pat", tokenHash: Self.exampleTokenHash)])),
            RuleExample(
                "GitHub token no audit entry matches (owner unknown)",
                ExampleKit.inventory(
                    identities: [Self.githubToken(hashedToken: "b3RoZXI=")],
                    leaks: [Self.leak("ghp_", detector: "github-pat", tokenHash: Self.exampleTokenHash)])),
            RuleExample(
                "leak of a key no inventory knows (owner unknown)",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user("ci", credentials: [ExampleKit.accessKey("AKIAOTHER", created: "2026-10-01")])
                    ],
                    leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE")])),
            RuleExample(
                "GCP service account key file leaked while the key is enabled",
                ExampleKit.inventory(
                    identities: [Self.gcpKeyHolder(active: true)],
                    leaks: [Self.leak(Self.exampleGCPKey, detector: "gcp-service-account")])),
            RuleExample(
                "private key, tied to no identity",
                ExampleKit.inventory(leaks: [Self.leak(nil, detector: "private-key")])),
            RuleExample(
                "alert closed as won't fix: the secret still opens what it opened",
                ExampleKit.inventory(leaks: [Self.leak(nil, detector: "slack_api_token", resolution: "wont_fix")])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "leaked key already deactivated",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci",
                            credentials: [
                                ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01", active: false)
                            ])
                    ],
                    leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE")])),
            RuleExample(
                "key id seen in use, but the user's keys are all deactivated now",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci",
                            credentials: [ExampleKit.accessKey("access-key-1", created: "2026-10-01", active: false)])
                    ],
                    activity: [
                        ExampleKit.activity(
                            ExampleKit.userID("ci"), "s3:PutObject", credentialId: "AKIAIOSFODNN7EXAMPLE")
                    ],
                    leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE")])),
            RuleExample(
                "GCP service account key leaked after it was disabled",
                ExampleKit.inventory(
                    identities: [Self.gcpKeyHolder(active: false)],
                    leaks: [Self.leak(Self.exampleGCPKey, detector: "gcp-service-account")])),
            RuleExample(
                "alert resolved as revoked at its issuer",
                ExampleKit.inventory(leaks: [Self.leak(nil, detector: "slack_api_token", resolution: "revoked")])),
            RuleExample(
                "alert resolved as a false positive",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci", credentials: [ExampleKit.accessKey("AKIAIOSFODNN7EXAMPLE", created: "2026-10-01")])
                    ],
                    leaks: [Self.leak("AKIAIOSFODNN7EXAMPLE", resolution: "false_positive")])),
            RuleExample(
                "scanner found nothing",
                ExampleKit.inventory(
                    identities: [Self.githubToken(hashedToken: Self.exampleTokenHash)])),
        ]
    }
}

import Foundation
import NHIModel

/// Static secrets past their maximum age, and tokens that never expire.
public struct LongLivedCredentialRule: Rule {
    public let id = "long-lived-credential"
    public let title = "Credential older than the maximum age or without expiry"
    public let severity = Severity.medium
    public let rationale =
        "The longer a secret lives, the more copies of it exist and the longer a leak stays exploitable."
    public let remediation =
        "Rotate the credential now; better, replace it with federation or short-lived tokens (OIDC, IRSA, GitHub App installation tokens, bound service-account tokens)."
    public let inputs: [InputKind] = [.inventory]
    public let thresholds: [PolicyField] = [\.credentialMaxAgeDays]

    /// Token kinds the organisation can give an expiry; without one they never die.
    static let expiringKinds: Set<CredentialKind> = [
        .personalAccessToken, .fineGrainedToken, .serviceAccountToken, .clientSecret,
    ]
    /// Kinds whose lifetime is set when they are created (Entra client secrets): one set beyond the
    /// maximum age is long-lived from its first day.
    static let lifetimeKinds: Set<CredentialKind> = [.clientSecret]

    /// An expired credential no longer authenticates.
    static func usable(_ credential: Credential, at moment: Date) -> Bool {
        guard credential.active, credential.kind != .password else { return false }
        return credential.expiresAt.map { $0 > moment } ?? true
    }

    public init() {}

    /// Active NHI credentials past the maximum age: the identity's id and the credential's. The
    /// identities are read in place, by position: a copy of one retains each of its fields.
    static func pastMaxAge(_ context: RuleContext) -> [(identity: IdentityID, credential: String)] {
        let limit = TimeInterval(context.policy.credentialMaxAgeDays) * 86_400
        let identities = context.inventory.identities
        return identities.indices.filter { context.judges(at: $0) }.flatMap { position in
            identities[position].credentials.filter { credential in
                guard usable(credential, at: context.asOf), let issued = credential.issuedAt else { return false }
                return context.asOf.timeIntervalSince(issued) > limit
            }.map { (identities[position].id, $0.id) }
        }
    }

    public func evaluate(_ context: RuleContext) -> [Finding] {
        let old = Set(Self.pastMaxAge(context).map { "\($0.identity.rawValue)\u{1F}\($0.credential)" })
        var findings: [Finding] = []
        let identities = context.inventory.identities
        for position in identities.indices where context.judges(at: position) {
            for credential in identities[position].credentials where Self.usable(credential, at: context.asOf) {
                var reasons: [String] = []
                if old.contains("\(identities[position].id.rawValue)\u{1F}\(credential.id)"),
                    let issued = credential.issuedAt
                {
                    let days = Detail.days(context.asOf.timeIntervalSince(issued))
                    reasons.append(
                        "\(credential.lastRotatedAt == nil ? "created" : "last rotated") \(Detail.time(issued)), \(days) days ago (maximum \(context.policy.credentialMaxAgeDays))"
                    )
                }
                if Self.expiringKinds.contains(credential.kind) && credential.expiresAt == nil {
                    reasons.append("\(credential.kind.rawValue) without expiry")
                }
                if Self.lifetimeKinds.contains(credential.kind), let issued = credential.issuedAt,
                    let expires = credential.expiresAt,
                    expires.timeIntervalSince(issued) > TimeInterval(context.policy.credentialMaxAgeDays) * 86_400
                {
                    reasons.append(
                        "valid for \(Detail.days(expires.timeIntervalSince(issued))) days, until \(Detail.time(expires)) (maximum \(context.policy.credentialMaxAgeDays))"
                    )
                }
                guard !reasons.isEmpty else { continue }
                findings.append(
                    finding(
                        context, subject: identities[position].id.rawValue, scope: credential.id,
                        summary:
                            "\(identities[position].name): credential \(credential.id) is long-lived (\(reasons.joined(separator: "; ")))",
                        details: [
                            "credential": credential.id, "kind": credential.kind.rawValue,
                            "reasons": reasons.joined(separator: "; "),
                        ],
                        evidence: credential.evidence + identities[position].evidence))
            }
        }
        return findings
    }

    public var triggeringExamples: [RuleExample] {
        [
            RuleExample(
                "access key created in January",
                ExampleKit.inventory(
                    identities: [
                        ExampleKit.user(
                            "ci",
                            credentials: [
                                ExampleKit.accessKey("AKIAOLD", created: "2026-01-05", lastUsed: "2026-12-30")
                            ])
                    ])),
            RuleExample(
                "personal access token without expiry",
                ExampleKit.inventory(identities: [
                    ExampleKit.identity(
                        IdentityID("github:example:token:42"), platform: .github, kind: .token, name: "release-pat",
                        account: "example",
                        credentials: [ExampleKit.accessKey("42", created: "2026-12-01", kind: .personalAccessToken)])
                ])),
            RuleExample(
                "GCP user-managed service account key created in January",
                ExampleKit.inventory(identities: [Self.gcpDeployer(keyCreated: "2026-01-05")])),
            RuleExample(
                "Entra client secret without an end date",
                ExampleKit.inventory(identities: [
                    ExampleKit.servicePrincipal(
                        "11111111-aaaa-4bbb-8ccc-000000000001", name: "payments-deployer",
                        credentials: [ExampleKit.clientSecret("secret-1", start: "2026-12-01", end: nil)])
                ])),
            RuleExample(
                "Entra client secret created in December, valid for two years",
                ExampleKit.inventory(identities: [
                    ExampleKit.servicePrincipal(
                        "11111111-aaaa-4bbb-8ccc-000000000001", name: "payments-deployer",
                        credentials: [ExampleKit.clientSecret("secret-2", start: "2026-12-01", end: "2028-12-01")])
                ])),
        ]
    }

    public var nonTriggeringExamples: [RuleExample] {
        [
            RuleExample(
                "key rotated in November",
                ExampleKit.inventory(identities: [
                    ExampleKit.user(
                        "ci",
                        credentials: [
                            Credential(
                                id: "AKIAFRESH", kind: .accessKey, createdAt: ExampleKit.date("2025-01-01"),
                                lastRotatedAt: ExampleKit.date("2026-11-01"))
                        ])
                ])),
            RuleExample(
                "old key already deactivated",
                ExampleKit.inventory(identities: [
                    ExampleKit.user(
                        "ci", credentials: [ExampleKit.accessKey("AKIAOFF", created: "2025-01-01", active: false)])
                ])),
            RuleExample(
                "Entra client secret valid for 60 days",
                ExampleKit.inventory(identities: [
                    ExampleKit.servicePrincipal(
                        "11111111-aaaa-4bbb-8ccc-000000000001", name: "payments-deployer",
                        credentials: [ExampleKit.clientSecret("secret-3", start: "2026-12-01", end: "2027-01-30")])
                ])),
            RuleExample(
                "Entra client secret that expired in spring",
                ExampleKit.inventory(identities: [
                    ExampleKit.servicePrincipal(
                        "11111111-aaaa-4bbb-8ccc-000000000001", name: "payments-deployer",
                        credentials: [ExampleKit.clientSecret("secret-4", start: "2025-04-01", end: "2026-04-01")])
                ])),
            RuleExample(
                "human's old key (not an NHI)",
                ExampleKit.inventory(identities: [
                    ExampleKit.user(
                        "alice", credentials: [ExampleKit.accessKey("AKIAHUMAN", created: "2025-01-01")], isHuman: true)
                ])),
            RuleExample(
                "GCP user-managed service account key created in December",
                ExampleKit.inventory(identities: [Self.gcpDeployer(keyCreated: "2026-12-01")])),
        ]
    }

    static func gcpDeployer(keyCreated: String) -> Identity {
        let id = ExampleKit.gcpServiceAccountID("deployer")
        return ExampleKit.identity(
            id, platform: .gcp, kind: .serviceAccount, name: "deployer@example-prod.iam.gserviceaccount.com",
            account: "example-prod",
            credentials: [ExampleKit.accessKey("8f3c1e", created: keyCreated, kind: .serviceAccountKey)])
    }
}

import Foundation
import NHIModel

/// Builders for the small in-memory inventories that rules use as examples. Period: Q4 2026;
/// `production` is account 111122223333, `staging` 444455556666.
public enum ExampleKit {
    public static let periodStart = date("2026-10-01T00:00:00Z")
    public static let periodEnd = date("2026-12-31T23:59:59Z")
    public static let productionAccount = "111122223333"
    public static let stagingAccount = "444455556666"

    public static let scope = Scope(
        organisation: "Example", periodStart: periodStart, periodEnd: periodEnd,
        environments: [
            EnvironmentScope(
                name: "production", production: true, awsAccounts: [productionAccount], kubernetes: ["prod-eu-1"]),
            EnvironmentScope(name: "staging", production: false, awsAccounts: [stagingAccount]),
        ], declared: true)

    /// A few patterns of each class, enough for the examples (the shipped ones live in mappings/authority/).
    public static let classifier = AuthorityClassifier(rules: [
        .aws: [
            AuthorityRule(pattern: "ecs:UpdateService", authorityClass: .delivery, whenFields: ["taskDefinition"]),
            AuthorityRule(
                pattern: "ecs:UpdateService", authorityClass: .operations,
                onlyFields: ["desiredCount", "forceNewDeployment"],
                identifyingFields: ["cluster", "service"]),
            AuthorityRule(pattern: "cloudformation:UpdateStack", authorityClass: .delivery),
            AuthorityRule(pattern: "lambda:UpdateFunctionCode", authorityClass: .delivery),
            AuthorityRule(pattern: "autoscaling:SetDesiredCapacity", authorityClass: .operations),
            AuthorityRule(pattern: "rds:FailoverDBCluster", authorityClass: .operations),
            AuthorityRule(pattern: "iam:CreateAccessKey", authorityClass: .identityAdmin),
            AuthorityRule(pattern: "cloudtrail:StopLogging", authorityClass: .auditControl),
            AuthorityRule(pattern: "cloudtrail:PutEventSelectors", authorityClass: .auditControl),
            AuthorityRule(pattern: "cloudtrail:StartLogging", authorityClass: .other),
            AuthorityRule(pattern: "*:Describe*", authorityClass: .read),
        ],
        .kubernetes: [
            AuthorityRule(
                pattern: "patch apps/deployments", authorityClass: .operations, onlyFields: ["patch:restartedAt-only"]),
            AuthorityRule(
                pattern: "patch apps/deployments", authorityClass: .delivery, whenFields: ["patch:pod-template"]),
            AuthorityRule(pattern: "update apps/deployments/scale", authorityClass: .operations),
            AuthorityRule(pattern: "get *", authorityClass: .read),
        ],
        .github: [
            AuthorityRule(pattern: "audit_log_streaming.destroy", authorityClass: .auditControl)
        ],
        .gcp: [
            AuthorityRule(pattern: "run:*.Services.ReplaceService", authorityClass: .delivery),
            AuthorityRule(pattern: "compute:*.compute.instanceGroupManagers.resize", authorityClass: .operations),
        ],
        .entra: [
            AuthorityRule(pattern: "sign-in:*", authorityClass: .other)
        ],
    ])

    /// A GCP service account of the example project.
    public static func gcpServiceAccountID(_ name: String) -> IdentityID {
        IdentityID("gcp:example-prod:serviceaccount:\(name)@example-prod.iam.gserviceaccount.com")
    }

    public static func date(_ text: String) -> Date { ISO8601.parse(text)! }

    public static let evidence = EvidenceRef(
        file: "example/export.json", sha256: String(repeating: "0", count: 64), line: 1)

    public static func roleID(_ name: String, account: String = productionAccount) -> IdentityID {
        IdentityID("arn:aws:iam::\(account):role/\(name)")
    }

    public static func userID(_ name: String, account: String = productionAccount) -> IdentityID {
        IdentityID("arn:aws:iam::\(account):user/\(name)")
    }

    public static func role(
        _ name: String, account: String = productionAccount, environments: [String] = ["production"],
        owner: String? = nil, purpose: IdentityPurpose? = nil, attributes: [String: String] = [:],
        credentials: [Credential] = [], inInventory: Bool = true, lastUsed: String? = nil,
        created: String? = "2026-01-01"
    ) -> Identity {
        identity(
            roleID(name, account: account), kind: .role, name: name, account: account, environments: environments,
            owner: owner, purpose: purpose, attributes: attributes, credentials: credentials,
            inInventory: inInventory, lastUsed: lastUsed, created: created)
    }

    public static func user(
        _ name: String, account: String = productionAccount, environments: [String] = ["production"],
        owner: String? = nil, purpose: IdentityPurpose? = nil, credentials: [Credential] = [],
        isHuman: Bool = false, lastUsed: String? = nil, created: String? = "2026-01-01"
    ) -> Identity {
        var user = identity(
            userID(name, account: account), kind: .user, name: name, account: account,
            environments: environments, owner: owner, purpose: purpose, credentials: credentials,
            lastUsed: lastUsed, created: created)
        user.isHuman = isHuman
        return user
    }

    public static func identity(
        _ id: IdentityID, platform: Platform = .aws, kind: IdentityKind, name: String,
        account: String? = productionAccount, environments: [String] = ["production"],
        owner: String? = nil, purpose: IdentityPurpose? = nil, attributes: [String: String] = [:],
        credentials: [Credential] = [], inInventory: Bool = true, lastUsed: String? = nil,
        created: String? = "2026-01-01"
    ) -> Identity {
        Identity(
            id: id, platform: platform, kind: kind, name: name, account: account, inInventory: inInventory,
            environments: environments, createdAt: created.map(date), lastUsedAt: lastUsed.map(date),
            attributes: attributes,
            owner: owner.map { OwnerRecord(identityRef: id.rawValue, owner: $0, purpose: purpose) },
            credentials: credentials, evidence: [evidence])
    }

    /// The Entra tenant of the examples' production environment.
    public static let entraTenant = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"

    public static func servicePrincipalID(_ appId: String, tenant: String = entraTenant) -> IdentityID {
        IdentityID("entra:\(tenant):serviceprincipal:\(appId)")
    }

    /// An Entra application's service principal (a managed identity with `managed`).
    public static func servicePrincipal(
        _ appId: String, name: String, managed: Bool = false, owner: String? = nil, credentials: [Credential] = [],
        lastUsed: String? = nil, created: String? = "2026-01-01", platformService: Bool = false
    ) -> Identity {
        var principal = identity(
            servicePrincipalID(appId), platform: .entra, kind: managed ? .serviceAccount : .app, name: name,
            account: entraTenant, owner: owner, credentials: credentials, lastUsed: lastUsed, created: created)
        principal.isPlatformService = platformService
        return principal
    }

    /// An Entra application `deployer` signing in to Microsoft Graph and Azure Resource Manager in
    /// its own tenant: tokens, which show neither delivery nor operations nor another environment.
    public static func entraSignInsOnly() -> Inventory {
        let appId = "11111111-aaaa-4bbb-8ccc-000000000001"
        return inventory(
            identities: [servicePrincipal(appId, name: "deployer")],
            activity: [
                activity(servicePrincipalID(appId), "sign-in:Microsoft-Graph", platform: .entra, readOnly: true),
                activity(
                    servicePrincipalID(appId), "sign-in:Windows-Azure-Service-Management-API", platform: .entra,
                    readOnly: true),
            ])
    }

    /// An Entra client secret from `start` to `end` (nil: no end date).
    public static func clientSecret(_ keyId: String, start: String, end: String?) -> Credential {
        Credential(
            id: keyId, kind: .clientSecret, createdAt: date(start), expiresAt: end.map(date), evidence: [evidence])
    }

    public static func accessKey(
        _ id: String, created: String, lastUsed: String? = nil, active: Bool = true,
        expires: String? = nil, kind: CredentialKind = .accessKey
    ) -> Credential {
        Credential(
            id: id, kind: kind, active: active, createdAt: date(created), lastUsedAt: lastUsed.map(date),
            expiresAt: expires.map(date), evidence: [evidence])
    }

    /// An activity aggregate with one successful call at each of `times`.
    public static func activity(
        _ identity: IdentityID, _ action: String, platform: Platform = .aws,
        environment: String = "production", fields: [String] = [], readOnly: Bool = false,
        at times: [String] = ["2026-11-10T10:00:00Z"], userAgent: String? = nil,
        credentialId: String? = nil, sessionName: String? = nil, denied: Bool = false
    ) -> ActivityRecord {
        let dates = times.map(date)
        var record = ActivityRecord(
            identity: identity, platform: platform, action: action, requestFields: fields.sorted(),
            environment: environment, readOnly: readOnly, at: dates[0])
        for (index, time) in dates.enumerated() {
            record.record(
                at: time, denied: denied, userAgent: userAgent, credentialId: credentialId, sessionName: sessionName,
                evidence: EvidenceRef(file: "example/audit.jsonl", sha256: evidence.sha256, line: index + 1))
        }
        record.normalise()
        return record
    }

    public static func grant(
        _ identity: IdentityID, _ actions: [String], platform: Platform = .aws, resources: [String] = ["*"],
        via: String = "inline", administrative: Bool = false
    ) -> Grant {
        Grant(
            identity: identity, platform: platform, actions: actions, resources: resources, via: via,
            isAdministrative: administrative, evidence: [evidence])
    }

    public static func inventory(
        identities: [Identity] = [], grants: [Grant] = [], trusts: [TrustRelationship] = [],
        activity: [ActivityRecord] = [],
        coverage: [AuditCoverage] = [], owners: [OwnerRecord] = [], changes: [ChangeRecord] = [],
        incidents: [IncidentRecord] = [], leaks: [LeakRecord] = [], inputs: Set<InputKind> = Set(InputKind.allCases),
        evidenceCoverage: EvidenceCoverage? = nil
    ) -> Inventory {
        // Unless told otherwise, the inputs cover every declared account: an example stands for complete evidence.
        Inventory(
            scope: scope, identities: identities, grants: grants, trusts: trusts, activity: activity,
            auditCoverage: coverage, owners: owners, changes: changes, incidents: incidents, leaks: leaks,
            inputs: inputs,
            evidenceCoverage: evidenceCoverage ?? .complete(scope, inputs: inputs))
    }
}

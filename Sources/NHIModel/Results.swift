import Foundation

/// One identity's authority profile: how many actions of each class it performed (and holds).
public struct AuthoritySummary: Hashable, Codable, Sendable {
    public var identity: IdentityID
    public var name: String
    public var environments: [String]
    public var delivery: Int
    public var operations: Int
    public var identityAdmin: Int
    public var read: Int
    /// Grants allow delivery / operations (latent authority), independent of use.
    public var canDeliver: Bool
    public var canOperate: Bool
    public var dualUse: Bool
    /// Grants allow identity administration (absent in results written before it was recorded).
    public var canAdminister: Bool?
    /// Whether an inventory lists the identity: false for one seen only in audit logs (deleted
    /// before the export, or never inventoried).
    public var inInventory: Bool?
    /// Whether the identity belongs to an account, cluster or organisation outside scope.yaml.
    public var outsideScope: Bool?

    public init(
        identity: IdentityID, name: String, environments: [String], delivery: Int, operations: Int,
        identityAdmin: Int, read: Int, canDeliver: Bool, canOperate: Bool, dualUse: Bool,
        canAdminister: Bool? = nil, inInventory: Bool? = nil, outsideScope: Bool? = nil
    ) {
        self.identity = identity; self.name = name; self.environments = environments; self.delivery = delivery
        self.operations = operations; self.identityAdmin = identityAdmin; self.read = read
        self.canDeliver = canDeliver; self.canOperate = canOperate; self.dualUse = dualUse
        self.canAdminister = canAdminister; self.inInventory = inInventory; self.outsideScope = outsideScope
    }
}

/// An action no authority-class pattern matched: counted and listed, never guessed.
public struct UnclassifiedAction: Hashable, Codable, Sendable {
    public var platform: Platform
    public var action: String
    public var count: Int
    /// The identities that made the calls, sorted (absent in results written before it was recorded).
    public var identities: [IdentityID]?
    public init(platform: Platform, action: String, count: Int, identities: [IdentityID]? = nil) {
        self.platform = platform; self.action = action; self.count = count; self.identities = identities
    }
}

/// Key NHI metrics for the report and for diff.
public struct Metrics: Hashable, Codable, Sendable {
    public var nhisInScope: Int
    public var owned: Int
    public var overPrivileged: Int
    public var credentialsPastMaxAge: Int
    public var dualUse: Int
    public var humans: Int
    public var shadow: Int

    public init(
        nhisInScope: Int = 0, owned: Int = 0, overPrivileged: Int = 0, credentialsPastMaxAge: Int = 0,
        dualUse: Int = 0, humans: Int = 0, shadow: Int = 0
    ) {
        self.nhisInScope = nhisInScope; self.owned = owned; self.overPrivileged = overPrivileged
        self.credentialsPastMaxAge = credentialsPastMaxAge; self.dualUse = dualUse; self.humans = humans;
        self.shadow = shadow
    }

    public var ownedShare: Double { nhisInScope == 0 ? 0 : Double(owned) / Double(nhisInScope) }
    public var overPrivilegedShare: Double { nhisInScope == 0 ? 0 : Double(overPrivileged) / Double(nhisInScope) }
}

/// One point of the quarter-to-quarter trend (from a previous pack's results).
public struct TrendPoint: Hashable, Codable, Sendable {
    public var label: String
    public var generatedAt: Date
    /// Framework id → satisfied share (0…1) of assessable controls.
    public var satisfiedShare: [String: Double]
    /// Severity → open findings.
    public var openFindings: [String: Int]
    public init(label: String, generatedAt: Date, satisfiedShare: [String: Double], openFindings: [String: Int]) {
        self.label = label; self.generatedAt = generatedAt; self.satisfiedShare = satisfiedShare;
        self.openFindings = openFindings
    }
}

/// results.json: the canonical machine result of a pack; what `diff` reads (docs/results-schema.md).
public struct ResultsDocument: Hashable, Codable, Sendable {
    public static let currentSchemaVersion = "1.0"

    public struct Tool: Hashable, Codable, Sendable {
        public var name: String
        public var version: String
        public init(name: String, version: String) { self.name = name; self.version = version }
    }

    public var schemaVersion: String
    public var tool: Tool
    public var generatedAt: Date
    public var scope: Scope
    public var mappingDigest: String
    public var policyDigest: String
    public var metrics: Metrics
    public var frameworks: [FrameworkAssessment]
    public var findings: [Finding]
    public var ruleEvaluations: [RuleEvaluation]
    public var waivers: [WaiverRecord]
    public var attestations: [AttestationRecord]
    public var authority: [AuthoritySummary]
    public var unclassifiedActions: [UnclassifiedAction]
    public var ledger: IngestLedger
    /// Per account, cluster and repository scope.yaml declares, which kinds of evidence covered it
    /// (absent in results written before it was recorded).
    public var coverage: [TargetCoverage]?
    public var notices: [String]
    /// Earlier packs of the chain, oldest first (empty without --previous).
    public var trend: [TrendPoint]
    /// Accountability per production environment and the incident and change timelines (absent in
    /// results written before it was recorded).
    public var authorityView: AuthorityView?
    /// The identity inventory: owner, kind, environments, credentials and last use of every
    /// identity but platform services (absent in results written before it was recorded).
    public var identities: [IdentitySummary]?

    public init(
        schemaVersion: String = ResultsDocument.currentSchemaVersion, tool: Tool, generatedAt: Date, scope: Scope,
        mappingDigest: String, policyDigest: String, metrics: Metrics, frameworks: [FrameworkAssessment],
        findings: [Finding], ruleEvaluations: [RuleEvaluation], waivers: [WaiverRecord],
        attestations: [AttestationRecord],
        authority: [AuthoritySummary], unclassifiedActions: [UnclassifiedAction], ledger: IngestLedger,
        coverage: [TargetCoverage]? = nil, notices: [String] = [], trend: [TrendPoint] = [],
        authorityView: AuthorityView? = nil,
        identities: [IdentitySummary]? = nil
    ) {
        self.schemaVersion = schemaVersion; self.tool = tool; self.generatedAt = generatedAt; self.scope = scope
        self.mappingDigest = mappingDigest; self.policyDigest = policyDigest; self.metrics = metrics
        self.frameworks = frameworks; self.findings = findings; self.ruleEvaluations = ruleEvaluations
        self.waivers = waivers; self.attestations = attestations; self.authority = authority
        self.unclassifiedActions = unclassifiedActions; self.ledger = ledger; self.coverage = coverage
        self.notices = notices; self.trend = trend; self.authorityView = authorityView; self.identities = identities
    }
}

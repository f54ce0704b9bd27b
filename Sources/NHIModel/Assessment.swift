import Foundation

/// Control status vocabulary (DESIGN.md §5). "not-assessed" is never "satisfied".
public enum ControlStatus: String, Codable, Sendable, CaseIterable {
    case notSatisfied = "not-satisfied"
    case satisfied
    case partiallyAssessed = "partially-assessed"
    case notAssessed = "not-assessed"
    case waived
    case attested
    case notApplicable = "not-applicable"

    /// Statuses that count as meeting the control (for trend and regression logic).
    public var isPassing: Bool { self == .satisfied || self == .attested || self == .waived }
}

/// Whether a rule could run.
public enum RuleEvaluationState: String, Codable, Sendable {
    case evaluated
    case notEvaluated = "not-evaluated"
    case notImplemented = "not-implemented"
}

public struct RuleEvaluation: Hashable, Codable, Sendable {
    public var rule: String
    public var state: RuleEvaluationState
    public var missingInputs: [InputKind]
    public var findings: Int
    public init(rule: String, state: RuleEvaluationState, missingInputs: [InputKind] = [], findings: Int = 0) {
        self.rule = rule; self.state = state; self.missingInputs = missingInputs; self.findings = findings
    }
}

public struct ControlResult: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var status: ControlStatus
    public var method: ControlMapping.Method
    public var rules: [String]
    public var rationale: String
    /// Ids of the findings (open, waived or with expired waivers) from this control's rules.
    public var findings: [String]
    public var missingInputs: [InputKind]
    public var attestation: String?

    public init(id: String, title: String, status: ControlStatus, method: ControlMapping.Method, rules: [String],
                rationale: String, findings: [String] = [], missingInputs: [InputKind] = [], attestation: String? = nil) {
        self.id = id; self.title = title; self.status = status; self.method = method; self.rules = rules
        self.rationale = rationale; self.findings = findings; self.missingInputs = missingInputs
        self.attestation = attestation
    }
}

public struct FrameworkAssessment: Hashable, Codable, Sendable {
    public var framework: String
    public var title: String
    public var version: String
    public var note: String?
    public var controls: [ControlResult]

    public init(framework: String, title: String, version: String, note: String? = nil, controls: [ControlResult]) {
        self.framework = framework; self.title = title; self.version = version; self.note = note; self.controls = controls
    }

    public func count(_ status: ControlStatus) -> Int { controls.filter { $0.status == status }.count }
}

/// A waiver from waivers.yaml and what became of it.
public struct WaiverRecord: Hashable, Codable, Sendable {
    public enum State: String, Codable, Sendable { case active, expired, unmatched }
    public var id: String
    public var rule: String
    public var identityPattern: String
    public var control: String?
    public var justification: String
    public var owner: String
    public var approvedBy: String
    public var reference: String?
    public var expires: Date
    public var state: State
    public var matchedFindings: [String]

    public init(id: String, rule: String, identityPattern: String, control: String? = nil, justification: String,
                owner: String, approvedBy: String, reference: String? = nil, expires: Date, state: State, matchedFindings: [String] = []) {
        self.id = id; self.rule = rule; self.identityPattern = identityPattern; self.control = control
        self.justification = justification; self.owner = owner; self.approvedBy = approvedBy
        self.reference = reference; self.expires = expires; self.state = state; self.matchedFindings = matchedFindings
    }
}

/// An attestation from attestations.yaml, with its evidence file hashed.
public struct AttestationRecord: Hashable, Codable, Sendable {
    public var controls: [String]
    public var statement: String
    public var evidenceFile: String
    public var evidenceSha256: String
    public var attestedBy: String
    public var attestedAt: Date
    public var expires: Date?
    public var active: Bool

    public init(controls: [String], statement: String, evidenceFile: String, evidenceSha256: String,
                attestedBy: String, attestedAt: Date, expires: Date?, active: Bool) {
        self.controls = controls; self.statement = statement; self.evidenceFile = evidenceFile
        self.evidenceSha256 = evidenceSha256; self.attestedBy = attestedBy; self.attestedAt = attestedAt
        self.expires = expires; self.active = active
    }
}

/// The output of detect + assess.
public struct Assessment: Hashable, Codable, Sendable {
    public var findings: [Finding]
    public var ruleEvaluations: [RuleEvaluation]
    public var frameworks: [FrameworkAssessment]
    public var waivers: [WaiverRecord]
    public var attestations: [AttestationRecord]
    /// Warnings for the report, e.g. a policy threshold looser than a control's expectation.
    public var notices: [String]

    public init(findings: [Finding], ruleEvaluations: [RuleEvaluation], frameworks: [FrameworkAssessment],
                waivers: [WaiverRecord] = [], attestations: [AttestationRecord] = [], notices: [String] = []) {
        self.findings = findings; self.ruleEvaluations = ruleEvaluations; self.frameworks = frameworks
        self.waivers = waivers; self.attestations = attestations; self.notices = notices
    }
}

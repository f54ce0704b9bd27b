import Foundation

/// Control status vocabulary (docs/auditor-guide.md). "not-assessed" is never "satisfied".
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

/// Whether a rule could run, and on how much of the declared scope.
public enum RuleEvaluationState: String, Codable, Sendable {
    case evaluated
    /// It ran, but scope.yaml declares accounts, clusters or repositories of a platform it judges
    /// that the inputs it needs do not cover (named in `uncovered`).
    case partiallyEvaluated = "partially-evaluated"
    case notEvaluated = "not-evaluated"
    case notImplemented = "not-implemented"
}

/// What an evaluated rule looked at: how many records of each kind, from which files.
public struct EvaluatedPopulation: Hashable, Codable, Sendable {
    public struct Count: Hashable, Codable, Sendable {
        /// "non-human identities", "credentials", "grants", "audit events", "change records", …
        public var what: String
        public var count: Int
        public init(what: String, count: Int) { self.what = what; self.count = count }
    }

    public var counts: [Count]
    /// The contributing files, sorted.
    public var sources: [String]

    public init(counts: [Count] = [], sources: [String] = []) { self.counts = counts; self.sources = sources }

    /// "12 non-human identities, 20 credentials from credential-report.csv, iam.json".
    public var summary: String {
        let counted = counts.map { "\($0.count) \($0.what)" }.joined(separator: ", ")
        return sources.isEmpty ? counted : "\(counted) from \(sources.joined(separator: ", "))"
    }

    /// Both populations: each kind of count once (every rule counts a kind over the same inventory).
    public func union(_ other: EvaluatedPopulation) -> EvaluatedPopulation {
        var counts = self.counts
        for count in other.counts where !counts.contains(where: { $0.what == count.what }) { counts.append(count) }
        return EvaluatedPopulation(counts: counts, sources: Array(Set(sources).union(other.sources)).sorted())
    }
}

public struct RuleEvaluation: Hashable, Codable, Sendable {
    public var rule: String
    public var state: RuleEvaluationState
    public var missingInputs: [InputKind]
    /// Why each missing input is absent (no file provides it, or its files contributed nothing).
    public var reasons: [String]
    /// Declared accounts, clusters or repositories the rule's inputs did not cover.
    public var uncovered: [String]
    /// What the rule evaluated (absent when it did not run).
    public var population: EvaluatedPopulation?
    public var findings: Int
    public init(
        rule: String, state: RuleEvaluationState, missingInputs: [InputKind] = [], reasons: [String] = [],
        uncovered: [String] = [], population: EvaluatedPopulation? = nil, findings: Int = 0
    ) {
        self.rule = rule; self.state = state; self.missingInputs = missingInputs; self.reasons = reasons
        self.uncovered = uncovered; self.population = population; self.findings = findings
    }

    /// It ran (on all or part of the declared scope).
    public var ran: Bool { state == .evaluated || state == .partiallyEvaluated }

    private enum CodingKeys: String, CodingKey {
        case rule, state, missingInputs, reasons, uncovered, population, findings
    }

    /// Results written before `reasons`, `uncovered` and `population` existed still read (diff, trend).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rule = try container.decode(String.self, forKey: .rule)
        state = try container.decode(RuleEvaluationState.self, forKey: .state)
        missingInputs = try container.decode([InputKind].self, forKey: .missingInputs)
        reasons = try container.decodeIfPresent([String].self, forKey: .reasons) ?? []
        uncovered = try container.decodeIfPresent([String].self, forKey: .uncovered) ?? []
        population = try container.decodeIfPresent(EvaluatedPopulation.self, forKey: .population)
        findings = try container.decode(Int.self, forKey: .findings)
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
    /// Declared accounts, clusters or repositories that a mapped rule's inputs did not cover.
    public var uncovered: [String]
    /// What the mapped rules that ran evaluated: for a satisfied control, the population in which
    /// no exception was found.
    public var population: EvaluatedPopulation?
    /// The attestation (evidence file and digest): a manual control's status rests on it; beside a
    /// rule-assessed control it is shown and does not change the status.
    public var attestation: String?

    public init(
        id: String, title: String, status: ControlStatus, method: ControlMapping.Method, rules: [String],
        rationale: String, findings: [String] = [], missingInputs: [InputKind] = [], uncovered: [String] = [],
        population: EvaluatedPopulation? = nil, attestation: String? = nil
    ) {
        self.id = id; self.title = title; self.status = status; self.method = method; self.rules = rules
        self.rationale = rationale; self.findings = findings; self.missingInputs = missingInputs
        self.uncovered = uncovered; self.population = population; self.attestation = attestation
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, status, method, rules, rationale, findings, missingInputs, uncovered, population, attestation
    }

    /// Results written before `uncovered` and `population` existed still read (diff, trend).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        status = try container.decode(ControlStatus.self, forKey: .status)
        method = try container.decode(ControlMapping.Method.self, forKey: .method)
        rules = try container.decode([String].self, forKey: .rules)
        rationale = try container.decode(String.self, forKey: .rationale)
        findings = try container.decode([String].self, forKey: .findings)
        missingInputs = try container.decode([InputKind].self, forKey: .missingInputs)
        uncovered = try container.decodeIfPresent([String].self, forKey: .uncovered) ?? []
        population = try container.decodeIfPresent(EvaluatedPopulation.self, forKey: .population)
        attestation = try container.decodeIfPresent(String.self, forKey: .attestation)
    }
}

public struct FrameworkAssessment: Hashable, Codable, Sendable {
    public var framework: String
    public var title: String
    public var version: String
    public var note: String?
    public var controls: [ControlResult]

    public init(framework: String, title: String, version: String, note: String? = nil, controls: [ControlResult]) {
        self.framework = framework; self.title = title; self.version = version; self.note = note;
        self.controls = controls
    }

    public func count(_ status: ControlStatus) -> Int { controls.filter { $0.status == status }.count }

    /// "Title version", unless the title already names the version as a word of its own (CSF's
    /// title ends in "2.0", SP 800-53's names "Rev. 5"): how the framework is named wherever shown.
    public var name: String {
        let named = title.ranges(of: version).contains { range in
            let before = range.lowerBound == title.startIndex ? nil : title[title.index(before: range.lowerBound)]
            let after = range.upperBound == title.endIndex ? nil : title[range.upperBound]
            return !(before?.isLetter ?? false) && !(before?.isNumber ?? false) && !(after?.isLetter ?? false)
                && !(after?.isNumber ?? false)
        }
        return version.isEmpty || named ? title : "\(title) \(version)"
    }
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
    /// The approval date waivers.yaml gives; nil when it gives none (not recorded, never guessed).
    public var approved: Date?
    public var state: State
    public var matchedFindings: [String]

    public init(
        id: String, rule: String, identityPattern: String, control: String? = nil, justification: String,
        owner: String, approvedBy: String, reference: String? = nil, expires: Date, approved: Date? = nil, state: State,
        matchedFindings: [String] = []
    ) {
        self.id = id; self.rule = rule; self.identityPattern = identityPattern; self.control = control
        self.justification = justification; self.owner = owner; self.approvedBy = approvedBy
        self.reference = reference; self.expires = expires; self.approved = approved; self.state = state
        self.matchedFindings = matchedFindings
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

    public init(
        controls: [String], statement: String, evidenceFile: String, evidenceSha256: String,
        attestedBy: String, attestedAt: Date, expires: Date?, active: Bool
    ) {
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

    public init(
        findings: [Finding], ruleEvaluations: [RuleEvaluation], frameworks: [FrameworkAssessment],
        waivers: [WaiverRecord] = [], attestations: [AttestationRecord] = [], notices: [String] = []
    ) {
        self.findings = findings; self.ruleEvaluations = ruleEvaluations; self.frameworks = frameworks
        self.waivers = waivers; self.attestations = attestations; self.notices = notices
    }
}

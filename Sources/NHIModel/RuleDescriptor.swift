/// What the rule catalogue says about a rule: stable id, title, default severity, needed inputs,
/// the policy keys it reads. NHIDetect's registry makes one per rule; the report and the `rules`
/// command show it.
public struct RuleDescriptor: Hashable, Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var inputs: [InputKind]
    /// The platforms whose identities it judges; nil for every platform.
    public var platforms: [Platform]?
    public var rationale: String
    public var remediation: String
    /// The policy keys it reads.
    public var thresholds: [PolicySetting]

    public init(
        id: String, title: String, severity: Severity, inputs: [InputKind], platforms: [Platform]? = nil,
        rationale: String = "", remediation: String = "", thresholds: [PolicySetting] = []
    ) {
        self.id = id; self.title = title; self.severity = severity; self.inputs = inputs; self.platforms = platforms
        self.rationale = rationale; self.remediation = remediation; self.thresholds = thresholds
    }
}

/// `rules --format json`: the catalogue's fields, inputs in sorted order, thresholds by policy key.
extension RuleDescriptor: Encodable {
    enum CodingKeys: String, CodingKey {
        case id, title, severity, inputs, platforms, rationale, remediation, thresholds
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(severity, forKey: .severity)
        try container.encode(inputs.sorted(), forKey: .inputs)
        try container.encodeIfPresent(platforms, forKey: .platforms)
        try container.encode(rationale, forKey: .rationale)
        try container.encode(remediation, forKey: .remediation)
        try container.encode(thresholds.map(\.key), forKey: .thresholds)
    }
}

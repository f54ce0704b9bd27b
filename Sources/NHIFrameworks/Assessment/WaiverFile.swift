import Foundation
import NHIModel
import Yams

/// One entry of waivers.yaml (docs/formats/assessment.md).
public struct Waiver: Hashable, Sendable {
    public var id: String
    public var rule: String
    public var identityPattern: String
    public var control: String?
    public var justification: String
    public var owner: String
    public var approvedBy: String
    public var reference: String?
    public var expires: Date
    /// When the waiver was approved; nil when waivers.yaml does not say (shown as not recorded,
    /// never guessed).
    public var approved: Date?

    public init(
        id: String, rule: String, identityPattern: String, control: String? = nil, justification: String,
        owner: String, approvedBy: String, reference: String? = nil, expires: Date, approved: Date? = nil
    ) {
        self.id = id; self.rule = rule; self.identityPattern = identityPattern; self.control = control
        self.justification = justification; self.owner = owner; self.approvedBy = approvedBy
        self.reference = reference; self.expires = expires; self.approved = approved
    }

    /// Whether the waiver covers a finding (same rule, subject matching the identity pattern).
    public func covers(_ finding: Finding) -> Bool {
        finding.rule == rule && WildcardPattern(identityPattern, caseInsensitive: false).matches(finding.subject)
    }

    /// A waiver that expires on or before the period end no longer covers anything.
    public func isActive(at periodEnd: Date) -> Bool { expires > periodEnd }
}

/// Reads `waivers.yaml` at the evidence folder root.
public enum WaiverFile {
    public static let fileName = "waivers.yaml"

    /// The waivers of `url`; every problem (unknown keys, missing fields, unknown rules, bad dates,
    /// duplicate ids) is reported with file:line before anything is used.
    public static func load(_ url: URL, knownRules: Set<String>) throws -> [Waiver] {
        let yaml = StrictYAML(file: DisplayPath.of(url))
        guard let root = try yaml.parse(try yaml.read(url)) else { return [] }
        var problems: [String] = []
        var waivers: [Waiver] = []
        var seen: [String: String] = [:]
        for (_, _, list) in yaml.entries(of: root, allowed: ["waivers"], context: "waivers.yaml", problems: &problems) {
            guard let sequence = list.sequence else {
                problems.append(yaml.problem(list, "waivers must be a list"))
                continue
            }
            for entry in sequence {
                var fields = FieldReader(yaml: yaml, node: entry)
                let values = fields.read(
                    allowed: [
                        "id", "rule", "identity", "control", "justification", "owner", "approved_by", "approved",
                        "reference", "expires",
                    ],
                    required: ["id", "rule", "identity", "justification", "owner", "approved_by", "expires"],
                    context: "a waiver")
                problems += fields.problems
                guard fields.problems.isEmpty else { continue }
                guard let expires = ISO8601.parse(values["expires"]!.text) else {
                    problems.append(
                        yaml.problem(values["expires"]!.node, "expires is not a date: \(values["expires"]!.text)"))
                    continue
                }
                // A bad approval date is reported beside the waiver's other problems.
                let approved = values["approved"].flatMap { value -> Date? in
                    guard let date = ISO8601.parse(value.text) else {
                        problems.append(yaml.problem(value.node, "approved is not a date: \(value.text)"))
                        return nil
                    }
                    if date > expires {
                        problems.append(
                            yaml.problem(
                                value.node, "approved (\(value.text)) is after expires (\(values["expires"]!.text))"))
                    }
                    return date
                }
                let rule = values["rule"]!.text
                guard knownRules.contains(rule) else {
                    problems.append(yaml.problem(values["rule"]!.node, "unknown rule \"\(rule)\""))
                    continue
                }
                let id = values["id"]!.text
                if let first = seen[id] {
                    problems.append(
                        yaml.problem(values["id"]!.node, "duplicate waiver id \"\(id)\" (first at \(first))"))
                    continue
                }
                seen[id] = yaml.at(values["id"]!.node)
                waivers.append(
                    Waiver(
                        id: id, rule: rule, identityPattern: values["identity"]!.text, control: values["control"]?.text,
                        justification: values["justification"]!.text, owner: values["owner"]!.text,
                        approvedBy: values["approved_by"]!.text, reference: values["reference"]?.text, expires: expires,
                        approved: approved))
            }
        }
        guard problems.isEmpty else { throw ConfigFileError(problems: problems) }
        return waivers
    }
}

/// Reads the text fields of one mapping, collecting unknown and missing keys as problems.
struct FieldReader {
    struct Value { var text: String; var node: Node }
    let yaml: StrictYAML
    let node: Node
    var problems: [String] = []

    init(yaml: StrictYAML, node: Node) { self.yaml = yaml; self.node = node }

    mutating func read(allowed: [String], required: [String], context: String) -> [String: Value] {
        var values: [String: Value] = [:]
        for (key, _, value) in yaml.entries(of: node, allowed: allowed, context: context, problems: &problems) {
            if value.null != nil { continue }
            if let text = yaml.string(value, key: key, problems: &problems) {
                values[key] = Value(text: text, node: value)
            }
        }
        for key in required where (values[key]?.text.trimmingCharacters(in: .whitespaces) ?? "").isEmpty {
            problems.append(yaml.problem(node, "\(context) is missing \"\(key)\""))
        }
        return values
    }
}

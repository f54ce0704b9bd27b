import Foundation

public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One rule hit. `id` is deterministic: a hash of rule, subject and scope, so the same problem
/// keeps its id from one run to the next (diff matches on it).
public struct Finding: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var rule: String
    public var severity: Severity
    /// The identity (or environment, for coverage rules) the finding is about.
    public var subject: String
    public var environment: String?
    public var summary: String
    /// Facts behind the finding, rendered as a definition list (e.g. delivery actions, counts, first/last).
    public var details: [String: String]
    public var evidence: [EvidenceRef]
    /// Set by the assessment when a waiver applies.
    public var waiver: WaiverApplication?
    /// The period end of the first pack of the chain that reported this finding (set when the pack
    /// is written: carried over from `--previous`, else this pack's period end).
    public var firstReported: Date?

    public init(
        id: String, rule: String, severity: Severity, subject: String, environment: String? = nil,
        summary: String, details: [String: String] = [:], evidence: [EvidenceRef] = [],
        waiver: WaiverApplication? = nil,
        firstReported: Date? = nil
    ) {
        self.id = id; self.rule = rule; self.severity = severity; self.subject = subject
        self.environment = environment; self.summary = summary; self.details = details
        self.evidence = evidence; self.waiver = waiver; self.firstReported = firstReported
    }

    /// Open = not covered by an unexpired waiver.
    public var isOpen: Bool { waiver?.active != true }

    /// Ordering used everywhere: severity (highest first), then id.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        lhs.severity != rhs.severity ? lhs.severity > rhs.severity : lhs.id < rhs.id
    }

    /// The findings sorted by `reportOrder`, equal ones in the order given. Positions are sorted by
    /// keys read once: sorting the findings themselves copies each one (retaining every field) at
    /// every move of the merge, which took seconds for the findings of 100 k identities.
    public static func inReportOrder(_ findings: [Finding]) -> [Finding] {
        // Detection hands its findings over in this order and assessing keeps it, so later stages
        // mostly get them sorted: checking is one pass, sorting copies every finding.
        if isInReportOrder(findings) { return findings }
        // Keys read in place: passing whole findings to a closure copies each (a retain per field).
        let keys = findings.withUnsafeBufferPointer { buffer in
            buffer.indices.map { (severity: buffer[$0].severity, id: buffer[$0].id) }
        }
        let positions = keys.indices.sorted { lhs, rhs in
            let left = keys[lhs], right = keys[rhs]
            if left.severity != right.severity { return left.severity > right.severity }
            return left.id != right.id ? left.id < right.id : lhs < rhs
        }
        return positions.map { findings[$0] }
    }

    /// Whether no finding comes before the one ahead of it by `reportOrder` (equal ones in any
    /// order: the stable sort keeps them as given).
    public static func isInReportOrder(_ findings: [Finding]) -> Bool {
        // `reportOrder` on the two neighbours, with their keys read in place: handing it the
        // findings copied both at every step.
        findings.withUnsafeBufferPointer { buffer in
            buffer.indices.dropFirst().allSatisfy { index in
                let severity = buffer[index].severity, before = buffer[index - 1].severity
                return severity != before ? severity < before : !(buffer[index].id < buffer[index - 1].id)
            }
        }
    }
}

/// A waiver as applied to a finding.
public struct WaiverApplication: Hashable, Codable, Sendable {
    public var waiverId: String
    public var expires: Date
    /// False when the waiver had expired at the period end: the finding stays open.
    public var active: Bool
    /// When the waiver was approved; nil when waivers.yaml does not say.
    public var approved: Date?
    public init(waiverId: String, expires: Date, active: Bool, approved: Date? = nil) {
        self.waiverId = waiverId; self.expires = expires; self.active = active; self.approved = approved
    }
}

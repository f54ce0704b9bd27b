import Foundation

public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One rule hit. `id` is deterministic: a hash of rule, subject and scope, so the same problem
/// keeps its id from one run to the next (diff matches on it).
///
/// The fields live in one shared object (`SharedFields`): render and assess pass findings through
/// many closures and arrays, and a copy retains that object instead of every string in it.
public struct Finding: Hashable, Codable, Sendable, Identifiable {
    /// The stored fields; coding, equality and hashing are theirs (synthesized, in this order).
    @usableFromInline
    struct Fields: Hashable, Codable, Sendable {
        @usableFromInline var id: String
        @usableFromInline var rule: String
        @usableFromInline var severity: Severity
        @usableFromInline var subject: String
        @usableFromInline var environment: String?
        @usableFromInline var summary: String
        @usableFromInline var details: [String: String]
        @usableFromInline var evidence: [EvidenceRef]
        @usableFromInline var waiver: WaiverApplication?
        @usableFromInline var firstReported: Date?
    }

    @usableFromInline
    var storage: SharedFields<Fields>

    @inlinable
    public var id: String {
        _read { yield storage.fields.id }
        _modify { yield &storage.fields.id }
    }
    @inlinable
    public var rule: String {
        _read { yield storage.fields.rule }
        _modify { yield &storage.fields.rule }
    }
    @inlinable
    public var severity: Severity {
        _read { yield storage.fields.severity }
        _modify { yield &storage.fields.severity }
    }
    /// The identity (or environment, for coverage rules) the finding is about.
    @inlinable
    public var subject: String {
        _read { yield storage.fields.subject }
        _modify { yield &storage.fields.subject }
    }
    @inlinable
    public var environment: String? {
        _read { yield storage.fields.environment }
        _modify { yield &storage.fields.environment }
    }
    @inlinable
    public var summary: String {
        _read { yield storage.fields.summary }
        _modify { yield &storage.fields.summary }
    }
    /// Facts behind the finding, rendered as a definition list (e.g. delivery actions, counts, first/last).
    @inlinable
    public var details: [String: String] {
        _read { yield storage.fields.details }
        _modify { yield &storage.fields.details }
    }
    @inlinable
    public var evidence: [EvidenceRef] {
        _read { yield storage.fields.evidence }
        _modify { yield &storage.fields.evidence }
    }
    /// Set by the assessment when a waiver applies.
    @inlinable
    public var waiver: WaiverApplication? {
        _read { yield storage.fields.waiver }
        _modify { yield &storage.fields.waiver }
    }
    /// The period end of the first pack of the chain that reported this finding (set when the pack
    /// is written: carried over from `--previous`, else this pack's period end).
    @inlinable
    public var firstReported: Date? {
        _read { yield storage.fields.firstReported }
        _modify { yield &storage.fields.firstReported }
    }

    public init(
        id: String, rule: String, severity: Severity, subject: String, environment: String? = nil,
        summary: String, details: [String: String] = [:], evidence: [EvidenceRef] = [],
        waiver: WaiverApplication? = nil,
        firstReported: Date? = nil
    ) {
        storage = SharedFields(
            Fields(
                id: id, rule: rule, severity: severity, subject: subject, environment: environment,
                summary: summary, details: details, evidence: evidence, waiver: waiver,
                firstReported: firstReported
            )
        )
    }

    public init(from decoder: Decoder) throws { storage = try SharedFields(from: decoder) }
    public func encode(to encoder: Encoder) throws { try storage.encode(to: encoder) }

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
        let keys = findings.map { (severity: $0.severity, id: $0.id) }
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
        findings.withUnsafeBufferPointer { buffer in
            buffer.indices.dropFirst().allSatisfy { !reportOrder(buffer[$0], buffer[$0 - 1]) }
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

/// Reflected as its fields, as a plain struct would be: printed and dumped findings read the
/// same, and tests that count stored properties count the fields.
extension Finding: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: storage.fields).children, displayStyle: .struct)
    }
}

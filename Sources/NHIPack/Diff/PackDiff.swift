import Foundation
import NHIModel

/// What changed between two packs' results: the model every diff renderer and the CI gate read.
/// Its JSON form is documented in docs/diff.md.
public struct PackDiff: Hashable, Codable, Sendable {
    public struct Side: Hashable, Codable, Sendable {
        public var generatedAt: Date
        public var organisation: String
        public var toolVersion: String
        public var mappingDigest: String
        public var policyDigest: String
    }

    /// One control whose status moved (or, for `stillFailing`, stayed not-satisfied).
    /// `from` / `to` are absent when the control is missing from that pack.
    public struct ControlChange: Hashable, Codable, Sendable {
        public var framework: String
        public var id: String
        public var title: String
        public var from: ControlStatus?
        public var to: ControlStatus?
        /// Why the control stands where it does in the new pack: the findings that fail it and the
        /// inputs whose absence left it unassessed (empty when none, or when the control is gone).
        public var findings: [String]
        public var missingInputs: [InputKind]
    }

    public struct Controls: Hashable, Codable, Sendable {
        /// A passing status (satisfied, attested, waived) became not-satisfied.
        public var regressed: [ControlChange] = []
        /// Not-satisfied became satisfied or attested.
        public var closed: [ControlChange] = []
        /// The control became more assessed: not-assessed → partially-assessed → assessed.
        public var coverageGained: [ControlChange] = []
        /// The control became less assessed (an input went missing, a rule could no longer run).
        public var coverageLost: [ControlChange] = []
        public var stillFailing: [ControlChange] = []
        /// Every other status change, and controls present in only one pack.
        public var changed: [ControlChange] = []
    }

    public struct FindingEntry: Hashable, Codable, Sendable {
        public var id: String
        public var rule: String
        public var severity: Severity
        /// Set on persisting findings whose severity changed.
        public var previousSeverity: Severity?
        public var subject: String
        public var environment: String?
        public var summary: String
        /// False when an unexpired waiver covers the finding (in the newer pack that has it).
        public var open: Bool
    }

    public struct Findings: Hashable, Codable, Sendable {
        public var new: [FindingEntry] = []
        public var resolved: [FindingEntry] = []
        public var persisting: [FindingEntry] = []
    }

    public struct WaiverEntry: Hashable, Codable, Sendable {
        public var id: String
        public var rule: String
        public var identityPattern: String
        public var control: String?
        public var owner: String
        public var expires: Date
        public var state: WaiverRecord.State
        /// The findings the waiver covered; for an expired waiver these are open again.
        public var findings: [String]
    }

    public struct Waivers: Hashable, Codable, Sendable {
        /// Active in the older pack, expired in (or by the generation time of) the newer one.
        public var expired: [WaiverEntry] = []
        public var added: [WaiverEntry] = []
        public var removed: [WaiverEntry] = []
    }

    public struct MetricDelta: Hashable, Codable, Sendable {
        public enum Kind: String, Codable, Sendable { case count, share }
        public var name: String
        public var kind: Kind
        /// Counts as whole numbers; shares as fractions 0…1 rounded to four places.
        public var from: Double
        public var to: Double
        public var delta: Double
    }

    /// A control whose mapping (method or rules) differs between the packs: its statuses are
    /// not directly comparable.
    public struct MeaningChange: Hashable, Codable, Sendable {
        public var framework: String
        public var id: String
        public var fromMethod: ControlMapping.Method?
        public var toMethod: ControlMapping.Method?
        public var fromRules: [String]
        public var toRules: [String]
    }

    public struct Mapping: Hashable, Codable, Sendable {
        public var mappingDigestChanged: Bool
        public var policyDigestChanged: Bool
        public var controlsChangedMeaning: [MeaningChange]
    }

    public var old: Side
    public var new: Side
    public var controls: Controls
    public var findings: Findings
    public var waivers: Waivers
    public var metrics: [MetricDelta]
    public var mapping: Mapping
    /// Caveats for the reader (different mappings or policies, a newer pack older than the old one).
    public var warnings: [String]

    public init(
        old: Side, new: Side, controls: Controls, findings: Findings, waivers: Waivers,
        metrics: [MetricDelta], mapping: Mapping, warnings: [String]
    ) {
        self.old = old; self.new = new; self.controls = controls; self.findings = findings
        self.waivers = waivers; self.metrics = metrics; self.mapping = mapping; self.warnings = warnings
    }

    /// Regressed controls or lost coverage: what `--fail-on regression` trips on, because a
    /// control that can no longer be assessed has not been shown to pass.
    public var hasRegression: Bool { !controls.regressed.isEmpty || !controls.coverageLost.isEmpty }

    /// New findings not covered by an active waiver: what `--fail-on new-finding` trips on.
    public var hasNewOpenFinding: Bool { findings.new.contains(where: \.open) }
}

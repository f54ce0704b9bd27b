import Foundation

/// The authority picture of a pack beyond per-identity counts: who did what in each production
/// environment and under which record, and the calls around each incident and change window.
public struct AuthorityView: Hashable, Codable, Sendable {
    public var environments: [EnvironmentAccountability]
    public var timelines: [AuthorityTimeline]
    /// Incidents and production change windows not drawn, past the cap on timelines.
    public var omittedTimelines: Int

    public init(
        environments: [EnvironmentAccountability] = [], timelines: [AuthorityTimeline] = [], omittedTimelines: Int = 0
    ) {
        self.environments = environments; self.timelines = timelines; self.omittedTimelines = omittedTimelines
    }
}

/// One production environment: who delivered, operated, recovered, administered identities and
/// approved, under which change or incident, and how far the logs saying so prove themselves.
public struct EnvironmentAccountability: Hashable, Codable, Sendable {
    public enum Role: String, Codable, Sendable, CaseIterable {
        case delivered, operated, recovered, administered, approved
    }

    public struct Entry: Hashable, Codable, Sendable {
        public var role: Role
        /// An identity id, or a person as written in changes.csv (approvers).
        public var actor: String
        public var name: String
        public var calls: Int
        /// Change or incident ids the calls fell under; empty when none did.
        public var under: [String]
        /// Calls under none of them.
        public var uncovered: Int

        public init(role: Role, actor: String, name: String, calls: Int, under: [String], uncovered: Int) {
            self.role = role; self.actor = actor; self.name = name; self.calls = calls; self.under = under;
            self.uncovered = uncovered
        }
    }

    public var environment: String
    public var entries: [Entry]
    /// Entries beyond the cap per role, left out.
    public var omittedEntries: Int
    /// CloudTrail log files of the environment by digest status (`LogFileCheck.Status` raw values);
    /// empty when the evidence has no digest files.
    public var logFiles: [String: Int]
    /// Audit sources of the environment that carry no integrity proof (Kubernetes, GitHub), by platform.
    public var unprovenSources: [String]

    public init(
        environment: String, entries: [Entry], omittedEntries: Int = 0, logFiles: [String: Int] = [:],
        unprovenSources: [String] = []
    ) {
        self.environment = environment; self.entries = entries; self.omittedEntries = omittedEntries
        self.logFiles = logFiles; self.unprovenSources = unprovenSources
    }
}

/// The calls of delivery, operations and identity-admin class around one incident or change window.
public struct AuthorityTimeline: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable { case incident, change }

    public struct Mark: Hashable, Codable, Sendable {
        public var time: Date
        public var authorityClass: AuthorityClass
        public var action: String
        public init(time: Date, authorityClass: AuthorityClass, action: String) {
            self.time = time; self.authorityClass = authorityClass; self.action = action
        }
    }

    public struct Row: Hashable, Codable, Sendable {
        public var identity: IdentityID
        public var name: String
        /// Whether the record names the identity (a responder, the change's executor) or its owner.
        public var named: Bool
        public var marks: [Mark]
        public var omittedMarks: Int
        public init(identity: IdentityID, name: String, named: Bool, marks: [Mark], omittedMarks: Int = 0) {
            self.identity = identity; self.name = name; self.named = named; self.marks = marks;
            self.omittedMarks = omittedMarks
        }
    }

    public var kind: Kind
    public var id: String
    public var environments: [String]
    /// The span drawn: the window with a margin either side.
    public var start: Date
    public var end: Date
    /// Incident declared → resolved, or the change window; `windowEnd` nil for an unresolved incident.
    public var windowStart: Date
    public var windowEnd: Date?
    public var rows: [Row]
    public var omittedRows: Int

    public init(
        kind: Kind, id: String, environments: [String], start: Date, end: Date, windowStart: Date, windowEnd: Date?,
        rows: [Row], omittedRows: Int = 0
    ) {
        self.kind = kind; self.id = id; self.environments = environments; self.start = start; self.end = end
        self.windowStart = windowStart; self.windowEnd = windowEnd; self.rows = rows; self.omittedRows = omittedRows
    }
}

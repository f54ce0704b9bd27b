import Foundation

/// Aggregated activity: one identity × action × request shape × environment, over the period.
///
/// Readers build these streaming. Only facts are recorded: which request fields were present
/// (`requestFields`), whether the call mutates (`readOnly`), raw user agents; classification into
/// delivery/operations and judgement of user agents happen in NHIDetect.
public struct ActivityRecord: Hashable, Codable, Sendable {
    public var identity: IdentityID
    public var platform: Platform
    /// AWS `eventSource-prefix:EventName` e.g. `cloudformation:UpdateStack`;
    /// Kubernetes `<verb> <group/>resource[/subresource]` e.g. `patch apps/deployments`,
    /// `update apps/deployments/scale`; GitHub the audit `action`, e.g. `workflows.completed_workflow_run`.
    public var action: String
    /// Facts about the request that disambiguate the action, sorted, e.g. `taskDefinition`,
    /// `desiredCount` (ECS), `patch:restartedAt-only`, `patch:pod-template` (Kubernetes).
    public var requestFields: [String]
    public var environment: String
    /// Account, cluster or organisation where the action happened.
    public var account: String?
    public var readOnly: Bool
    public var count: Int
    /// Calls that were refused (AccessDenied, HTTP 401/403).
    public var deniedCount: Int
    public var firstSeen: Date
    public var lastSeen: Date
    /// Distinct times (second precision) of mutating calls, capped at `maxWriteTimes`, for window checks.
    public var writeTimes: [Date]
    public var writeTimesTruncated: Bool
    public var userAgents: BoundedCounter
    public var sourceIPs: BoundedCounter
    /// Credentials used (access key ids, token ids); lets rules tell static keys from temporary ones.
    public var credentialIds: BoundedCounter
    /// AWS role session names or Kubernetes impersonated users seen for this key.
    public var sessionNames: BoundedCounter
    /// Who impersonated or assumed into this identity, when the log says so.
    public var actors: BoundedCounter
    /// GitHub repositories the calls concerned (`owner/name`), when the log names them.
    public var repositories: BoundedCounter
    /// A few example events (first ones seen), for the report's evidence locators.
    public var examples: [EvidenceRef]

    public static let maxWriteTimes = 2_000
    public static let maxExamples = 3

    public init(
        identity: IdentityID, platform: Platform, action: String, requestFields: [String] = [],
        environment: String, account: String? = nil, readOnly: Bool, at time: Date
    ) {
        self.identity = identity; self.platform = platform; self.action = action
        self.requestFields = requestFields; self.environment = environment; self.account = account
        self.readOnly = readOnly; self.count = 0; self.deniedCount = 0
        self.firstSeen = time; self.lastSeen = time
        self.writeTimes = []; self.writeTimesTruncated = false
        self.userAgents = BoundedCounter(); self.sourceIPs = BoundedCounter()
        self.credentialIds = BoundedCounter(); self.sessionNames = BoundedCounter()
        self.actors = BoundedCounter(); self.repositories = BoundedCounter(); self.examples = []
    }

    /// The aggregation key.
    public var key: ActivityKey {
        ActivityKey(
            identity: identity, action: action, requestFields: requestFields, environment: environment, account: account
        )
    }

    /// Records one event into the aggregate.
    public mutating func record(
        at time: Date, denied: Bool = false, userAgent: String? = nil, sourceIP: String? = nil,
        credentialId: String? = nil, sessionName: String? = nil, actor: String? = nil, repository: String? = nil,
        evidence: EvidenceRef? = nil
    ) {
        count.addSaturated(1)
        if denied { deniedCount.addSaturated(1) }
        if time < firstSeen { firstSeen = time }
        if time > lastSeen { lastSeen = time }
        if !readOnly && !denied {
            if writeTimes.count < Self.maxWriteTimes { writeTimes.append(time) } else { writeTimesTruncated = true }
        }
        if let userAgent { userAgents.add(userAgent) }
        if let sourceIP { sourceIPs.add(sourceIP) }
        if let credentialId { credentialIds.add(credentialId) }
        if let sessionName { sessionNames.add(sessionName) }
        if let actor { actors.add(actor) }
        if let repository { repositories.add(repository) }
        if let evidence, examples.count < Self.maxExamples { examples.append(evidence) }
    }

    /// Folds another aggregate of the same key into this one (used when several files or threads meet).
    /// With `continuing`, `other` aggregates the events that followed this one's in the same file:
    /// the result is that of recording them all one by one, but for the counters' overflow
    /// (`BoundedCounter.merge(_:continuing:)`) and where the two disagree on `readOnly` (the first
    /// event of a key fixes it, and it decides which write times are kept).
    public mutating func merge(_ other: ActivityRecord, continuing: Bool = false) {
        count.addSaturated(other.count)
        deniedCount.addSaturated(other.deniedCount)
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
        let room = Self.maxWriteTimes - writeTimes.count
        writeTimes.append(contentsOf: other.writeTimes.prefix(max(0, room)))
        writeTimesTruncated = writeTimesTruncated || other.writeTimesTruncated || other.writeTimes.count > room
        userAgents.merge(other.userAgents, continuing: continuing);
        sourceIPs.merge(other.sourceIPs, continuing: continuing)
        credentialIds.merge(other.credentialIds, continuing: continuing);
        sessionNames.merge(other.sessionNames, continuing: continuing)
        actors.merge(other.actors, continuing: continuing);
        repositories.merge(other.repositories, continuing: continuing)
        for example in other.examples where examples.count < Self.maxExamples { examples.append(example) }
    }

    /// Sorts and de-duplicates write times (to the second); call once when aggregation is complete.
    /// Sorted first, then duplicates dropped where they meet: no set of the times to hash them into.
    /// In place: the record holds the only copy of its times by then, and a second list to build
    /// them in was an allocation and a copy per record.
    public mutating func normalise() {
        for index in writeTimes.indices {
            writeTimes[index] = Date(timeIntervalSince1970: writeTimes[index].timeIntervalSince1970.rounded(.down))
        }
        writeTimes.sort()
        var kept = 0
        for index in writeTimes.indices where kept == 0 || writeTimes[index] != writeTimes[kept - 1] {
            writeTimes[kept] = writeTimes[index]
            kept += 1
        }
        writeTimes.removeLast(writeTimes.count - kept)
    }
}

public struct ActivityKey: Hashable, Sendable {
    public var identity: IdentityID
    public var action: String
    public var requestFields: [String]
    public var environment: String
    public var account: String?
    public init(identity: IdentityID, action: String, requestFields: [String], environment: String, account: String?) {
        self.identity = identity; self.action = action; self.requestFields = requestFields
        self.environment = environment; self.account = account
    }
}

/// Time span an audit source covers, per environment and platform (for audit-coverage-gap).
public struct AuditCoverage: Hashable, Codable, Sendable {
    public var environment: String
    public var platform: Platform
    public var account: String?
    public var firstEvent: Date?
    public var lastEvent: Date?
    public var events: Int
    /// Gaps longer than the reader's threshold between consecutive events (hours), as [start, end] pairs.
    public var gaps: [DateInterval]
    public var files: [String]

    public init(
        environment: String, platform: Platform, account: String? = nil, firstEvent: Date? = nil,
        lastEvent: Date? = nil, events: Int = 0, gaps: [DateInterval] = [], files: [String] = []
    ) {
        self.environment = environment; self.platform = platform; self.account = account
        self.firstEvent = firstEvent; self.lastEvent = lastEvent; self.events = events
        self.gaps = gaps; self.files = files
    }
}

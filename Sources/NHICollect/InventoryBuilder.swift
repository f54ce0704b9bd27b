import Foundation
import NHIModel

/// Accumulates what readers extract from one or more files. One builder per file when files are
/// read in parallel; `merge` folds them together in file order so results are deterministic.
public final class InventoryBuilder {
    public private(set) var identities: [IdentityID: Identity] = [:]
    public private(set) var grants: [Grant] = []
    public private(set) var permissionBoundaries: [Grant] = []
    public private(set) var trusts: [TrustRelationship] = []
    public private(set) var activityTable = ActivityTable()
    /// The activity aggregates as a dictionary by key, built anew on each call (for tests and
    /// small builders; the collector reads `activityTable`).
    public var activity: [ActivityKey: ActivityRecord] { activityTable.dictionary }
    public private(set) var coverage: [String: AuditCoverage] = [:]
    public private(set) var owners: [OwnerRecord] = []
    public private(set) var changes: [ChangeRecord] = []
    public private(set) var incidents: [IncidentRecord] = []
    public private(set) var leaks: [LeakRecord] = []
    public private(set) var inputs: Set<InputKind> = []
    /// Per read file, what it provides and whether it contributed a record (`recordContribution`).
    public private(set) var contributions: [FileContribution] = []
    /// Per platform account, the kinds of input and the files whose records were about it.
    public private(set) var accountInputs: [AccountKey: (inputs: Set<InputKind>, files: Set<String>)] = [:]
    /// Event times per coverage key, bucketed by hour, to find gaps in log coverage.
    public private(set) var coverageHours: [String: Set<Int>] = [:]
    /// The files of each coverage entry as a set, beside its ordered list: an S3 trail is thousands
    /// of files, and looking each up in the list made merging them quadratic.
    private var coverageFiles: [String: Set<String>] = [:]
    /// AWS policies, attachments and group membership, expanded into grants when collection finishes.
    public var iamFacts = IAMFacts()
    /// Kubernetes roles, bindings and pods, resolved cluster-wide when collection finishes.
    public internal(set) var kubernetesRBAC = KubernetesRBACFacts()
    /// CloudTrail digests, their exported signatures and public keys, checked when collection finishes.
    public internal(set) var integrity = LogIntegrityFacts()

    public init() {}

    /// Adds an identity, or merges it into one already known under the same id
    /// (inventory facts win over facts inferred from activity).
    public func addIdentity(_ identity: Identity) {
        // Merged in place: an audit log adds its actor once per entry.
        guard let index = identities.index(forKey: identity.id) else {
            identities[identity.id] = identity
            return
        }
        identities.values[index].merge(identity)
    }

    /// Adds a credential to an identity already added (or a placeholder if not yet seen).
    public func addCredential(_ credential: Credential, to identity: IdentityID) {
        // In place: reading `identities[identity]` copied the whole identity, once per audit entry.
        guard let index = identities.index(forKey: identity) else { return }
        identities.values[index].credentials.add(credential)
    }

    public func addGrant(_ grant: Grant) { grants.append(grant) }
    public func addPermissionBoundary(_ grant: Grant) { permissionBoundaries.append(grant) }
    public func addTrust(_ trust: TrustRelationship) { trusts.append(trust) }
    public func addOwner(_ owner: OwnerRecord) { owners.append(owner) }
    public func addChange(_ change: ChangeRecord) { changes.append(change) }
    public func addIncident(_ incident: IncidentRecord) { incidents.append(incident) }
    public func addLeak(_ leak: LeakRecord) { leaks.append(leak) }
    /// Set by a scanner reader whose report says the scan found nothing: a clean scan is evidence
    /// that the scan ran, so the file contributes although it holds no records.
    private(set) var reportedNoFindings = false
    func noteReportedNoFindings() { reportedNoFindings = true }
    public func markInput(_ kinds: Set<InputKind>) { inputs.formUnion(kinds) }

    /// Kinds this file gave beyond its reader's `provides`, for exports that carry them only when
    /// asked to (Entra app role assignments, `$expand`): counted as `provides` are.
    private var fileProvides: Set<InputKind> = []
    public func markFileProvides(_ kinds: Set<InputKind>) { fileProvides.formUnion(kinds) }

    public struct AccountKey: Hashable, Sendable {
        public var platform: Platform
        public var account: String
    }

    /// Accounts this file's records were about (call on a one-file builder, after its reader ran):
    /// identities' accounts, audit coverage's accounts, Kubernetes RBAC clusters.
    func accountsRead() -> Set<AccountKey> {
        var keys = Set(identities.values.map { AccountKey(platform: $0.platform, account: $0.account ?? "") })
        keys.formUnion(coverage.values.map { AccountKey(platform: $0.platform, account: $0.account ?? "") })
        keys.formUnion(kubernetesRBAC.clusters.keys.map { AccountKey(platform: .kubernetes, account: $0) })
        return keys
    }

    /// Marks what one file (this builder's) gave: its reader's input kinds count only when it
    /// accepted a record, for the accounts its records were about; otherwise the ledger says why.
    func recordContribution(file: String, provides: Set<InputKind>, ledger: inout LedgerEntry) {
        let provides = provides.union(fileProvides)
        guard !provides.isEmpty else { return }
        let contributed = ledger.accepted > 0 || (reportedNoFindings && ledger.read == 0)
        var reason: String?
        if reportedNoFindings && ledger.read == 0 { ledger.notes.append("the scanner reported no findings") }
        if contributed {
            markInput(provides)
            let bound = provides.intersection(InputKind.platformBound)
            if !bound.isEmpty {
                for key in accountsRead() {
                    accountInputs[key, default: ([], [])].inputs.formUnion(bound)
                    accountInputs[key, default: ([], [])].files.insert(file)
                }
            }
        } else {
            reason = FileContribution.emptyReason(read: ledger.read, rejected: ledger.rejected)
            ledger.notes.append(reason!)
        }
        contributions.append(
            FileContribution(file: file, inputs: provides.sorted(), contributed: contributed, reason: reason))
    }

    /// Marks a file that could not be read (kept going past it) as contributing nothing.
    func recordFailure(file: String, provides: Set<InputKind>) {
        guard !provides.isEmpty else { return }
        contributions.append(
            FileContribution(
                file: file, inputs: provides.sorted(), contributed: false,
                reason: "could not be read (see the ledger)"))
    }

    /// What `recordContribution` gathered, in the model's sorted form.
    public var evidenceCoverage: EvidenceCoverage {
        EvidenceCoverage(
            accounts: accountInputs.map {
                AccountCoverage(
                    platform: $0.key.platform, account: $0.key.account,
                    inputs: $0.value.inputs.sorted(), files: $0.value.files.sorted())
            }.sorted(),
            files: contributions.sorted { $0.file < $1.file })
    }

    /// Records one event into the aggregate for its key, creating it on first sight.
    public func recordActivity(
        identity: IdentityID, platform: Platform, action: String, requestFields: [String] = [],
        environment: String, account: String?, readOnly: Bool, at time: Date, denied: Bool = false,
        userAgent: String? = nil, sourceIP: String? = nil, credentialId: String? = nil,
        sessionName: String? = nil, actor: String? = nil, repository: String? = nil, evidence: EvidenceRef? = nil,
        sourceFile: String
    ) {
        let key = ActivityKey(
            identity: identity, action: action, requestFields: requestFields, environment: environment, account: account
        )
        // One hash lookup and an in-place update: this runs once per audit event.
        activityTable.update(key) {
            ActivityRecord(
                identity: identity, platform: platform, action: action, requestFields: requestFields,
                environment: environment, account: account, readOnly: readOnly, at: time)
        } _: {
            $0.record(
                at: time, denied: denied, userAgent: userAgent, sourceIP: sourceIP, credentialId: credentialId,
                sessionName: sessionName, actor: actor, repository: repository, evidence: evidence)
        }
        noteCoverage(environment: environment, platform: platform, account: account, at: time, file: sourceFile)
    }

    /// The activity aggregates, in no particular order, leaving the builder without them: the
    /// inventory takes them over rather than holding a second copy.
    public func takeActivity() -> [ActivityRecord] { activityTable.take() }

    /// The activity aggregates with their keys' places, leaving the builder without them (for
    /// identity resolution, which resolves them beside the rest of the builder).
    func takeActivityTable() -> ActivityTable {
        let table = activityTable
        activityTable = ActivityTable()
        return table
    }

    /// Makes room for `count` more activity aggregates, so that a reader handing over many at once
    /// does not rehash the table as it grows.
    public func reserveActivity(_ count: Int) { activityTable.reserveCapacity(activityTable.count + count) }

    /// Adds an activity aggregate built elsewhere (a streaming reader's own pre-aggregation),
    /// merging it into the record of the same key when there is one.
    public func addActivity(_ record: consuming ActivityRecord) { activityTable.add(consume record) }

    /// Adds audit coverage aggregated elsewhere, with the hours (since 1970) that saw events.
    public func addCoverage(_ entry: AuditCoverage, hours: Set<Int>) {
        let key = "\(entry.environment)\u{1F}\(entry.platform.rawValue)\u{1F}\(entry.account ?? "")"
        if var mine = coverage[key] {
            mine.events += entry.events
            mine.firstEvent = [mine.firstEvent, entry.firstEvent].compactMap { $0 }.min()
            mine.lastEvent = [mine.lastEvent, entry.lastEvent].compactMap { $0 }.max()
            for file in entry.files where coverageFiles[key, default: Set(mine.files)].insert(file).inserted {
                mine.files.append(file)
            }
            coverage[key] = mine
        } else {
            coverage[key] = entry
        }
        coverageHours[key, default: []].formUnion(hours)
    }

    /// The last coverage key built, reused while consecutive events share environment and account.
    private var lastCoverage: (environment: String, platform: Platform, account: String?, key: String, hour: Int)?

    /// Adds an aggregate read as such (canonical activity.csv); the audit source covers its first and last time.
    public func addActivity(_ record: ActivityRecord, sourceFile: String) {
        addActivity(record)
        for time in Set([record.firstSeen, record.lastSeen]).sorted() {
            noteCoverage(
                environment: record.environment, platform: record.platform, account: record.account, at: time,
                file: sourceFile)
        }
    }

    /// Notes that an audit source covers `time` for an environment (also for events that carry no identity).
    public func noteCoverage(environment: String, platform: Platform, account: String?, at time: Date, file: String) {
        let key: String
        if let last = lastCoverage, last.environment == environment, last.platform == platform, last.account == account
        {
            key = last.key
        } else {
            key = "\(environment)\u{1F}\(platform.rawValue)\u{1F}\(account ?? "")"
            lastCoverage = (environment, platform, account, key, -1)
        }
        if let index = coverage.index(forKey: key) {
            coverage.values[index].events += 1
            coverage.values[index].firstEvent = min(coverage.values[index].firstEvent ?? time, time)
            coverage.values[index].lastEvent = max(coverage.values[index].lastEvent ?? time, time)
            if coverage.values[index].files.last != file,
                coverageFiles[key, default: Set(coverage.values[index].files)].insert(file).inserted
            {
                coverage.values[index].files.append(file)
            }
        } else {
            coverage[key] = AuditCoverage(
                environment: environment, platform: platform, account: account,
                firstEvent: time, lastEvent: time, events: 1, files: [file])
        }
        let hour = Int(time.timeIntervalSince1970 / 3600)
        if lastCoverage?.hour != hour {
            coverageHours[key, default: []].insert(hour)
            lastCoverage?.hour = hour
        }
    }

    /// Folds another builder (one file's worth) into this one, taking its activity records over
    /// (`other` is left without them) rather than copying them.
    public func merge(_ other: InventoryBuilder) {
        for id in other.identities.keys.sorted() { addIdentity(other.identities[id]!) }
        grants.append(contentsOf: other.grants)
        permissionBoundaries.append(contentsOf: other.permissionBoundaries)
        trusts.append(contentsOf: other.trusts)
        activityTable.merge(other.takeActivityTable())
        for (key, entry) in other.coverage { addCoverage(entry, hours: other.coverageHours[key] ?? []) }
        owners.append(contentsOf: other.owners)
        changes.append(contentsOf: other.changes)
        incidents.append(contentsOf: other.incidents)
        leaks.append(contentsOf: other.leaks)
        inputs.formUnion(other.inputs)
        contributions.append(contentsOf: other.contributions)
        for (key, value) in other.accountInputs {
            accountInputs[key, default: ([], [])].inputs.formUnion(value.inputs)
            accountInputs[key, default: ([], [])].files.formUnion(value.files)
        }
        iamFacts.merge(other.iamFacts)
        kubernetesRBAC.merge(other.kubernetesRBAC)
        integrity.merge(other.integrity)
    }

    /// Folds in the activity and coverage read from the later part of the same file (`LineSplit`):
    /// each record as if its events had followed this builder's (`ActivityRecord.merge(_:continuing:)`);
    /// `other` is left without its activity records, taken over as `merge` takes them.
    func append(laterPartOf other: InventoryBuilder) {
        activityTable.merge(other.takeActivityTable(), continuing: true)
        for (key, entry) in other.coverage { addCoverage(entry, hours: other.coverageHours[key] ?? []) }
    }

    /// Moves the line of every example event `by` lines: a part of a file read with its lines
    /// counted from its own start (`CloudTrailSecondPart`), once the line it starts on is known.
    func shiftExampleLines(by lines: Int) {
        guard lines != 0 else { return }
        activityTable.shiftExampleLines(by: lines)
    }

    /// Replaces identity references everywhere (identity resolution, e.g. access key id → user).
    public func rewriteIdentities(_ mapping: [IdentityID: IdentityID]) {
        guard !mapping.isEmpty else { return }
        activityTable.rewriteIdentities(mapping)
        for (from, to) in mapping {
            guard let moved = identities.removeValue(forKey: from) else { continue }
            if identities[to] == nil {
                var renamed = moved
                renamed.id = to
                identities[to] = renamed
            }
        }
        grants = grants.map {
            var grant = $0; grant.identity = mapping[grant.identity] ?? grant.identity; return grant
        }
        permissionBoundaries = permissionBoundaries.map {
            var grant = $0; grant.identity = mapping[grant.identity] ?? grant.identity; return grant
        }
    }

    /// Direct access for the resolution and finishing steps of the collector.
    /// Both change the identities in place: a copy taken out and written back retains every field,
    /// and each array it changes is copied again, as the dictionary still holds the original.
    public func updateIdentity(_ id: IdentityID, _ body: (inout Identity) -> Void) {
        guard let index = identities.index(forKey: id) else { return }
        body(&identities.values[index])
    }

    /// Every identity, in the dictionary's order (`body` must not depend on it). The loop steps by
    /// index itself: `indices` would hold the dictionary, and the first change would copy it whole.
    public func updateIdentities(_ body: (inout Identity) -> Void) {
        var index = identities.values.startIndex
        while index != identities.values.endIndex {
            body(&identities.values[index])
            identities.values.formIndex(after: &index)
        }
    }

    /// The names borne by one identity alone, with its id: owner lists and change records may name
    /// an identity instead of giving its id. Read in place, not grouped into copies of the identities.
    func identitiesByUniqueName() -> [String: IdentityID] {
        var byName: [String: IdentityID] = [:]
        var repeated: Set<String> = []
        var index = identities.values.startIndex
        while index != identities.values.endIndex {
            let name = identities.values[index].name
            if byName.updateValue(identities.values[index].id, forKey: name) != nil { repeated.insert(name) }
            identities.values.formIndex(after: &index)
        }
        for name in repeated { byName[name] = nil }
        return byName
    }

    /// The identity a reference in owners.csv or a change record names: the identity of that id,
    /// else the one identity bearing that name. The names are gathered once, when the lookup is made.
    func identityReferences() -> (String) -> IdentityID? {
        let byName = identitiesByUniqueName()
        return { [self] reference in
            let id = IdentityID(reference)
            return identities.keys.contains(id) ? id : byName[reference]
        }
    }

    public func updateChanges(_ body: (inout ChangeRecord) -> Void) {
        for index in changes.indices { body(&changes[index]) }
    }

    public func updateIncidents(_ body: (inout IncidentRecord) -> Void) {
        for index in incidents.indices { body(&incidents[index]) }
    }
}

extension Identity {
    /// Merges facts about the same identity from another source: inventory facts beat
    /// activity-only placeholders; nothing known is overwritten with nothing.
    mutating func merge(_ other: Identity) {
        if !inInventory && other.inInventory {
            kind = other.kind; name = other.name; isHuman = other.isHuman; humanBasis = other.humanBasis
            isPlatformService = other.isPlatformService
        }
        inInventory = inInventory || other.inInventory
        account = account ?? other.account
        namespace = namespace ?? other.namespace
        if !Self.isSortedWithoutRepeats(environments) || !other.environments.allSatisfy(environments.contains) {
            environments = Array(Set(environments + other.environments)).sorted()
        }
        createdAt = createdAt ?? other.createdAt
        if let theirs = other.lastUsedAt { lastUsedAt = max(lastUsedAt ?? theirs, theirs) }
        tags.merge(other.tags) { mine, _ in mine }
        attributes.merge(other.attributes) { mine, _ in mine }
        owner = owner ?? other.owner
        for credential in other.credentials { credentials.add(credential) }
        evidence.append(contentsOf: other.evidence.filter { !evidence.contains($0) })
    }

    /// Sets `environments` to `Array(Set(environments).union(more)).sorted()`; most identities
    /// acted only where their inventory puts them, and for those the set is not built.
    mutating func formEnvironments(union more: Set<String>) {
        guard !Self.isSortedWithoutRepeats(environments) || !more.allSatisfy(environments.contains) else { return }
        environments = Array(Set(environments).union(more)).sorted()
    }

    /// Whether `values` is what `Array(Set(values)).sorted()` makes of it, so that merging in values
    /// it holds already changes nothing (and builds no set).
    static func isSortedWithoutRepeats(_ values: [String]) -> Bool {
        zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
    }
}

extension [Credential] {
    /// Merges `credential` into the first one with its id, or appends it.
    mutating func add(_ credential: Credential) {
        if let index = firstIndex(where: { $0.id == credential.id }) {
            self[index].merge(credential)
        } else {
            append(credential)
        }
    }
}

extension Credential {
    mutating func merge(_ other: Credential) {
        // A credential seen only in use (a sign-in naming its key id) learns its kind from the inventory.
        if kind == .other { kind = other.kind }
        active = active && other.active
        createdAt = createdAt ?? other.createdAt
        lastRotatedAt = lastRotatedAt ?? other.lastRotatedAt
        if let theirs = other.lastUsedAt { lastUsedAt = max(lastUsedAt ?? theirs, theirs) }
        expiresAt = expiresAt ?? other.expiresAt
        lastUsedService = lastUsedService ?? other.lastUsedService
        lastUsedRegion = lastUsedRegion ?? other.lastUsedRegion
        hashedToken = hashedToken ?? other.hashedToken
        evidence.append(contentsOf: other.evidence.filter { !evidence.contains($0) })
    }
}

import Foundation
import NHIModel

/// An activity aggregate with its authority class (nil = unclassified). A class, so that rules
/// hold and pass around one reference per aggregate: a copy of the record itself retains each of
/// its strings, lists and counters.
public final class ClassifiedActivity: Sendable {
    /// The inventory's records (one shared buffer) and this aggregate's position in them: the
    /// record is read in place rather than held as a second copy of its fields (about 280 bytes
    /// per aggregate).
    private let records: [ActivityRecord]
    /// Its position in the inventory's activity (and the context's).
    let position: Int
    public let authorityClass: AuthorityClass?
    /// Successful calls (refused calls exercise no authority).
    public let effectiveCount: Int
    /// `RuleContext.isProduction` of the record's environment.
    public let inProduction: Bool

    /// Borrowed, not copied: `item.record.action` retains the action only.
    public var record: ActivityRecord {
        _read { yield records[position] }
    }

    init(records: [ActivityRecord], index: Int, authorityClass: AuthorityClass?, inProduction: Bool) {
        self.records = records; position = index; self.authorityClass = authorityClass
        self.inProduction = inProduction
        effectiveCount = records[index].count - records[index].deniedCount
    }
}

/// The activity of one identity with at least one successful call, and what rules ask first about
/// the identity, looked up once rather than per aggregate and per rule.
public struct IdentityActivity: Sendable {
    public let identity: IdentityID
    /// `RuleContext.isNHI` of the identity.
    public let isNHI: Bool
    /// Its aggregates with `effectiveCount > 0`, in inventory order.
    public let used: [ClassifiedActivity]
}

/// What every rule reads: the inventory, the policy, the action classes and derived indexes.
/// A class, so that rules, their helpers and the closures they build hold one reference to it
/// rather than a copy of its dozen fields, each retained.
public final class RuleContext: Sendable {
    public let inventory: Inventory
    public let policy: Policy
    public let classifier: AuthorityClassifier
    /// The reference time for ages and staleness: the period end, else the run time.
    public let asOf: Date
    public let activity: [ClassifiedActivity]
    /// The used activity grouped by identity, identities in the order of their first aggregate (the
    /// inventory's records are sorted by identity, so walking the groups meets the aggregates in
    /// inventory order).
    public let usedByIdentity: [IdentityActivity]
    /// What several rules and views derive alike (`derived`).
    private let derivedResults = DerivedResults()
    /// Classes per granted pattern and per grant action list, computed once each.
    private let grantClassCache: GrantClassCache
    /// The identities by id, with `judges` of each (asked per grant and per aggregate by several
    /// rules) and the owners.csv rows by reference.
    let people: IdentityLookup
    /// `isProduction` of each environment the activity names (rules ask per aggregate; the policy
    /// compares names ignoring case).
    private let productionByName: [String: Bool]

    public init(inventory: Inventory, policy: Policy, classifier: AuthorityClassifier, asOf: Date) {
        self.inventory = inventory; self.policy = policy; self.classifier = classifier; self.asOf = asOf
        // The grants' classes with the identity tables, and the activity's classes with its groups
        // by identity, are independent of each other: worked out on two cores.
        var grantClasses: GrantClassCache?
        var lookup: IdentityLookup?
        var classified: (activity: [ClassifiedActivity], production: [String: Bool]) = ([], [:])
        var groups: [(identity: IdentityID, used: [ClassifiedActivity])] = []
        SideBySide.run {
            grantClasses = GrantClassCache(grants: inventory.grants, classifier: classifier)
            lookup = IdentityLookup(inventory)
        } and: {
            classified = RuleContext.classify(inventory.activity, classifier) {
                policy.isProduction($0, scope: inventory.scope)
            }
            groups = RuleContext.usedGroups(classified.activity)
        }
        grantClassCache = grantClasses!
        activity = classified.activity
        productionByName = classified.production
        people = lookup!
        usedByIdentity = groups.map { group in
            IdentityActivity(identity: group.identity, isNHI: lookup!.judges(group.identity) ?? true, used: group.used)
        }
    }

    /// The aggregates with successful calls grouped by identity, identities in the order of their
    /// first aggregate. The inventory's records are sorted by identity: an aggregate's identity is
    /// compared with the last group's before it is looked up (hashed) among all of them.
    private static func usedGroups(_ activity: [ClassifiedActivity]) -> [(
        identity: IdentityID, used: [ClassifiedActivity]
    )] {
        var groupOf: [IdentityID: Int] = [:]
        var groups: [(identity: IdentityID, used: [ClassifiedActivity])] = []
        for item in activity where item.effectiveCount > 0 {
            let identity = item.record.identity
            if let last = groups.indices.last, groups[last].identity == identity {
                groups[last].used.append(item)
            } else if let index = groupOf[identity] {
                groups[index].used.append(item)
            } else {
                groupOf[identity] = groups.count
                groups.append((identity, [item]))
            }
        }
        return groups
    }

    /// Each aggregate with its class and whether its environment is production, and that per
    /// environment. Aggregates repeat the same few hundred action shapes and environments: each is
    /// judged once. Fields are read in place: a copy of a record retains each of them.
    private static func classify(
        _ records: [ActivityRecord], _ classifier: AuthorityClassifier, isProduction: (String) -> Bool
    ) -> (activity: [ClassifiedActivity], production: [String: Bool]) {
        var shapes: [ActionShape: AuthorityClass?] = [:]
        var production: [String: Bool] = [:]
        let activity = records.indices.map { index in
            let shape = ActionShape(
                platform: records[index].platform, action: records[index].action,
                requestFields: records[index].requestFields)
            let classified: AuthorityClass?
            if let known = shapes[shape] {
                classified = known
            } else {
                classified = classifier.classify(
                    platform: shape.platform, action: shape.action, requestFields: shape.requestFields)
                shapes[shape] = classified
            }
            let environment = records[index].environment
            let inProduction =
                production[environment]
                ?? {
                    let judged = isProduction(environment)
                    production[environment] = judged
                    return judged
                }()
            // The log's own read-only flag is a fact, not a guess.
            return ClassifiedActivity(
                records: records, index: index, authorityClass: classified ?? (records[index].readOnly ? .read : nil),
                inProduction: inProduction)
        }
        return (activity, production)
    }

    /// The identity with this id, copied (a copy retains each of its fields): rules that read a field
    /// or two read it in place through `position(of:)`.
    public func identity(_ id: IdentityID) -> Identity? { people[id] }

    /// Where the identity with this id is in the inventory's list (the first, where an id repeats):
    /// `inventory.identities[position].kind` reads one field in place. Handing an identity to a
    /// function or closure copies it, even inlined.
    func position(of id: IdentityID) -> Int? { people.positions[id] }

    /// What `compute` derives from this context, computed on the first call under `key` only:
    /// several rules and views read the same grouping (dual use sides, administrative grants).
    func derived<Value>(_ key: String, _ compute: () -> Value) -> Value {
        derivedResults.value(key, compute)
    }

    /// The user agents of the activity, numbered (derived on first use).
    var userAgents: ActivityAgents { derived("user agents") { ActivityAgents(activity) } }

    /// The authority classes a list of granted actions covers (see `GrantClassIndex`).
    public func grantClasses(platform: Platform, actions: [String], inverted: Bool = false) -> Set<AuthorityClass> {
        grantClassCache.classes(platform: platform, actions: actions, inverted: inverted)
    }

    /// A non-human identity the organisation answers for; identities no inventory knows count as NHIs
    /// unless the collector judged them human or platform-internal.
    public func isNHI(_ id: IdentityID) -> Bool { people.judges(id) ?? true }

    /// Whether rules judge this identity: an organisation NHI, not a group (groups do not authenticate;
    /// their members do) and not an AWS service-linked role (AWS creates, owns and scopes those).
    public func judges(_ identity: Identity) -> Bool { Self.judges(identity) }

    /// `judges` of the identity at this position of the inventory's list, worked out once.
    func judges(at position: Int) -> Bool { people.judges(at: position) }

    static func judges(_ identity: Identity) -> Bool {
        guard identity.isOrganisationNHI, identity.kind != .group else { return false }
        return
            !(identity.platform == .aws
            && (identity.attributes["path"]?.hasPrefix("/aws-service-role/") == true
                || identity.name.hasPrefix("AWSServiceRoleFor")))
    }

    /// Whether owners.csv names the identity (by id or name): the organisation knows it.
    public func isListedInOwners(_ id: IdentityID) -> Bool {
        if people.ownersByRef[id.rawValue.lowercased()] != nil { return true }
        guard let position = people.positions[id] else { return false }
        return people.ownersByRef[people.identities[position].name.lowercased()] != nil
            || people.identities[position].owner != nil
    }

    public func isProduction(_ environment: String) -> Bool {
        productionByName[environment] ?? policy.isProduction(environment, scope: inventory.scope)
    }

    public func displayName(_ id: IdentityID) -> String {
        people.positions[id].map { people.identities[$0].name } ?? id.rawValue
    }

    /// The owners.csv row for an identity: the one the collector attached, else one naming its id or name.
    public func owner(of id: IdentityID) -> OwnerRecord? {
        let position = people.positions[id]
        if let position, let attached = people.identities[position].owner { return attached }
        if let row = people.ownersByRef[id.rawValue.lowercased()] { return row }
        if let position, let row = people.ownersByRef[people.identities[position].name.lowercased()] { return row }
        return nil
    }

    /// Resolves a reference as written in records (canonical id or unique name) to an identity.
    public func resolve(_ reference: String) -> IdentityID? {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if people.positions[IdentityID(trimmed)] != nil { return IdentityID(trimmed) }
        let named = people.idsByName[trimmed.lowercased()] ?? []
        return named.count == 1 ? named[0] : nil
    }

    /// Break-glass by owners.csv purpose, or by a naming pattern of the policy.
    /// Answered once per inventoried identity (four rules ask, each matching every name pattern).
    public func isBreakGlass(_ id: IdentityID) -> Bool {
        guard people.positions[id] != nil else { return judgesBreakGlass(id, breakGlassPatterns()) }
        return derived("break-glass identities") {
            let patterns = breakGlassPatterns()
            return Set(people.positions.keys.filter { judgesBreakGlass($0, patterns) })
        }
        .contains(id)
    }

    /// The policy's name patterns, matched ignoring case as `WildcardPattern` does: pattern and
    /// names lower-cased once each rather than at every match (a hundred thousand identities, two
    /// names each, every pattern).
    private func breakGlassPatterns() -> [WildcardPattern] {
        policy.breakGlassNamePatterns.map { WildcardPattern($0.lowercased(), caseInsensitive: false) }
    }

    private func judgesBreakGlass(_ id: IdentityID, _ patterns: [WildcardPattern]) -> Bool {
        if owner(of: id)?.purpose == .breakGlass { return true }
        let names = [id.rawValue.lowercased(), displayName(id).lowercased()]
        return patterns.contains { pattern in names.contains { pattern.matches($0) } }
    }

    /// Times of successful mutating calls; aggregates without them fall back to first and last seen.
    /// Inlined: an aggregate's record (`ClassifiedActivity.record`, borrowed) is then read in place,
    /// not copied to be passed (a copy retains each of its fields).
    @inline(__always)
    public func useTimes(_ record: ActivityRecord) -> [Date] {
        if !record.writeTimes.isEmpty { return record.writeTimes }
        // First and last seen, once each, in order (no set of them: building one copied the whole
        // record, a retain per field, for each aggregate without write times).
        let first = record.firstSeen, last = record.lastSeen
        return first == last ? [first] : [min(first, last), max(first, last)]
    }

    public func matchesAny(_ patterns: [String], _ value: String) -> Bool {
        patterns.contains { WildcardPattern($0).matches(value) }
    }

    public var periodStart: Date? { inventory.scope.periodStart }
}

/// Formatting helpers for finding details (stable text, sorted).
enum Detail {
    static func time(_ date: Date?) -> String { date.map(ISO8601.string(from:)) ?? "unknown" }

    static func counts(_ counts: [String: Int]) -> String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
    }

    static func list(_ values: some Sequence<String>) -> String { Set(values).sorted().joined(separator: ", ") }

    static func days(_ interval: TimeInterval) -> Int { Int((interval / 86_400).rounded(.down)) }
}

/// Values derived from one context, by key, each computed once. The detector runs rules and views
/// on several threads, and several of them ask for the same value (dual use sides, granted
/// classes): the first asker computes it, holding only that key's cell, and the others wait for it
/// rather than compute it again (the largest take seconds at 100 k identities). The table lock is
/// held just to find the cell, so one key being computed holds up no other key; a value derived
/// from another takes the other's cell inside its own, which cannot deadlock as long as no value
/// is derived from itself.
private final class DerivedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var cells: [String: DerivedCell] = [:]

    func value<Value>(_ key: String, _ compute: () -> Value) -> Value {
        let cell = lock.withLock {
            if let known = cells[key] { return known }
            let cell = DerivedCell()
            cells[key] = cell
            return cell
        }
        return cell.value(compute)
    }
}

/// One derived value, computed under the cell's own lock by its first asker.
private final class DerivedCell: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Any?

    func value<Value>(_ compute: () -> Value) -> Value {
        lock.withLock {
            if let known = stored as? Value { return known }
            let value = compute()
            stored = value
            return value
        }
    }
}

/// What the classifier reads from an aggregate. Hashed as it is, without joining the fields into a
/// string per aggregate.
private struct ActionShape: Hashable {
    var platform: Platform
    var action: String
    var requestFields: [String]
}

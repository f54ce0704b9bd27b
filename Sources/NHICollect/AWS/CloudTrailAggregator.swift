import Foundation
import NHIModel

/// Aggregates CloudTrail events of one file straight from the scanner's byte spans: values are
/// interned to integer ids, so an event costs a few hash probes instead of a dozen Strings.
/// Aggregates go to the builder (`addActivity`, `addCoverage`) at the end of the file, or
/// earlier when the interned values exceed `maxValues` (`isFull`), so memory stays bounded by distinct keys.
///
/// Semantics are exactly those of `InventoryBuilder.recordActivity` per event (tests check it).
struct CloudTrailAggregator: CloudTrailFieldSink {
    static let maxValues = 200_000

    private let file: SourceFile
    private let context: CollectContext
    private let builder: InventoryBuilder
    private(set) var withoutPrincipal = 0

    // The event being scanned.
    private var values = [Int32](repeating: -1, count: CloudTrailField.allCases.count)
    private var time: Date?
    private var timeSeen = false
    private var readOnlyFlag: Bool?
    private var requestIsObject = false
    private var requestNames: [Int32] = []

    // Per-file memo tables, all keyed by interned ids.
    private var interner = ValueInterner()
    private var principals: [PrincipalKey: Int32] = [:]
    private let arnCache = CloudTrailPrincipal.Cache()
    private var principalTable: [(identity: Int32, session: Int32, actor: Int32)] = []
    private var identities: [IdentityID] = []
    private var identityIds: [IdentityID: Int32] = [:]
    private var actionIds: [Int64: Int32] = [:]
    private var actions: [String] = []
    private var actionsByName: [String: Int32] = [:]
    private var readOnlyNames: [Int32: Bool] = [:]
    private var typesNeedingIds: [Int32: Bool] = [:]
    private var deniedCodes: [Int32: Bool] = [:]
    private var fieldSets: [[Int32]: Int32] = [[]: 0]
    private var fieldSetsByOrder: [[Int32]: Int32] = [:]
    private var fieldLists: [[String]] = [[]]
    private var environments: [Int32: String] = [:]
    private var keys: [LocalKey: Int] = [:]
    private var records: [LocalRecord] = []
    private var coverage: [CoverageKey: LocalCoverage] = [:]
    private var coverageOrder: [CoverageKey] = []

    init(file: SourceFile, context: CollectContext, builder: InventoryBuilder) {
        self.file = file; self.context = context; self.builder = builder
    }

    // MARK: sink

    mutating func field(_ field: CloudTrailField, _ value: JSONStringSpan?, at offset: Int) throws(JSONScanError) {
        if field == .eventTime {
            timeSeen = value != nil
            time = try value.flatMap { (span) throws(JSONScanError) in
                if !span.hasEscapes, let fast = TimestampParser.fastParse(UnsafeBufferPointer(start: span.start, count: span.count)) {
                    return fast
                }
                return TimestampParser.parse(try JSONCursor.decode(span, at: offset))
            }
            return
        }
        guard Self.used[field.rawValue] else { return }
        values[field.rawValue] = try value.map { (span) throws(JSONScanError) in try intern(span, at: offset) } ?? -1
    }

    /// Fields activity needs; the others (unique per event, like `eventID`) are not interned.
    private static let used: [Bool] = CloudTrailField.allCases.map {
        ![.eventID, .eventType, .awsRegion, .issuerType, .issuerAccountId, .issuerUserName].contains($0)
    }

    mutating func readOnly(_ value: Bool?) { readOnlyFlag = value }

    mutating func beginRequestParameters(isObject: Bool) {
        requestIsObject = isObject
        requestNames.removeAll(keepingCapacity: true)
    }

    mutating func requestParameterName(_ name: JSONStringSpan, at offset: Int) throws(JSONScanError) {
        requestNames.append(try intern(name, at: offset))
    }

    private mutating func intern(_ span: JSONStringSpan, at offset: Int) throws(JSONScanError) -> Int32 {
        if span.hasEscapes { return interner.intern(try JSONCursor.decode(span, at: offset)) }
        guard let id = interner.intern(UnsafeBufferPointer(start: span.start, count: span.count)) else {
            throw JSONScanError(offset: offset, message: "invalid UTF-8 in string")
        }
        return id
    }

    private func value(_ field: CloudTrailField) -> Int32 { values[field.rawValue] }
    private func text(_ id: Int32) -> String? { id >= 0 ? interner.strings[Int(id)] : nil }

    // MARK: events

    /// Scans and records one event; returns the rejection reason when it cannot be used.
    mutating func add(_ bytes: UnsafeRawBufferPointer, line: Int, index: Int?) throws(JSONScanError) -> String? {
        for slot in values.indices { values[slot] = -1 }
        time = nil; timeSeen = false; readOnlyFlag = nil; requestIsObject = false
        requestNames.removeAll(keepingCapacity: true)
        try CloudTrailScanner.scan(bytes, into: &self)
        let source = value(.eventSource), name = value(.eventName)
        guard timeSeen, source >= 0, name >= 0, !interner.strings[Int(source)].isEmpty, !interner.strings[Int(name)].isEmpty else {
            return CloudTrailReader.notCloudTrail
        }
        guard let time else { return "eventTime is not an ISO 8601 time" }
        // With an account override every event belongs to that account: one key space.
        let accountId = file.accountOverride != nil ? -2 : (value(.recipientAccountId) >= 0 ? value(.recipientAccountId) : value(.accountId))
        let coverageKey = CoverageKey(account: accountId)
        noteCoverage(coverageKey, at: time)
        guard let principal = principal() else {
            withoutPrincipal += 1
            return nil
        }
        let readOnly = readOnlyFlag ?? readOnlyName(name)
        let entry = principalTable[Int(principal)]
        // Keyed exactly like `ActivityKey` (identity, action, fields, account), so that
        // the first event of a key fixes `readOnly` as `recordActivity` does.
        let key = LocalKey(identity: entry.identity, action: action(source, name), fields: readOnly ? 0 : fieldSet(), account: accountId)
        let slot: Int
        if let known = keys[key] {
            slot = known
        } else {
            slot = records.count
            keys[key] = slot
            records.append(LocalRecord(key: key, readOnly: readOnly, at: time))
        }
        let denied = isDenied(value(.errorCode))
        records[slot].record(at: time, denied: denied, userAgent: value(.userAgent), sourceIP: value(.sourceIPAddress),
                             credential: value(.accessKeyId), session: entry.session, actor: entry.actor,
                             evidence: { file.ref(line: line, record: index) })
        return nil
    }

    /// True when the interned values exceed `maxValues`: time to `flush`.
    var isFull: Bool { interner.count > Self.maxValues }

    private mutating func principal() -> Int32? {
        // With an ARN, only AWSService and AWSAccount principals depend on the key id or principal id:
        // leaving them out of the memo key keeps one entry per principal, not one per key or session id.
        let type = value(.type)
        let arnDecides = value(.arn) >= 0 && !needsIds(type)
        let key = PrincipalKey(type: type, arn: value(.arn), account: value(.accountId),
                               accessKey: arnDecides ? -1 : value(.accessKeyId), principalId: arnDecides ? -1 : value(.principalId),
                               userName: value(.userName), invokedBy: value(.invokedBy), issuerArn: value(.issuerArn))
        if let known = principals[key] { return known >= 0 ? known : nil }
        var user = CloudTrailEvent.UserIdentity()
        user.type = text(key.type); user.arn = text(key.arn); user.accountId = text(key.account)
        user.accessKeyId = text(key.accessKey); user.principalId = text(key.principalId); user.userName = text(key.userName)
        user.invokedBy = text(key.invokedBy); user.issuerArn = text(key.issuerArn)
        guard let resolved = CloudTrailPrincipal.of(user, cache: arnCache) else {
            principals[key] = -1
            return nil
        }
        let id = Int32(principalTable.count)
        let identity: Int32
        if let known = identityIds[resolved.identity] {
            identity = known
        } else {
            identity = Int32(identities.count)
            identityIds[resolved.identity] = identity
            identities.append(resolved.identity)
        }
        principalTable.append((identity, resolved.sessionName.map { interner.intern($0) } ?? -1,
                               resolved.actor.map { interner.intern($0) } ?? -1))
        principals[key] = id
        return id
    }

    private mutating func needsIds(_ type: Int32) -> Bool {
        guard type >= 0 else { return true }
        if let known = typesNeedingIds[type] { return known }
        let result = ["AWSService", "AWSAccount"].contains(interner.strings[Int(type)])
        typesNeedingIds[type] = result
        return result
    }

    private mutating func readOnlyName(_ name: Int32) -> Bool {
        if let known = readOnlyNames[name] { return known }
        let result = CloudTrailReader.looksReadOnly(interner.strings[Int(name)])
        readOnlyNames[name] = result
        return result
    }

    private mutating func isDenied(_ code: Int32) -> Bool {
        guard code >= 0 else { return false }
        if let known = deniedCodes[code] { return known }
        let result = CloudTrailReader.isDenied(interner.strings[Int(code)])
        deniedCodes[code] = result
        return result
    }

    /// The id of this event's sorted, capped request field names (0 = none). Memoised by the
    /// names' ids in file order, so that sorting Strings happens once per distinct shape.
    private mutating func fieldSet() -> Int32 {
        guard requestIsObject, !requestNames.isEmpty else { return 0 }
        if let known = fieldSetsByOrder[requestNames] { return known }
        let id = newFieldSet()
        fieldSetsByOrder[requestNames] = id
        return id
    }

    private mutating func newFieldSet() -> Int32 {
        var names = requestNames.map { interner.strings[Int($0)] }
        names.sort()
        var unique: [String] = []
        for name in names where unique.last != name { unique.append(name) }
        let capped = CloudTrailReader.requestFields(unique)
        let ids = capped.map { interner.intern($0) }
        if let known = fieldSets[ids] { return known }
        let id = Int32(fieldLists.count)
        fieldSets[ids] = id
        fieldLists.append(capped)
        return id
    }

    private mutating func noteCoverage(_ key: CoverageKey, at time: Date) {
        if coverage[key] == nil { coverageOrder.append(key) }
        coverage[key, default: LocalCoverage()].note(time)
    }

    // MARK: flush

    private mutating func environment(_ account: Int32) -> String {
        if let known = environments[account] { return known }
        let found = context.environment(platform: .aws, account: file.accountOverride ?? text(account), override: file.environmentOverride)
        environments[account] = found
        return found
    }

    /// `cloudformation.amazonaws.com` + `UpdateStack` → `cloudformation:UpdateStack`, as an id.
    private mutating func action(_ source: Int32, _ name: Int32) -> Int32 {
        let key = Int64(source) << 32 | Int64(name)
        if let known = actionIds[key] { return known }
        let sourceText = interner.strings[Int(source)]
        let service = sourceText.split(separator: ".", maxSplits: 1).first.map(String.init) ?? sourceText
        let action = "\(service):\(interner.strings[Int(name)])"
        let id: Int32
        if let known = actionsByName[action] {
            id = known
        } else {
            id = Int32(actions.count)
            actionsByName[action] = id
            actions.append(action)
        }
        actionIds[key] = id
        return id
    }

    /// Hands every aggregate to the builder and starts afresh. `sha256` is the file's digest, for the
    /// example events (the reader may hash the file while it reads it, so it is known only now).
    mutating func flush(sha256: String) {
        for record in records {
            let key = record.key
            let account = file.accountOverride ?? text(key.account)
            var activity = ActivityRecord(
                identity: identities[Int(key.identity)], platform: .aws, action: actions[Int(key.action)],
                requestFields: fieldLists[Int(key.fields)], environment: environment(key.account), account: account,
                readOnly: record.readOnly, at: record.firstSeen)
            activity.count = record.count
            activity.deniedCount = record.denied
            activity.firstSeen = record.firstSeen
            activity.lastSeen = record.lastSeen
            activity.writeTimes = record.writeTimes
            activity.writeTimesTruncated = record.writeTimesTruncated
            activity.userAgents = record.userAgents.counter(interner.strings)
            activity.sourceIPs = record.sourceIPs.counter(interner.strings)
            activity.credentialIds = record.credentials.counter(interner.strings)
            activity.sessionNames = record.sessions.counter(interner.strings)
            activity.actors = record.actors.counter(interner.strings)
            activity.examples = record.examples.map { example in
                var example = example
                example.sha256 = sha256
                return example
            }
            builder.addActivity(activity)
        }
        for key in coverageOrder {
            let local = coverage[key]!
            builder.addCoverage(AuditCoverage(environment: environment(key.account), platform: .aws,
                                              account: file.accountOverride ?? text(key.account), firstEvent: local.first,
                                              lastEvent: local.last, events: local.events, files: [file.relativePath]),
                                hours: local.hours)
        }
        self = CloudTrailAggregator(file: file, context: context, builder: builder, withoutPrincipal: withoutPrincipal)
    }

    private init(file: SourceFile, context: CollectContext, builder: InventoryBuilder, withoutPrincipal: Int) {
        self.init(file: file, context: context, builder: builder)
        self.withoutPrincipal = withoutPrincipal
    }
}

private struct PrincipalKey: Hashable {
    var type, arn, account, accessKey, principalId, userName, invokedBy, issuerArn: Int32
}

private struct LocalKey: Hashable {
    var identity, action, fields, account: Int32
}

private struct CoverageKey: Hashable {
    var account: Int32
}

private struct LocalCoverage {
    var events = 0
    var first: Date?
    var last: Date?
    var hours: Set<Int> = []
    private var lastHour = Int.min

    mutating func note(_ time: Date) {
        events += 1
        if first.map({ time < $0 }) ?? true { first = time }
        if last.map({ time > $0 }) ?? true { last = time }
        let hour = Int(time.timeIntervalSince1970 / 3600)
        if hour != lastHour { hours.insert(hour); lastHour = hour }
    }
}

/// `BoundedCounter` over interned ids: the first `limit` distinct values in order of appearance.
private struct IdCounter {
    var ids: [Int32] = []
    var counts: [Int] = []
    var overflow = 0
    static let limit = BoundedCounter().limit

    @inline(__always)
    mutating func add(_ id: Int32) {
        guard id >= 0 else { return }
        if let index = ids.firstIndex(of: id) { counts[index] += 1 }
        else if ids.count < Self.limit { ids.append(id); counts.append(1) }
        else { overflow += 1 }
    }

    func counter(_ strings: [String]) -> BoundedCounter {
        var counter = BoundedCounter()
        for (id, count) in zip(ids, counts) { counter.add(strings[Int(id)], count: count) }
        // A full counter sends any value it has not seen to overflow: replay the overflow that way.
        if overflow > 0 { counter.add("\u{0}overflow", count: overflow) }
        return counter
    }
}

/// The mirror of `ActivityRecord.record` over interned ids.
private struct LocalRecord {
    let key: LocalKey
    let readOnly: Bool
    var count = 0
    var denied = 0
    var firstSeen: Date
    var lastSeen: Date
    var writeTimes: [Date] = []
    var writeTimesTruncated = false
    var userAgents = IdCounter()
    var sourceIPs = IdCounter()
    var credentials = IdCounter()
    var sessions = IdCounter()
    var actors = IdCounter()
    var examples: [EvidenceRef] = []

    init(key: LocalKey, readOnly: Bool, at time: Date) {
        self.key = key; self.readOnly = readOnly; firstSeen = time; lastSeen = time
    }

    @inline(__always)
    mutating func record(at time: Date, denied isDenied: Bool, userAgent: Int32, sourceIP: Int32, credential: Int32,
                         session: Int32, actor: Int32, evidence: () -> EvidenceRef) {
        count += 1
        if isDenied { denied += 1 }
        if time < firstSeen { firstSeen = time }
        if time > lastSeen { lastSeen = time }
        if !readOnly && !isDenied {
            if writeTimes.count < ActivityRecord.maxWriteTimes { writeTimes.append(time) } else { writeTimesTruncated = true }
        }
        userAgents.add(userAgent)
        sourceIPs.add(sourceIP)
        credentials.add(credential)
        sessions.add(session)
        actors.add(actor)
        if examples.count < ActivityRecord.maxExamples { examples.append(evidence()) }
    }
}

import CJSONScan
import Foundation
import NHIModel

/// Aggregates the audit Events of one file straight from the scanner's byte spans. Values are
/// memoised by their bytes (usernames, a compound key of verb, group, resource and subresource,
/// namespaces, user agents, source IPs, credential ids) into dense ids; Strings are built only
/// when a memo misses. Aggregates are keyed by ids and go to the builder (`addActivity`,
/// `addCoverage`) at the end of the file, or earlier when the memo tables exceed `maxValues`
/// (`isFull`), so memory stays bounded by distinct keys.
///
/// Each request is counted once: at ResponseComplete (or Panic), or at the last stage seen for its
/// auditID when the log has no final stage for it. Earlier stages are held back as a copy of their
/// bytes (rare) and scanned again when counted. Semantics are exactly those of recording every
/// event through `InventoryBuilder.recordActivity` (tests check it).
struct KubernetesAuditAggregator: KubernetesAuditSink, AuditLogAggregator {
    static let maxValues = 200_000

    let file: SourceFile
    let context: CollectContext
    let cluster: String
    let builder: InventoryBuilder
    /// Acceptances and rejections of the events, for the reader's ledger entry.
    var ledger: LedgerEntry
    private(set) var superseded = 0
    /// The first and last time of the file's counted events, over its flushes.
    var recordTimes = RecordTimes()

    // Where the record being scanned is, for evidence refs.
    var line = 0
    var index: Int?

    // The event being scanned.
    let scratch = KubernetesEventScratch(fields: KubernetesAuditField.allCases.count)
    var present: UInt32 = 0
    /// Fields known to be valid UTF-8 (decoded from escapes).
    var checked: UInt32 = 0
    var code = 0
    var body: UnsafeRawBufferPointer?
    var minute = KubernetesLastMinute()

    // Memo tables: bytes → dense ids, with per-id facts in plain arrays.
    var escapes = ByteKeyTable()
    var unescaped = ByteKeyTable()
    var unescapedOf: [Int32] = []
    var users = ByteKeyTable()
    var userIdentity: [Int32] = []
    var userAdded: [Bool] = []
    var identities = DenseIds<IdentityID>()
    var actionKeys = ByteKeyTable()
    var actionOfKey: [Int32] = []
    var readOnlyOfKey: [Bool] = []
    var patchOfKey: [Bool] = []
    var actions = DenseIds<String>()
    var namespaces = ByteKeyTable()
    var environmentOfNamespace: [Int32] = []
    var environmentWithoutNamespace = ValueId.absent
    var environments: [String] = []
    var environmentIds: [String: Int32] = [:]
    var values = ByteKeyTable()

    // Aggregates by identity, action, request shape and environment.
    var keys = FixedKeyIndex<KubernetesActivityKey>(capacity: 32)
    var records: [KubernetesLocalRecord] = []
    /// Per record: user agents, source IPs, credentials, actors.
    let counters = CounterBlocks(kinds: KubernetesCounter.allCases.count, limit: BoundedCounter().limit)
    /// Set when a record's count nears the counters' 32-bit limit: time to `flush`.
    var countsNearLimit = false
    var writes = SlotList<Date>()
    var examples = SlotList<EvidenceRef>()
    var coverage: [CoverageTally] = []

    // Requests seen at a non-final stage only: memory grows with requests in flight, not with events.
    var pending: [UInt64: [Pending]] = [:]
    var pendingCount = 0
    var arrivals = 0
    var replaying: EvidenceRef?

    init(file: SourceFile, context: CollectContext, builder: InventoryBuilder, ledger: LedgerEntry) {
        self.file = file; self.context = context; self.builder = builder; self.ledger = ledger
        cluster = KubernetesNames.cluster(of: file)
    }

    /// Kubernetes records are cut by the stream alone: `add` is never told one was walked.
    var elementWalk: JSONRecordStream.ElementWalk? { nil }

    /// Scans one record (an Event, or an EventList's items) and records its events.
    @inline(__always)
    mutating func add(_ record: UnsafeRawBufferPointer, line: Int, index: Int?, walked _: Bool)
        throws(JSONScanError)
    {
        self.line = line; self.index = index
        try KubernetesAuditScanner.scan(record, into: &self, scratch: scratch.walk)
    }

    func malformed(_ error: JSONScanError, in record: UnsafeRawBufferPointer, line: Int, index: Int?)
        -> (reason: String, locator: String)
    {
        (
            "not a Kubernetes audit event (invalid JSON or wrong field types)",
            file.ref(line: index == nil ? line : nil, record: index).locator
        )
    }

    /// True when the memo tables exceed `maxValues` (or a count nears its 32-bit limit): time to `flush`.
    /// Inlined, as are the small helpers below that mutating methods call: called, a method that
    /// reads `self` made the compiler copy the whole aggregator (768 bytes) for each call.
    @inline(__always)
    var isFull: Bool {
        users.count + actionKeys.count + namespaces.count + values.count + escapes.count > Self.maxValues
            || countsNearLimit
    }

    // MARK: sink

    mutating func beginEvent() {
        present = 0
        checked = 0
        code = 0
        body = nil
        scratch.reset()
    }

    @inline(__always)
    mutating func field(_ field: KubernetesAuditField, _ value: JSONStringSpan, at offset: Int) throws(JSONScanError) {
        let bit: UInt32 = 1 << UInt32(field.rawValue)
        present |= bit
        if try store(field.rawValue, value, at: offset, isASCII: false) { checked |= bit }
    }

    /// What `field`, `responseCode` and `requestObject` do with the C walk's result, in one loop
    /// over its struct, the presence bits kept in registers. A string the walk saw to be ASCII
    /// needs no UTF-8 check at `endEvent`.
    @inline(__always)
    mutating func take(_ walk: UnsafeMutablePointer<nhi_k8s_event>) throws(JSONScanError) {
        beginEvent()
        let fields = UnsafeRawPointer(walk.pointer(to: \.fields)!).assumingMemoryBound(to: nhi_json_span.self)
        let order = UnsafeRawPointer(walk.pointer(to: \.order)!).assumingMemoryBound(to: UInt8.self)
        var present: UInt32 = 0, checked: UInt32 = 0
        for index in 0..<Int(walk.pointee.order_count) {
            let item = Int(order[index])
            if item < NHI_K8S_FIELDS {
                let span = fields[item]
                let bit: UInt32 = 1 << UInt32(item)
                present |= bit
                let value = JSONStringSpan(start: span.start, count: Int(span.count), hasEscapes: span.escaped != 0)
                if try store(item, value, at: Int(span.offset), isASCII: span.ascii != 0) { checked |= bit }
            } else if item == NHI_K8S_RESPONSE_CODE {
                responseCode(walk.pointee.code_is_null != 0 ? nil : Int(walk.pointee.code))
            } else if item == NHI_K8S_REQUEST_OBJECT {
                requestObject(UnsafeRawBufferPointer(start: walk.pointee.body, count: Int(walk.pointee.body_count)))
            }
        }
        self.present = present
        self.checked = checked
    }

    /// Puts field `item`'s value in the scratch, its escapes decoded; true when it is then known
    /// to be valid UTF-8 (decoded, or `isASCII`).
    @inline(__always)
    mutating func store(_ item: Int, _ value: JSONStringSpan, at offset: Int, isASCII: Bool)
        throws(JSONScanError) -> Bool
    {
        if value.hasEscapes {
            scratch.spans[item] = try unescape(value, at: offset)
            return true
        }
        scratch.spans[item] = value
        return isASCII
    }

    /// A null `user` or `objectRef` counts as an empty one here, as in `recordActivity`.
    mutating func part(_ part: KubernetesAuditPart) {}

    mutating func responseCode(_ code: Int?) { self.code = code ?? 0 }

    mutating func requestObject(_ body: UnsafeRawBufferPointer) { self.body = body }

    /// The decoded bytes of an escaped value, memoised by its raw bytes; copied into the event's
    /// scratch space, which lives until the next event.
    mutating func unescape(_ value: JSONStringSpan, at offset: Int) throws(JSONScanError) -> JSONStringSpan {
        let raw = UnsafeBufferPointer(start: value.start, count: value.count)
        let decodedId: Int32
        if let known = escapes.find(raw) {
            decodedId = unescapedOf[Int(known)]
        } else {
            var text = try JSONCursor.decode(value, at: offset)
            decodedId = text.withUTF8 { unescaped.id($0) }
            _ = escapes.id(raw)
            unescapedOf.append(decodedId)
        }
        return unescaped.withKey(decodedId) {
            JSONStringSpan(start: scratch.copy($0), count: $0.count, hasEscapes: false)
        }
    }

    mutating func endEvent(_ event: UnsafeRawBufferPointer, item: Int, of items: Int) throws(JSONScanError) {
        // What the String form decodes must be valid UTF-8 (escaped values were decoded already).
        var unchecked = present & ~checked
        while unchecked != 0 {
            let field = unchecked.trailingZeroBitCount
            unchecked &= unchecked - 1
            try KubernetesAuditScanner.check(scratch.spans[field], at: 0)
        }
        if let ref = replaying {
            record(ref: ref, item: item, of: items)
            return
        }
        guard nonEmpty(.auditID) else {
            record(ref: nil, item: item, of: items)
            return
        }
        let auditID = bytes(.auditID)
        let hash = ByteKeyTable.hash(auditID)
        if pendingCount > 0 && removePending(auditID, hash: hash) {
            // The earlier stage is read and understood, but the request is counted once, here or later.
            superseded += 1
            ledger.accept()
        }
        // Written out here: the compiler leaves such a method uninlined even when marked so, and then
        // copies the aggregator for each call.
        if equals(.stage, "ResponseComplete") || equals(.stage, "Panic") {
            record(ref: nil, item: item, of: items)
        } else {
            arrivals += 1
            pending[hash, default: []].append(
                Pending(
                    auditID: Array(auditID), event: Array(event),
                    ref: ref(item: item, of: items), order: arrivals))
            pendingCount += 1
        }
    }

    // MARK: the event's fields

    @inline(__always)
    func has(_ field: KubernetesAuditField) -> Bool { present & (1 << UInt32(field.rawValue)) != 0 }

    @inline(__always)
    func bytes(_ field: KubernetesAuditField) -> UnsafeBufferPointer<UInt8> {
        let span = scratch.spans[field.rawValue]
        return UnsafeBufferPointer(start: span.start, count: span.count)
    }

    /// Present and not empty.
    @inline(__always)
    func nonEmpty(_ field: KubernetesAuditField) -> Bool {
        has(field) && scratch.spans[field.rawValue].count > 0
    }

    @inline(__always)
    func equals(_ field: KubernetesAuditField, _ literal: StaticString) -> Bool {
        has(field) && scratch.spans[field.rawValue].equals(literal)
    }

    /// When the request was handled: the stage time, else when it was received, else the v1beta1 `timestamp`.
    mutating func time() -> Date? {
        time(.stageTimestamp) ?? time(.requestReceivedTimestamp) ?? time(.timestamp)
    }

    @inline(__always)
    mutating func time(_ field: KubernetesAuditField) -> Date? {
        guard has(field) else { return nil }
        let text = bytes(field)
        if let known = minute.time(text) { return known }
        guard let time = TimestampParser.fastParse(text) else {
            return TimestampParser.parse(String(decoding: text, as: UTF8.self))
        }
        minute.remember(text)
        return time
    }

    func ref(item: Int, of items: Int) -> EvidenceRef {
        let ref = file.ref(line: index == nil ? line : nil, record: index)
        return items > 1 ? file.ref(line: ref.line, record: item, pointer: "/items/\(item)") : ref
    }

    // MARK: recording

    /// Records the scanned event (`ref` given for an event held back, else built from the position).
    mutating func record(ref given: EvidenceRef?, item: Int, of items: Int) {
        guard nonEmpty(.username) else {
            return ledger.reject(
                reason: "event without user.username", locator: (given ?? ref(item: item, of: items)).locator)
        }
        guard nonEmpty(.verb) else {
            return ledger.reject(reason: "event without verb", locator: (given ?? ref(item: item, of: items)).locator)
        }
        guard let time = time() else {
            return ledger.reject(
                reason: "event without a parseable stageTimestamp, requestReceivedTimestamp or timestamp",
                locator: (given ?? ref(item: item, of: items)).locator)
        }
        guard let actionKey = action() else {
            return ledger.reject(
                reason: "event with neither objectRef.resource nor requestURI",
                locator: (given ?? ref(item: item, of: items)).locator)
        }
        let shape = patchOfKey[Int(actionKey)] ? body.map { KubernetesPatchShape.shape(body: $0) } ?? .none : .none
        let impersonated = nonEmpty(.impersonatedUsername)
        let acting = user(impersonated ? .impersonatedUsername : .username)
        actAs(acting)
        let actor = impersonated ? user(.username) : ValueId.absent
        let environment = environment()
        let denied = code == 401 || code == 403 || equals(.decision, "forbid")
        let slot = self.slot(
            identity: userIdentity[Int(acting)], action: actionOfKey[Int(actionKey)], shape: shape,
            environment: environment, readOnly: readOnlyOfKey[Int(actionKey)], at: time)
        if records[slot].tally.note(at: time, denied: denied, maxWriteTimes: ActivityRecord.maxWriteTimes) {
            writes.append(slot: slot, time)
        }
        counters.add(record: slot, KubernetesCounter.userAgent, value(.userAgent))
        counters.add(record: slot, KubernetesCounter.sourceIP, value(.sourceIP))
        counters.add(record: slot, KubernetesCounter.credential, value(.credentialId))
        counters.add(record: slot, KubernetesCounter.actor, actor)
        if records[slot].tally.count >= Int(Int32.max) { countsNearLimit = true }
        if records[slot].tally.wantsExample(maxExamples: ActivityRecord.maxExamples) {
            examples.append(slot: slot, given ?? ref(item: item, of: items))
        }
        coverage[Int(environment)].note(time)
        ledger.accept()
    }

    /// The action key id: verb, group, resource and subresource, or verb and request path.
    mutating func action() -> Int32? {
        scratch.clearKey()
        let fromResource = nonEmpty(.resource)
        if fromResource {
            scratch.appendKey(0)
            appendPart(.verb)
            appendPart(.apiGroup)
            appendPart(.resource)
            appendPart(.subresource)
        } else if nonEmpty(.requestURI) {
            scratch.appendKey(1)
            appendPart(.verb)
            let uri = bytes(.requestURI)
            // An ASCII path up to its query is the key (the action drops the query); anything else whole.
            var length = uri.count
            if uri[0] != UInt8(ascii: "?"), JSONCursor.isASCII(uri),
                let mark = memchr(uri.baseAddress!, Int32(UInt8(ascii: "?")), uri.count)
            {
                length = UnsafeRawPointer(mark) - UnsafeRawPointer(uri.baseAddress!)
            }
            scratch.appendKeyPart(UnsafeBufferPointer(rebasing: uri[0..<length]))
        } else {
            return nil
        }
        let (id, isNew) = actionKeys.add(scratch.key)
        guard isNew else { return id }
        let verb = text(.verb)
        let action: String
        if fromResource {
            let group = has(.apiGroup) ? text(.apiGroup) : ""
            let resource = text(.resource)
            let subresource = has(.subresource) ? text(.subresource) : nil
            action = KubernetesNames.action(verb: verb, group: group, resource: resource, subresource: subresource)
            patchOfKey.append(
                KubernetesPatchShape.applies(verb: verb, group: group, resource: resource, subresource: subresource))
        } else {
            let uri = text(.requestURI)
            action = "\(verb) \(uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri)"
            patchOfKey.append(false)
        }
        actionOfKey.append(actions.id(action))
        readOnlyOfKey.append(["get", "list", "watch"].contains(verb))
        return id
    }

    @inline(__always)
    func appendPart(_ field: KubernetesAuditField) {
        scratch.appendKeyPart(has(field) ? bytes(field) : UnsafeBufferPointer(start: nil, count: 0))
    }

    func text(_ field: KubernetesAuditField) -> String { String(decoding: bytes(field), as: UTF8.self) }

    /// The user id of a username field, with its identity id on first sight.
    mutating func user(_ field: KubernetesAuditField) -> Int32 {
        let (id, isNew) = users.add(bytes(field))
        if isNew {
            let identity = KubernetesNames.user(cluster: cluster, name: text(field))
            userIdentity.append(identities.id(identity))
            userAdded.append(false)
        }
        return id
    }

    /// Hands an identity seen acting to the builder, once.
    mutating func actAs(_ user: Int32) {
        guard !userAdded[Int(user)] else { return }
        userAdded[Int(user)] = true
        builder.addIdentity(
            KubernetesNames.auditIdentity(users.string(user), cluster: cluster))
    }

    /// The environment id of the event's namespace (or of none).
    mutating func environment() -> Int32 {
        guard has(.namespace) else {
            if environmentWithoutNamespace == ValueId.absent {
                environmentWithoutNamespace = environmentId(namespace: nil)
            }
            return environmentWithoutNamespace
        }
        let (id, isNew) = namespaces.add(bytes(.namespace))
        if isNew { environmentOfNamespace.append(environmentId(namespace: text(.namespace))) }
        return environmentOfNamespace[Int(id)]
    }

    mutating func environmentId(namespace: String?) -> Int32 {
        let name = context.environment(
            platform: .kubernetes, account: cluster, namespace: namespace, override: file.environmentOverride)
        if let known = environmentIds[name] { return known }
        let id = Int32(environments.count)
        environmentIds[name] = id
        environments.append(name)
        coverage.append(CoverageTally())
        return id
    }

    /// The id of a field's value, `ValueId.absent` when the event does not have it.
    @inline(__always)
    mutating func value(_ field: KubernetesAuditField) -> Int32 {
        has(field) ? values.id(bytes(field)) : ValueId.absent
    }

    /// The aggregate slot of a key, created on first sight (the first event fixes `readOnly`, as in `recordActivity`).
    mutating func slot(
        identity: Int32, action: Int32, shape: KubernetesPatchShape.Shape, environment: Int32, readOnly: Bool,
        at time: Date
    ) -> Int {
        let (slot, isNew) = keys.id(
            KubernetesActivityKey(identity: identity, action: action, environment: environment, shape: shape))
        if isNew {
            records.append(
                KubernetesLocalRecord(
                    identity: identity, action: action, shape: shape, environment: environment,
                    tally: ActivityTally(readOnly: readOnly, at: time)))
            counters.addRecord()
        }
        return slot
    }

    // MARK: held-back stages

    struct Pending {
        var auditID: [UInt8]
        var event: [UInt8]
        var ref: EvidenceRef
        /// Arrival order, so that requests left pending are counted in file order.
        var order: Int
    }

    mutating func removePending(_ auditID: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        guard var entries = pending[hash],
            let index = entries.firstIndex(where: { $0.auditID.elementsEqual(auditID) })
        else { return false }
        entries.remove(at: index)
        pending[hash] = entries.isEmpty ? nil : entries
        pendingCount -= 1
        return true
    }
}

/// One aggregated key, over ids, and its tally.
struct KubernetesLocalRecord {
    let identity: Int32
    let action: Int32
    let shape: KubernetesPatchShape.Shape
    let environment: Int32
    var tally: ActivityTally
}

/// What each record counts, one `CounterBlocks` kind each.
enum KubernetesCounter: Int, ActivityCounterKind {
    case userAgent, sourceIP, credential, actor

    func set(_ counter: BoundedCounter, in activity: inout ActivityRecord) {
        switch self {
        case .userAgent: activity.userAgents = counter
        case .sourceIP: activity.sourceIPs = counter
        case .credential: activity.credentialIds = counter
        case .actor: activity.actors = counter
        }
    }
}

import CJSONScan
import Foundation
import NHIFiles
import NHIModel

/// Aggregates CloudTrail events of one file straight from the scanner's byte spans. The scanner
/// only records where each field's bytes are; facts are then memoised by those bytes: the
/// principal by its userIdentity fields taken together, the action by source and name, the
/// request shape by its field names, so that a typical event costs a handful of table probes and
/// no String. Only on a memo miss are values decoded, validated and resolved.
/// Aggregates go to the builder (`addActivity`, `addCoverage`) at the end of the file, or
/// earlier when the memo tables hold more than `maxValues` keys (`isFull`), so memory stays
/// bounded by distinct keys. The memo tables may outlive the file, for the next one a worker
/// reads (`begin`): they hold what bytes mean, not what a file said.
///
/// Semantics are exactly those of `InventoryBuilder.recordActivity` per event (tests check it).
struct CloudTrailAggregator: CloudTrailFieldSink, AuditLogAggregator {
    static let maxValues = 200_000
    /// Distinct values can be long (user agents, ARNs): their bytes are bounded too.
    static let maxValueBytes = 32 << 20

    var file: SourceFile
    let context: CollectContext
    /// The file's ledger entry.
    var ledger: LedgerEntry
    /// Principals resolved by the files of the whole collection (`ReaderCarry`).
    let principals: CloudTrailPrincipalMemo
    /// Where the file's coverage goes (`finishFile`).
    var builder: InventoryBuilder
    /// Where the activity goes (`flushActivity`): the files of a run add to the same records, and
    /// their activity is handed over once, at the end of the run (`ReaderCarry.finishRun`).
    var activityBuilder: InventoryBuilder
    var withoutPrincipal = 0
    /// The first and last time of the file's accepted events, over its flushes.
    var recordTimes = RecordTimes()
    var countsNearLimit = false
    /// The model's caps, read once: a cross-module `static let` costs a call per access.
    let caps = Caps()

    // The event being scanned.
    let event = CloudTrailEventFields()
    var time: Date?
    var timeSeen = false
    var readOnlyFlag: Bool?
    var requestIsObject = false

    // Memo tables, by bytes; ids index the arrays beside them.
    /// Keys held by the memo tables, and their bytes: both bound memory (`isFull`).
    var memo = MemoSize()
    var accounts = ValueInterner()
    var agents = ValueInterner()
    var addresses = ValueInterner()
    var credentials = ValueInterner()
    var errorCodes = ValueInterner()
    var deniedByCode: [Bool] = []
    var actionKeys = ByteKeyTable()
    var actionOfKey: [(action: Int32, readOnly: Bool)] = []
    var actions = DenseIds<String>()
    var principalKeys = ByteKeyTable()
    /// Per principal key: its identity (index into `identities`; `Principal.none` when the event
    /// names no principal, `.unresolved` until resolved) and interned session and actor names, in one place so that an
    /// event reads one entry.
    var principalOfKey: [Principal] = []
    let arnCache = CloudTrailPrincipal.Cache()
    /// Per role of an assumed-role session (`AssumedRoleARN.role`) and invokedBy: the identity
    /// and actor each of its sessions resolves to, so that a new session costs a lookup.
    var roleKeys = ByteKeyTable()
    var roleOfKey: [(identity: Int32, actor: Int32)] = []
    var identities = DenseIds<IdentityID>()
    var names = ValueInterner()
    var shapeKeys = ByteKeyTable()
    var fieldSetOfShape: [Int32] = []
    var fieldSets: [[String]: Int32] = [[]: 0]
    var fieldLists: [[String]] = [[]]
    /// By account id: its environment (which may be the file's override), for this file only.
    var environments: [Int32: String] = [:]

    // Aggregates.
    var recordIndex = FixedKeyIndex<CloudTrailRecordKey>()
    var records: [LocalRecord] = []
    /// Accepted events not counted yet (`stage`): the newest, whose key's index slot was asked
    /// for, and the one before, whose record and counters were.
    var lookingUp: StagedCount?
    var counting: StagedCount?
    /// The write times and example events of every record, each in one list.
    var writes = SlotList<Date>()
    var examples = SlotList<EvidenceRef>()
    /// The first of `examples` that the file being read added (its digest is known at its end).
    var fileExamples = 0
    /// Per record: user agents, source IPs, credentials, sessions, actors.
    let counters: CounterBlocks
    /// By `coverageSlot` of the account id.
    var coverage: [CoverageTally] = []
    var coverageOrder: [Int32] = []

    init(
        file: SourceFile, context: CollectContext, principals: CloudTrailPrincipalMemo, builder: InventoryBuilder,
        activity: InventoryBuilder? = nil, ledger: LedgerEntry
    ) {
        self.file = file; self.context = context; self.principals = principals; self.ledger = ledger
        self.builder = builder; activityBuilder = activity ?? builder
        counters = CounterBlocks(kinds: Counter.allCases.count, limit: caps.counterLimit)
    }

    /// Starts on the next file, keeping the memo tables of the files before it and the activity
    /// they aggregated (their coverage went to their builders when they ended). What the tables
    /// hold is derived from bytes alone, so the file adds what a new aggregator would make; only
    /// where a very varied file must flush early (`isFull`) depends on what they held before. A
    /// file whose scope overrides differ from the file before's hands the activity over first:
    /// records are keyed by account id, and the overrides decide an account's environment.
    mutating func begin(file: SourceFile, builder: InventoryBuilder, ledger: LedgerEntry) {
        if file.environmentOverride != self.file.environmentOverride
            || file.accountOverride != self.file.accountOverride
        {
            flushActivity()
        }
        self.file = file
        self.builder = builder
        self.ledger = ledger
        withoutPrincipal = 0
        recordTimes = RecordTimes()
        environments = [:]
    }

    // MARK: sink

    mutating func field(_ field: CloudTrailField, _ value: JSONStringSpan?, at offset: Int) throws(JSONScanError) {
        try store(field.rawValue, value, at: offset)
    }

    /// The C walk's notes taken in one loop, in file order as `replay` hands them over, without a
    /// `CloudTrailField` made and switched on per field.
    @inline(__always)
    mutating func take(_ walk: UnsafeMutablePointer<nhi_ct_event>) throws(JSONScanError) {
        let fields = UnsafeRawPointer(walk.pointer(to: \.fields)!).assumingMemoryBound(to: nhi_json_span.self)
        let order = UnsafeRawPointer(walk.pointer(to: \.order)!).assumingMemoryBound(to: UInt8.self)
        for index in 0..<Int(walk.pointee.order_count) {
            let item = Int(order[index])
            if item < NHI_CT_FIELDS {
                let span = fields[item]
                try store(
                    item, JSONStringSpan(start: span.start, count: Int(span.count), hasEscapes: span.escaped != 0),
                    at: Int(span.offset))
            } else if item == NHI_CT_REQUEST_NAMES {
                beginRequestParameters(isObject: walk.pointee.request_is_object != 0)
                let names = UnsafeRawPointer(walk.pointer(to: \.names)!).assumingMemoryBound(to: nhi_json_span.self)
                for name in 0..<Int(walk.pointee.name_count) {
                    let span = names[name]
                    try requestParameterName(
                        JSONStringSpan(start: span.start, count: Int(span.count), hasEscapes: span.escaped != 0),
                        at: Int(span.offset))
                }
            } else if item == NHI_CT_READ_ONLY {
                readOnly(walk.pointee.read_only < 0 ? nil : walk.pointee.read_only == 1)
            }
        }
    }

    /// Field `item` (a `CloudTrailField` raw value): the time parsed, the fields not needed
    /// skipped, the others' spans kept (escapes decoded). Nil: present, but not a string.
    @inline(__always)
    mutating func store(_ item: Int, _ value: JSONStringSpan?, at offset: Int) throws(JSONScanError) {
        switch item {
        case CloudTrailField.eventTime.rawValue:
            timeSeen = value != nil
            time = try value.flatMap { (span) throws(JSONScanError) in
                if !span.hasEscapes,
                    let fast = TimestampParser.fastParse(UnsafeBufferPointer(start: span.start, count: span.count))
                {
                    return fast
                }
                return TimestampParser.parse(try JSONCursor.decode(span, at: offset))
            }
        case CloudTrailField.eventID.rawValue, CloudTrailField.eventType.rawValue, CloudTrailField.awsRegion.rawValue,
            CloudTrailField.issuerType.rawValue, CloudTrailField.issuerAccountId.rawValue,
            CloudTrailField.issuerUserName.rawValue:
            // Unique per event or not needed for activity: skipped before any memo lookup.
            return
        default:
            event.set(
                item, try value.map { (span) throws(JSONScanError) in try event.span(span, at: offset) } ?? .absent,
                at: offset)
        }
    }

    mutating func readOnly(_ value: Bool?) { readOnlyFlag = value }

    mutating func beginRequestParameters(isObject: Bool) {
        requestIsObject = isObject
        event.removeNames()
    }

    mutating func requestParameterName(_ name: JSONStringSpan, at offset: Int) throws(JSONScanError) {
        event.appendName(try event.span(name, at: offset), at: offset)
    }

    // MARK: events

    /// Reads the elements of arrays and `{"Records":[…]}` files with the same C walk that finds
    /// where each ends, so that an event's bytes are walked once.
    var elementWalk: JSONRecordStream.ElementWalk? {
        let scratch = event.walk, memos = event.identities
        return { available in CloudTrailScanner.walkElement(available, scratch: scratch, memos: memos) }
    }

    /// Scans and records one event, or rejects it when it cannot be used. `walked`: `elementWalk`
    /// already walked exactly these bytes into `event.walk`.
    mutating func add(_ bytes: UnsafeRawBufferPointer, line: Int, index: Int?, walked: Bool) throws(JSONScanError) {
        event.reset()
        time = nil; timeSeen = false; readOnlyFlag = nil; requestIsObject = false
        if walked {
            try take(event.walk)
        } else {
            try CloudTrailScanner.scan(bytes, into: &self, scratch: event.walk, memos: event.identities)
        }

        // Every value is looked up (and so validated as UTF-8) before anything is counted, so a
        // rejected event leaves no trace in the aggregates. What comes from the userIdentity object
        // is looked up once per memo of its bytes, in the same order, so that the first invalid
        // value is still the one reported.
        let derived = event.derivedFromIdentity()
        // An event whose userIdentity bytes were seen just before comes from a caller whose
        // entries are likely still in cache: only the others ask for them ahead.
        let hashes =
            derived == nil ? Self.prefetchLookups(event, addresses, credentials, principalKeys) : LookupHashes()
        let recipient = try Self.intern(.recipientAccountId, of: event, &accounts, &memo)
        var identityAccount = derived?.account ?? Self.absent
        if derived == nil { identityAccount = try Self.intern(.accountId, of: event, &accounts, &memo) }
        let userAgent = try Self.intern(.userAgent, of: event, &agents, &memo)
        let sourceIP = try Self.intern(
            .sourceIPAddress, of: event, &addresses, &memo, hash: derived == nil ? hashes.address : nil)
        var credential = derived?.credential ?? Self.absent
        if derived == nil {
            credential = try Self.intern(.accessKeyId, of: event, &credentials, &memo, hash: hashes.credential)
        }
        let errorCode = try Self.intern(.errorCode, of: event, &errorCodes, &memo)
        if deniedByCode.count < errorCodes.count {
            deniedByCode.append(CloudTrailReader.isDenied(errorCodes.strings[Int(errorCode)]))
        }
        var principalKey = derived?.principal ?? Self.absent
        if derived == nil {
            principalKey = try self.principalKey(arnDecides: hashes.arnDecides, hash: hashes.principal)
            event.remember(IdentityDerived(account: identityAccount, credential: credential, principal: principalKey))
        }
        if principalKey >= 0 {
            principalOfKey.withUnsafeBufferPointer { nhi_prefetch($0.baseAddress! + Int(principalKey)) }
        }
        let actionKey = try self.actionKey()
        let shape = try shapeKey()

        let source = event[.eventSource], name = event[.eventName]
        guard timeSeen, !source.isAbsent, !name.isAbsent, source.count > 0, name.count > 0, actionKey >= 0 else {
            return reject(CloudTrailReader.notCloudTrail, line: line, index: index)
        }
        guard let time else { return reject("eventTime is not an ISO 8601 time", line: line, index: index) }
        // With an account override every event belongs to that account: one key space.
        let accountId =
            file.accountOverride != nil ? Self.overrideAccount : (recipient >= 0 ? recipient : identityAccount)
        noteCoverage(accountId, at: time)
        let entry = principal(principalKey)
        ledger.accept()
        guard entry.identity >= 0 else {
            withoutPrincipal += 1
            return
        }
        let action = actionOfKey[Int(actionKey)]
        let readOnly = readOnlyFlag ?? action.readOnly
        // Keyed exactly like `ActivityKey` (identity, action, fields, account), so that
        // the first event of a key fixes `readOnly` as `recordActivity` does.
        let key = CloudTrailRecordKey(
            identity: entry.identity, action: action.action,
            fields: readOnly || shape < 0 ? 0 : fieldSetOfShape[Int(shape)], account: accountId)
        let denied = errorCode >= 0 && deniedByCode[Int(errorCode)]
        stage(
            StagedCount(
                key: key, readOnly: readOnly, denied: denied, time: time, userAgent: userAgent, sourceIP: sourceIP,
                credential: credential, session: entry.session, actor: entry.actor, line: line, index: index))
    }

    mutating func reject(_ reason: String, line: Int, index: Int?) {
        ledger.reject(reason: reason, locator: file.ref(line: line, record: index).locator)
    }

    /// "malformed JSON" at the fault's own line and column (1-based), counted from the record's first line.
    func malformed(_ error: JSONScanError, in record: UnsafeRawBufferPointer, line: Int, index: Int?)
        -> (reason: String, locator: String)
    {
        let position = JSONPositionLocator.position(ofOffset: error.offset, in: record)
        let (lines, column) = (position.line, position.column)
        let at = file.ref(line: line + lines - 1, record: index).locator
        let locator =
            index == nil
            ? at + ":\(column)" : at + (lines == 1 ? " (character \(column) of the record)" : " (column \(column))")
        return ("malformed JSON: \(error.message)", locator)
    }

    // MARK: lookups

    func invalidUTF8(_ field: CloudTrailField) -> JSONScanError { Self.invalidUTF8(field, of: event) }

    /// The userIdentity fields a principal key is made of, in the order they are validated.
    static let principalFields: [CloudTrailField] = [
        .type, .arn, .accountId, .accessKeyId, .principalId, .userName, .invokedBy, .issuerArn,
    ]

    /// The userIdentity fields that decide the principal, as one key. With an ARN, only AWSService
    /// and AWSAccount principals depend on the key id or principal id: leaving them out keeps one
    /// entry per principal, not one per key or session id. `hash` is that of the event's
    /// `principalParts(arnDecides:)`.
    mutating func principalKey(arnDecides: Bool, hash: UInt64) throws(JSONScanError) -> Int32 {
        if arnDecides {
            // Not part of the key, but an invalid value still makes the event malformed.
            try Self.validate(.principalId, of: event)
        }
        let key = event.principalParts(arnDecides: arnDecides)
        assert(hash == ByteKeyTable.hash(parts: key), "principalKey given another key's hash")
        let found = principalKeys.find(parts: key, hash: hash)
        if found >= 0 { return found }
        for field in Self.principalFields { try Self.validate(field, of: event) }
        principalOfKey.append(.unresolved)
        memo.add(parts: key)
        return principalKeys.insert(parts: key, hash: hash)
    }

    /// The principal of a key (identity -1 for none), resolved on first use.
    @inline(__always)
    mutating func principal(_ key: Int32) -> Principal {
        let known = principalOfKey[Int(key)]
        if !known.isUnresolved { return known }
        let resolved = resolvePrincipal(hash: principalKeys.hash(of: key))
        principalOfKey[Int(key)] = resolved
        return resolved
    }

    /// The principal of this event's userIdentity: a new session of a role seen before from that
    /// role's, else from the run's shared memo, else resolved and shared.
    mutating func resolvePrincipal(hash: UInt64) -> Principal {
        let session = event[.type].equals("AssumedRole") ? AssumedRoleARN(event[.arn]) : nil
        if let session, let known = sessionOfKnownRole(session) { return known }
        let principal = resolvePrincipalKey(hash: hash)
        if let session, principal.identity >= 0 { rememberRole(of: session, principal) }
        return principal
    }

    /// A session of a role resolved before, with the same invokedBy: what `CloudTrailPrincipal.of`
    /// gives for such an ARN depends on the role part and invokedBy alone, but for the session name.
    mutating func sessionOfKnownRole(_ arn: AssumedRoleARN) -> Principal? {
        let known = Self.withRoleKey(arn, invokedBy: event[.invokedBy]) { key, hash in
            roleKeys.find(parts: key, hash: hash)
        }
        // The key's bytes were validated as UTF-8 (`principalKey`), and so is the session name cut from them.
        guard known >= 0, let session = names.intern(arn.session.buffer) else { return nil }
        let role = roleOfKey[Int(known)]
        return Principal(identity: role.identity, session: session, actor: role.actor)
    }

    mutating func rememberRole(of arn: AssumedRoleARN, _ principal: Principal) {
        Self.withRoleKey(arn, invokedBy: event[.invokedBy]) { key, hash in
            _ = roleKeys.insert(parts: key, hash: hash)
            memo.add(parts: key)
        }
        roleOfKey.append((principal.identity, principal.actor))
    }

    /// The principal of this event's userIdentity key: from the run's shared memo, else resolved and shared.
    mutating func resolvePrincipalKey(hash: UInt64) -> Principal {
        let key = event.principalParts(arnDecides: event.arnDecides)
        let resolved: CloudTrailPrincipal?
        if let shared = principals.principal(for: key, hash: hash) {
            resolved = shared
        } else {
            resolved = resolveUserIdentity()
            principals.remember(resolved, for: key, hash: hash)
        }
        guard let resolved else { return .none }
        return Principal(
            identity: identities.id(resolved.identity),
            session: resolved.sessionName.map { names.intern($0) } ?? Self.absent,
            actor: resolved.actor.map { names.intern($0) } ?? Self.absent)
    }

    func resolveUserIdentity() -> CloudTrailPrincipal? {
        func text(_ field: CloudTrailField) -> String? {
            let span = event[field]
            return span.isAbsent ? nil : String(decoding: span.buffer, as: UTF8.self)
        }
        let arnDecides = event.arnDecides
        var user = CloudTrailUserIdentity()
        user.type = text(.type); user.arn = text(.arn); user.accountId = text(.accountId)
        user.accessKeyId = arnDecides ? nil : text(.accessKeyId);
        user.principalId = arnDecides ? nil : text(.principalId)
        user.userName = text(.userName); user.invokedBy = text(.invokedBy); user.issuerArn = text(.issuerArn)
        return CloudTrailPrincipal.of(user, cache: arnCache)
    }

    /// `cloudformation.amazonaws.com` + `UpdateStack` → the id of `cloudformation:UpdateStack`
    /// with whether the name reads as read-only; -1 when either is absent.
    mutating func actionKey() throws(JSONScanError) -> Int32 {
        let source = event[.eventSource], name = event[.eventName]
        guard !source.isAbsent, !name.isAbsent else { return Self.absent }
        event.parts[0] = source
        event.parts[1] = name
        let key = UnsafeBufferPointer(start: event.parts, count: 2)
        let hash = ByteKeyTable.hash(parts: key)
        let found = actionKeys.find(parts: key, hash: hash)
        if found >= 0 { return found }
        guard let sourceText = String(validating: source.buffer, as: UTF8.self) else { throw invalidUTF8(.eventSource) }
        guard let nameText = String(validating: name.buffer, as: UTF8.self) else { throw invalidUTF8(.eventName) }
        let service = sourceText.split(separator: ".", maxSplits: 1).first.map(String.init) ?? sourceText
        let action = "\(service):\(nameText)"
        actionOfKey.append((actions.id(action), CloudTrailReader.looksReadOnly(nameText)))
        memo.add(parts: key)
        return actionKeys.insert(parts: key, hash: hash)
    }

    /// The request's field names in file order as a key (-1 when there are none); its field set
    /// (sorted, unique, capped) is built once per distinct key.
    mutating func shapeKey() throws(JSONScanError) -> Int32 {
        let key = event.names
        guard requestIsObject, !key.isEmpty else { return Self.absent }
        let hash = ByteKeyTable.hash(parts: key)
        let found = shapeKeys.find(parts: key, hash: hash)
        if found >= 0 { return found }
        var texts: [String] = []
        for (index, name) in key.enumerated() {
            guard let text = String(validating: name.buffer, as: UTF8.self) else {
                throw JSONScanError(offset: event.nameOffset(index), message: "invalid UTF-8 in string")
            }
            texts.append(text)
        }
        fieldSetOfShape.append(fieldSet(texts))
        memo.add(parts: key)
        return shapeKeys.insert(parts: key, hash: hash)
    }

    mutating func fieldSet(_ names: [String]) -> Int32 {
        var unique: [String] = []
        for name in names.sorted() where unique.last != name { unique.append(name) }
        let capped = CloudTrailReader.requestFields(unique)
        if let known = fieldSets[capped] { return known }
        let id = Int32(fieldLists.count)
        fieldSets[capped] = id
        fieldLists.append(capped)
        return id
    }

    mutating func noteCoverage(_ account: Int32, at time: Date) {
        let index = Self.coverageSlot(account)
        if index >= coverage.count {
            coverage.append(contentsOf: repeatElement(CoverageTally(), count: index + 1 - coverage.count))
        }
        if coverage[index].events == 0 { coverageOrder.append(account) }
        coverage[index].note(time)
    }
}

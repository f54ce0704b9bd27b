import CJSONScan
import Foundation

/// Walks audit Events straight from a record's bytes with `JSONCursor`: one forward pass, only the
/// fields aggregation uses are handed to the sink, everything else is validated and skipped. Field
/// types are checked as a typed decoder would (a string where a string is expected, or null; a whole
/// number for `responseStatus.code`), so a record with a wrong type is rejected, not half-read.
///
/// Two walks read the same records the same way. The C walk (`nhi_k8s_scan`) notes where the
/// fields of a plain Event are, then they are handed over; it is the hot path. It declines what it
/// does not read exactly as the Swift walk does (malformed JSON, wrong types, escaped keys,
/// EventLists and a few rarer cases); the Swift walk then reads the record and says what is wrong,
/// if anything.
enum KubernetesAuditScanner {
    /// Scans one record: the Event itself, or the `items` of an EventList. An EventList is checked
    /// whole (every item as the String form reads it) before the sink sees its first item, so that a
    /// bad item rejects the record without leaving the others half-counted.
    static func scan<Sink: KubernetesAuditSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink)
        throws(JSONScanError)
    {
        let scratch = UnsafeMutablePointer<nhi_k8s_event>.allocate(capacity: 1)
        defer { scratch.deallocate() }
        try scan(bytes, into: &sink, scratch: scratch)
    }

    /// `scan` with the C walk's result kept in `scratch`, reused from record to record.
    @inline(__always)
    static func scan<Sink: KubernetesAuditSink>(
        _ bytes: UnsafeRawBufferPointer, into sink: inout Sink,
        scratch: UnsafeMutablePointer<nhi_k8s_event>
    ) throws(JSONScanError) {
        if let begin = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
            nhi_k8s_scan(begin, begin + bytes.count, scratch) != 0
        {
            try sink.take(scratch)
            try sink.endEvent(bytes, item: 0, of: 1)
        } else {
            try walk(bytes, into: &sink)
        }
    }

    /// Hands what the C walk found to the sink, in file order.
    @inline(__always)
    static func replay<Sink: KubernetesAuditSink>(
        _ event: UnsafeMutablePointer<nhi_k8s_event>, into sink: inout Sink
    ) throws(JSONScanError) {
        let fields = UnsafeRawPointer(event.pointer(to: \.fields)!).assumingMemoryBound(to: nhi_json_span.self)
        let order = UnsafeRawPointer(event.pointer(to: \.order)!).assumingMemoryBound(to: UInt8.self)
        sink.beginEvent()
        for index in 0..<Int(event.pointee.order_count) {
            let item = Int(order[index])
            switch item {
            case NHI_K8S_RESPONSE_CODE:
                sink.responseCode(event.pointee.code_is_null != 0 ? nil : Int(event.pointee.code))
            case NHI_K8S_REQUEST_OBJECT:
                sink.requestObject(
                    UnsafeRawBufferPointer(start: event.pointee.body, count: Int(event.pointee.body_count)))
            case NHI_K8S_PART_USER: sink.part(.user)
            case NHI_K8S_PART_USER + 1: sink.part(.impersonatedUser)
            case NHI_K8S_PART_USER + 2: sink.part(.objectRef)
            default:
                let span = fields[item]
                try sink.field(
                    KubernetesAuditField(rawValue: item)!,
                    JSONStringSpan(start: span.start, count: Int(span.count), hasEscapes: span.escaped != 0),
                    at: Int(span.offset))
            }
        }
    }

    /// The Swift walk: the reference the C walk is tested against, and the reader of what it declines.
    static func walk<Sink: KubernetesAuditSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink)
        throws(JSONScanError)
    {
        try scan(bytes, into: &sink, checkListFirst: true)
    }

    private static func scan<Sink: KubernetesAuditSink>(
        _ bytes: UnsafeRawBufferPointer, into sink: inout Sink, checkListFirst: Bool
    ) throws(JSONScanError) {
        var cursor = JSONCursor(bytes)
        var top = TopLevel()
        sink.beginEvent()
        try event(&cursor, depth: 0, into: &sink, top: &top)
        cursor.skipWhitespace()
        guard cursor.isAtEnd else { throw cursor.error("unexpected data after the event object") }
        guard top.isEventList else {
            try sink.endEvent(bytes, item: 0, of: 1)
            return
        }
        guard let items = top.items else { throw cursor.error("EventList without items") }
        var count = 0
        if checkListFirst {
            // Every field read, at the top level and in each item, is decoded as the String form decodes it.
            var check = KubernetesAuditCheck()
            try scan(bytes, into: &check, checkListFirst: false)
            count = check.events
        }
        try forEachItem(items, of: count, into: &sink)
    }

    /// Scans one Event object that is known to be valid (a stage held back earlier), never as an EventList.
    static func scanEvent<Sink: KubernetesAuditSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink)
        throws(JSONScanError)
    {
        var cursor = JSONCursor(bytes)
        var top = TopLevel()
        sink.beginEvent()
        try event(&cursor, depth: 1, into: &sink, top: &top)
        try sink.endEvent(bytes, item: 0, of: 1)
    }

    private static func forEachItem<Sink: KubernetesAuditSink>(
        _ items: UnsafeRawBufferPointer, of count: Int, into sink: inout Sink
    ) throws(JSONScanError) {
        var list = JSONCursor(items)
        guard list.peek() == UInt8(ascii: "[") else { throw list.error("EventList items is not an array") }
        list.position += 1
        var first = true
        var index = 0
        var ignored = TopLevel()
        while try list.nextElement(first: &first) {
            let start = list.position
            sink.beginEvent()
            try event(&list, depth: 1, into: &sink, top: &ignored)
            try sink.endEvent(
                UnsafeRawBufferPointer(start: start, count: list.position - start), item: index, of: count)
            index += 1
        }
    }

    /// What only the top level of a record tells: whether it is an EventList, and its items.
    private struct TopLevel {
        var isEventList = false
        var items: UnsafeRawBufferPointer?
    }

    /// The top-level keys read, by length then name.
    private enum Key: Int {
        case kind, verb, user, stage, items, auditID, sourceIPs, userAgent, objectRef, timestamp, requestURI,
            annotations,
            requestObject, responseStatus, stageTimestamp, impersonatedUser, requestReceivedTimestamp

        /// By length and first byte, then one comparison (keys here have no escapes).
        @inline(__always)
        init?(_ key: JSONStringSpan) {
            let first = key.count > 0 ? key.start.pointee : 0
            switch (key.count, first) {
            case (4, UInt8(ascii: "k")) where KubernetesAuditScanner.matches(key, "kind"): self = .kind
            case (4, UInt8(ascii: "v")) where KubernetesAuditScanner.matches(key, "verb"): self = .verb
            case (4, UInt8(ascii: "u")) where KubernetesAuditScanner.matches(key, "user"): self = .user
            case (5, UInt8(ascii: "s")) where KubernetesAuditScanner.matches(key, "stage"): self = .stage
            case (5, UInt8(ascii: "i")) where KubernetesAuditScanner.matches(key, "items"): self = .items
            case (7, UInt8(ascii: "a")) where KubernetesAuditScanner.matches(key, "auditID"): self = .auditID
            case (9, UInt8(ascii: "s")) where KubernetesAuditScanner.matches(key, "sourceIPs"): self = .sourceIPs
            case (9, UInt8(ascii: "u")) where KubernetesAuditScanner.matches(key, "userAgent"): self = .userAgent
            case (9, UInt8(ascii: "o")) where KubernetesAuditScanner.matches(key, "objectRef"): self = .objectRef
            case (9, UInt8(ascii: "t")) where KubernetesAuditScanner.matches(key, "timestamp"): self = .timestamp
            case (10, UInt8(ascii: "r")) where KubernetesAuditScanner.matches(key, "requestURI"): self = .requestURI
            case (11, UInt8(ascii: "a")) where KubernetesAuditScanner.matches(key, "annotations"): self = .annotations
            case (13, UInt8(ascii: "r")) where KubernetesAuditScanner.matches(key, "requestObject"):
                self = .requestObject
            case (14, UInt8(ascii: "r")) where KubernetesAuditScanner.matches(key, "responseStatus"):
                self = .responseStatus
            case (14, UInt8(ascii: "s")) where KubernetesAuditScanner.matches(key, "stageTimestamp"):
                self = .stageTimestamp
            case (16, UInt8(ascii: "i")) where KubernetesAuditScanner.matches(key, "impersonatedUser"):
                self = .impersonatedUser
            case (24, UInt8(ascii: "r")) where KubernetesAuditScanner.matches(key, "requestReceivedTimestamp"):
                self = .requestReceivedTimestamp
            default: return nil
            }
        }
    }

    /// Byte equality with a literal of the same length (the switch has checked the length).
    @inline(__always)
    fileprivate static func matches(_ key: JSONStringSpan, _ literal: StaticString) -> Bool {
        ShortBytes.equal(key.start, literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    /// Keys already read in one object: a repeated key keeps its first value, as Foundation's
    /// decoder does (the value is still validated as JSON).
    private struct Seen {
        private var bits: UInt32 = 0
        @inline(__always)
        mutating func isFirst(_ index: Int) -> Bool {
            defer { bits |= 1 << index }
            return bits & (1 << index) == 0
        }
    }

    /// One Event object (cursor at it).
    private static func event<Sink: KubernetesAuditSink>(
        _ cursor: inout JSONCursor, depth: Int, into sink: inout Sink, top: inout TopLevel
    ) throws(JSONScanError) {
        try cursor.beginObject()
        var seen = Seen()
        var first = true
        while let name = try cursor.nextKey(first: &first) {
            var key: Key?
            if name.hasEscapes {
                try withPlainKey(name, at: cursor.offset) { (name) throws(JSONScanError) in key = Key(name) }
            } else {
                key = Key(name)
            }
            // The body is read as JSONSerialization reads it, where the last of repeated keys counts.
            guard let key, key == .requestObject || seen.isFirst(key.rawValue) else {
                try cursor.skipValue(depth: depth + 1)
                continue
            }
            switch key {
            case .kind:
                let offset = cursor.offset
                if let kind = try string(.kind, &cursor, &sink), depth == 0 {
                    top.isEventList =
                        kind.hasEscapes
                        ? (try JSONCursor.decode(kind, at: offset)) == "EventList" : kind.equals("EventList")
                }
            case .verb: try string(.verb, &cursor, &sink)
            case .user: try user(&cursor, depth: depth + 1, impersonated: false, &sink)
            case .stage: try string(.stage, &cursor, &sink)
            case .items:
                let items = try span(&cursor, depth: depth + 1)
                if depth == 0 { top.items = items }
            case .auditID: try string(.auditID, &cursor, &sink)
            case .sourceIPs: try firstSourceIP(&cursor, &sink)
            case .userAgent: try string(.userAgent, &cursor, &sink)
            case .objectRef: try objectRef(&cursor, depth: depth + 1, &sink)
            case .timestamp: try string(.timestamp, &cursor, &sink)
            case .requestURI: try string(.requestURI, &cursor, &sink)
            case .annotations: try decision(&cursor, &sink)
            case .requestObject: sink.requestObject(try span(&cursor, depth: depth + 1))
            case .responseStatus: try responseCode(&cursor, depth: depth + 1, &sink)
            case .stageTimestamp: try string(.stageTimestamp, &cursor, &sink)
            case .impersonatedUser: try user(&cursor, depth: depth + 1, impersonated: true, &sink)
            case .requestReceivedTimestamp: try string(.requestReceivedTimestamp, &cursor, &sink)
            }
        }
    }

    /// Runs `body` with an escaped key decoded to plain bytes (legal, but never seen in logs).
    private static func withPlainKey(
        _ key: JSONStringSpan, at offset: Int, _ body: (JSONStringSpan) throws(JSONScanError) -> Void
    ) throws(JSONScanError) {
        let plain = Array(try JSONCursor.decode(key, at: offset).utf8)
        try plain.withUnsafeBufferPointer { (bytes) throws(JSONScanError) in
            try body(
                JSONStringSpan(
                    start: bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: bytes.count, hasEscapes: false))
        }
    }

    // MARK: typed values

    /// A string (handed to the sink and returned), or nil for null; anything else is a wrong type.
    @inline(__always)
    @discardableResult
    private static func string<Sink: KubernetesAuditSink>(
        _ field: KubernetesAuditField, _ cursor: inout JSONCursor, _ sink: inout Sink
    ) throws(JSONScanError) -> JSONStringSpan? {
        switch cursor.peek() {
        case UInt8(ascii: "\""):
            let offset = cursor.offset
            let span = try cursor.stringSpan()
            try sink.field(field, span, at: offset)
            return span
        case UInt8(ascii: "n"):
            try cursor.skipValue()
            return nil
        default:
            throw cursor.error("expected a string or null")
        }
    }

    /// Throws where decoding the span would: a bad `\u` escape or invalid UTF-8.
    @inline(__always)
    static func check(_ span: JSONStringSpan, at offset: Int) throws(JSONScanError) {
        if span.hasEscapes {
            _ = try JSONCursor.decode(span, at: offset)
        } else if !JSONCursor.isASCII(UnsafeBufferPointer(start: span.start, count: span.count)),
            String(validating: UnsafeBufferPointer(start: span.start, count: span.count), as: UTF8.self) == nil
        {
            throw JSONScanError(offset: offset, message: "invalid UTF-8 in string")
        }
    }

    /// True at an object's `{`, false (null consumed) at null; anything else is a wrong type.
    private static func objectOrNull(_ cursor: inout JSONCursor, _ what: String) throws(JSONScanError) -> Bool {
        switch cursor.peek() {
        case UInt8(ascii: "{"): return true
        case UInt8(ascii: "n"): try cursor.skipValue(); return false
        default: throw cursor.error("\(what) is not an object")
        }
    }

    /// An array of strings or null: each element is checked to be a string, the first is decoded
    /// (handed to the sink as `field`, or only checked when `field` is nil).
    private static func firstString<Sink: KubernetesAuditSink>(
        _ field: KubernetesAuditField?, _ cursor: inout JSONCursor, _ sink: inout Sink
    ) throws(JSONScanError) {
        cursor.position += 1
        var first = true
        var index = 0
        while try cursor.nextElement(first: &first) {
            guard cursor.peek() == UInt8(ascii: "\"") else { throw cursor.error("expected a string") }
            if index == 0 {
                let offset = cursor.offset
                let span = try cursor.stringSpan()
                if let field { try sink.field(field, span, at: offset) } else { try check(span, at: offset) }
            } else {
                _ = try cursor.stringSpan()
            }
            index += 1
        }
    }

    private static func firstSourceIP<Sink: KubernetesAuditSink>(_ cursor: inout JSONCursor, _ sink: inout Sink)
        throws(JSONScanError)
    {
        switch cursor.peek() {
        case UInt8(ascii: "["): try firstString(.sourceIP, &cursor, &sink)
        case UInt8(ascii: "n"): try cursor.skipValue()
        default: throw cursor.error("expected an array of strings")
        }
    }

    /// The bytes of any value (validated), for reading later.
    private static func span(_ cursor: inout JSONCursor, depth: Int) throws(JSONScanError) -> UnsafeRawBufferPointer {
        let start = cursor.position
        try cursor.skipValue(depth: depth)
        return UnsafeRawBufferPointer(start: start, count: cursor.position - start)
    }

    private static func user<Sink: KubernetesAuditSink>(
        _ cursor: inout JSONCursor, depth: Int, impersonated: Bool, _ sink: inout Sink
    ) throws(JSONScanError) {
        guard try objectOrNull(&cursor, "user") else { return }
        sink.part(impersonated ? .impersonatedUser : .user)
        try cursor.beginObject()
        var seen = Seen()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            if key.equals("username"), seen.isFirst(0) {
                try string(impersonated ? .impersonatedUsername : .username, &cursor, &sink)
            } else if key.equals("extra"), seen.isFirst(1) {
                try credentialId(impersonated ? .impersonatedCredentialId : .credentialId, &cursor, &sink)
            } else {
                try cursor.skipValue(depth: depth + 1)
            }
        }
    }

    /// `extra` is a map of string arrays; only the credential id is kept (of repeated keys the first).
    private static func credentialId<Sink: KubernetesAuditSink>(
        _ field: KubernetesAuditField, _ cursor: inout JSONCursor, _ sink: inout Sink
    ) throws(JSONScanError) {
        guard try objectOrNull(&cursor, "user.extra") else { return }
        try cursor.beginObject()
        var found = false
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            guard cursor.peek() == UInt8(ascii: "[") else {
                throw cursor.error("user.extra values must be arrays of strings")
            }
            let wanted = !found && key.equals("authentication.kubernetes.io/credential-id")
            if wanted { found = true }
            try firstString(wanted ? field : nil, &cursor, &sink)
        }
    }

    private static func objectRef<Sink: KubernetesAuditSink>(_ cursor: inout JSONCursor, depth: Int, _ sink: inout Sink)
        throws(JSONScanError)
    {
        guard try objectOrNull(&cursor, "objectRef") else { return }
        sink.part(.objectRef)
        try cursor.beginObject()
        var seen = Seen()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            if key.equals("resource"), seen.isFirst(0) {
                try string(.resource, &cursor, &sink)
            } else if key.equals("namespace"), seen.isFirst(1) {
                try string(.namespace, &cursor, &sink)
            } else if key.equals("name"), seen.isFirst(2) {
                try string(.name, &cursor, &sink)
            } else if key.equals("apiGroup"), seen.isFirst(3) {
                try string(.apiGroup, &cursor, &sink)
            } else if key.equals("subresource"), seen.isFirst(4) {
                try string(.subresource, &cursor, &sink)
            } else {
                try cursor.skipValue(depth: depth + 1)
            }
        }
    }

    private static func responseCode<Sink: KubernetesAuditSink>(
        _ cursor: inout JSONCursor, depth: Int, _ sink: inout Sink
    ) throws(JSONScanError) {
        guard try objectOrNull(&cursor, "responseStatus") else { return }
        try cursor.beginObject()
        var seen = Seen()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            if !key.equals("code") || !seen.isFirst(0) {
                try cursor.skipValue(depth: depth + 1)
            } else if cursor.peek() == UInt8(ascii: "n") {
                try cursor.skipValue(); sink.responseCode(nil)
            } else {
                sink.responseCode(try integer(&cursor))
            }
        }
    }

    /// A JSON number that is a whole number within `Int`.
    private static func integer(_ cursor: inout JSONCursor) throws(JSONScanError) -> Int {
        let start = cursor.position
        let offset = cursor.offset
        guard cursor.peek() == UInt8(ascii: "-") || cursor.peek() &- UInt8(ascii: "0") < 10 else {
            throw cursor.error("expected a number")
        }
        try cursor.skipValue()
        let count = cursor.position - start
        // Plain digits (what logs write) need no String.
        if count <= 18 && start.pointee != UInt8(ascii: "-") {
            var value = 0
            var index = 0
            while index < count, start[index] &- UInt8(ascii: "0") < 10 {
                value = value * 10 + Int(start[index] &- UInt8(ascii: "0"))
                index += 1
            }
            if index == count { return value }
        }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        if let value = Int(text) { return value }
        guard let real = Double(text), real.rounded() == real, let value = Int(exactly: real) else {
            throw JSONScanError(offset: offset, message: "expected a whole number")
        }
        return value
    }

    /// `annotations` is a map of strings; only the authorization decision is kept (of repeated keys the first).
    private static func decision<Sink: KubernetesAuditSink>(_ cursor: inout JSONCursor, _ sink: inout Sink)
        throws(JSONScanError)
    {
        guard try objectOrNull(&cursor, "annotations") else { return }
        try cursor.beginObject()
        var found = false
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            guard cursor.peek() == UInt8(ascii: "\"") else { throw cursor.error("annotation values must be strings") }
            if !found, key.equals("authorization.k8s.io/decision") {
                found = true
                try string(.decision, &cursor, &sink)
            } else {
                _ = try cursor.stringSpan()
            }
        }
    }
}

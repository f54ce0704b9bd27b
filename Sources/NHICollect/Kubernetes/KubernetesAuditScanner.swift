import Foundation

/// Reads audit Events straight from a record's bytes with `JSONCursor`: one forward pass, only the
/// fields aggregation uses are decoded, everything else is validated and skipped. Field types are
/// checked as a typed decoder would (a string where a string is expected, or null; a whole
/// number for `responseStatus.code`), so a record with a wrong type is rejected, not half-read.
/// A key given twice counts with its last value.
enum KubernetesAuditScanner {
    /// The events of one record: the Event itself, or the `items` of an EventList.
    static func events(_ bytes: UnsafeRawBufferPointer) throws(JSONScanError) -> [KubernetesAuditEvent] {
        var cursor = JSONCursor(bytes)
        var items: UnsafeRawBufferPointer?
        let event = try self.event(&cursor, depth: 0, items: &items)
        cursor.skipWhitespace()
        guard cursor.isAtEnd else { throw cursor.error("unexpected data after the event object") }
        guard event.kind == "EventList" else { return [event] }
        guard let items else { throw cursor.error("EventList without items") }
        var list = JSONCursor(items)
        guard list.peek() == UInt8(ascii: "[") else { throw list.error("EventList items is not an array") }
        list.position += 1
        var events: [KubernetesAuditEvent] = []
        var first = true
        var ignored: UnsafeRawBufferPointer?
        while try list.nextElement(first: &first) { events.append(try self.event(&list, depth: 1, items: &ignored)) }
        return events
    }

    /// The top-level keys read, by length then name.
    private enum Key: Int {
        case kind, verb, user, stage, items, auditID, sourceIPs, userAgent, objectRef, timestamp, requestURI, annotations,
             requestObject, responseStatus, stageTimestamp, impersonatedUser, requestReceivedTimestamp

        @inline(__always)
        init?(_ key: JSONStringSpan) {
            switch key.count {
            case 4 where key.equals("kind"): self = .kind
            case 4 where key.equals("verb"): self = .verb
            case 4 where key.equals("user"): self = .user
            case 5 where key.equals("stage"): self = .stage
            case 5 where key.equals("items"): self = .items
            case 7 where key.equals("auditID"): self = .auditID
            case 9 where key.equals("sourceIPs"): self = .sourceIPs
            case 9 where key.equals("userAgent"): self = .userAgent
            case 9 where key.equals("objectRef"): self = .objectRef
            case 9 where key.equals("timestamp"): self = .timestamp
            case 10 where key.equals("requestURI"): self = .requestURI
            case 11 where key.equals("annotations"): self = .annotations
            case 13 where key.equals("requestObject"): self = .requestObject
            case 14 where key.equals("responseStatus"): self = .responseStatus
            case 14 where key.equals("stageTimestamp"): self = .stageTimestamp
            case 16 where key.equals("impersonatedUser"): self = .impersonatedUser
            case 24 where key.equals("requestReceivedTimestamp"): self = .requestReceivedTimestamp
            default: return nil
            }
        }
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

    /// One Event object (cursor at it). `items` receives the span of an `items` value, for EventLists.
    private static func event(_ cursor: inout JSONCursor, depth: Int, items: inout UnsafeRawBufferPointer?) throws(JSONScanError) -> KubernetesAuditEvent {
        try cursor.beginObject()
        var event = KubernetesAuditEvent()
        var body: UnsafeRawBufferPointer?
        var seen = Seen()
        var first = true
        while let name = try cursor.nextKey(first: &first) {
            var key: Key?
            try withPlainKey(name, at: cursor.offset) { (name) throws(JSONScanError) in key = Key(name) }
            // The body is read by JSONSerialization, where the last of repeated keys counts.
            guard let key, key == .requestObject || seen.isFirst(key.rawValue) else {
                try cursor.skipValue(depth: depth + 1)
                continue
            }
            switch key {
            case .kind: event.kind = try string(&cursor)
            case .verb: event.verb = try string(&cursor)
            case .user: event.user = try user(&cursor, depth: depth + 1)
            case .stage: event.stage = try string(&cursor)
            case .items: items = try span(&cursor, depth: depth + 1)
            case .auditID: event.auditID = try string(&cursor)
            case .sourceIPs: event.firstSourceIP = try firstString(&cursor, depth: depth + 1)
            case .userAgent: event.userAgent = try string(&cursor)
            case .objectRef: event.objectRef = try objectRef(&cursor, depth: depth + 1)
            case .timestamp: event.timestamp = try string(&cursor)
            case .requestURI: event.requestURI = try string(&cursor)
            case .annotations: event.authorizationDecision = try decision(&cursor, depth: depth + 1)
            case .requestObject: body = try span(&cursor, depth: depth + 1)
            case .responseStatus: event.responseCode = try responseCode(&cursor, depth: depth + 1)
            case .stageTimestamp: event.stageTimestamp = try string(&cursor)
            case .impersonatedUser: event.impersonatedUser = try user(&cursor, depth: depth + 1)
            case .requestReceivedTimestamp: event.requestReceivedTimestamp = try string(&cursor)
            }
        }
        if let body, KubernetesPatchShape.applies(verb: event.verb ?? "", group: event.objectRef?.apiGroup,
                                                  resource: event.objectRef?.resource, subresource: event.objectRef?.subresource) {
            event.requestPaths = KubernetesAuditDecoding.requestPaths(body: Data(body))
        }
        return event
    }

    /// Runs `body` with the key as plain bytes (keys written with escapes, legal but never seen, are decoded first).
    @inline(__always)
    private static func withPlainKey(_ key: JSONStringSpan, at offset: Int, _ body: (JSONStringSpan) throws(JSONScanError) -> Void) throws(JSONScanError) {
        guard key.hasEscapes else { return try body(key) }
        let plain = Array(try JSONCursor.decode(key, at: offset).utf8)
        try plain.withUnsafeBufferPointer { (bytes) throws(JSONScanError) in
            try body(JSONStringSpan(start: bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: bytes.count, hasEscapes: false))
        }
    }

    // MARK: typed values

    /// A string, or nil for null; anything else is a wrong type.
    private static func string(_ cursor: inout JSONCursor) throws(JSONScanError) -> String? {
        switch cursor.peek() {
        case UInt8(ascii: "\""):
            let offset = cursor.offset
            return try JSONCursor.decode(try cursor.stringSpan(), at: offset)
        case UInt8(ascii: "n"):
            try cursor.skipValue()
            return nil
        default:
            throw cursor.error("expected a string or null")
        }
    }

    /// A string that must not be null (an element of a string array or map).
    private static func requiredString(_ cursor: inout JSONCursor) throws(JSONScanError) -> String {
        guard cursor.peek() == UInt8(ascii: "\""), let text = try string(&cursor) else { throw cursor.error("expected a string") }
        return text
    }

    /// True at an object's `{`, false (null consumed) at null; anything else is a wrong type.
    private static func objectOrNull(_ cursor: inout JSONCursor, _ what: String) throws(JSONScanError) -> Bool {
        switch cursor.peek() {
        case UInt8(ascii: "{"): return true
        case UInt8(ascii: "n"): try cursor.skipValue(); return false
        default: throw cursor.error("\(what) is not an object")
        }
    }

    /// The first element of an array of strings (all elements are checked), or nil.
    private static func firstString(_ cursor: inout JSONCursor, depth: Int) throws(JSONScanError) -> String? {
        switch cursor.peek() {
        case UInt8(ascii: "["): break
        case UInt8(ascii: "n"): try cursor.skipValue(); return nil
        default: throw cursor.error("expected an array of strings")
        }
        cursor.position += 1
        var first = true
        var found: String?
        while try cursor.nextElement(first: &first) {
            if found == nil {
                found = try requiredString(&cursor)
            } else {
                guard cursor.peek() == UInt8(ascii: "\"") else { throw cursor.error("expected a string") }
                _ = try cursor.stringSpan()
            }
        }
        return found
    }

    /// The bytes of any value (validated), for reading later.
    private static func span(_ cursor: inout JSONCursor, depth: Int) throws(JSONScanError) -> UnsafeRawBufferPointer {
        let start = cursor.position
        try cursor.skipValue(depth: depth)
        return UnsafeRawBufferPointer(start: start, count: cursor.position - start)
    }

    private static func user(_ cursor: inout JSONCursor, depth: Int) throws(JSONScanError) -> KubernetesAuditEvent.User? {
        guard try objectOrNull(&cursor, "user") else { return nil }
        try cursor.beginObject()
        var user = KubernetesAuditEvent.User()
        var seen = Seen()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            if key.equals("username"), seen.isFirst(0) { user.username = try string(&cursor) }
            else if key.equals("extra"), seen.isFirst(1) { user.credentialId = try credentialId(&cursor, depth: depth + 1) }
            else { try cursor.skipValue(depth: depth + 1) }
        }
        return user
    }

    /// `extra` is a map of string arrays; only the credential id is kept.
    private static func credentialId(_ cursor: inout JSONCursor, depth: Int) throws(JSONScanError) -> String? {
        guard try objectOrNull(&cursor, "user.extra") else { return nil }
        try cursor.beginObject()
        var found: String??
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            guard cursor.peek() == UInt8(ascii: "[") else { throw cursor.error("user.extra values must be arrays of strings") }
            let value = try firstString(&cursor, depth: depth + 1)
            // A repeated key keeps its first value, as Foundation's decoder does.
            if found == nil, key.equals("authentication.kubernetes.io/credential-id") { found = .some(value) }
        }
        return found ?? nil
    }

    private static func objectRef(_ cursor: inout JSONCursor, depth: Int) throws(JSONScanError) -> KubernetesAuditEvent.ObjectRef? {
        guard try objectOrNull(&cursor, "objectRef") else { return nil }
        try cursor.beginObject()
        var object = KubernetesAuditEvent.ObjectRef()
        var seen = Seen()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            if key.equals("resource"), seen.isFirst(0) { object.resource = try string(&cursor) }
            else if key.equals("namespace"), seen.isFirst(1) { object.namespace = try string(&cursor) }
            else if key.equals("name"), seen.isFirst(2) { object.name = try string(&cursor) }
            else if key.equals("apiGroup"), seen.isFirst(3) { object.apiGroup = try string(&cursor) }
            else if key.equals("subresource"), seen.isFirst(4) { object.subresource = try string(&cursor) }
            else { try cursor.skipValue(depth: depth + 1) }
        }
        return object
    }

    private static func responseCode(_ cursor: inout JSONCursor, depth: Int) throws(JSONScanError) -> Int? {
        guard try objectOrNull(&cursor, "responseStatus") else { return nil }
        try cursor.beginObject()
        var code: Int?
        var seen = Seen()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            if !key.equals("code") || !seen.isFirst(0) { try cursor.skipValue(depth: depth + 1) }
            else if cursor.peek() == UInt8(ascii: "n") { try cursor.skipValue(); code = nil }
            else { code = try integer(&cursor) }
        }
        return code
    }

    /// A JSON number that is a whole number within `Int`.
    private static func integer(_ cursor: inout JSONCursor) throws(JSONScanError) -> Int {
        let start = cursor.position
        let offset = cursor.offset
        guard cursor.peek() == UInt8(ascii: "-") || cursor.peek() &- UInt8(ascii: "0") < 10 else {
            throw cursor.error("expected a number")
        }
        try cursor.skipValue()
        let text = String(decoding: UnsafeBufferPointer(start: start, count: cursor.position - start), as: UTF8.self)
        if let value = Int(text) { return value }
        guard let real = Double(text), real.rounded() == real, let value = Int(exactly: real) else {
            throw JSONScanError(offset: offset, message: "expected a whole number")
        }
        return value
    }

    /// `annotations` is a map of strings; only the authorization decision is kept.
    private static func decision(_ cursor: inout JSONCursor, depth: Int) throws(JSONScanError) -> String? {
        guard try objectOrNull(&cursor, "annotations") else { return nil }
        try cursor.beginObject()
        var found: String?
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            guard cursor.peek() == UInt8(ascii: "\"") else { throw cursor.error("annotation values must be strings") }
            if found == nil, key.equals("authorization.k8s.io/decision") {
                found = try requiredString(&cursor)
            } else {
                _ = try cursor.stringSpan()
            }
        }
        return found
    }
}

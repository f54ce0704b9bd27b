import CJSONScan
import Foundation

/// The fields of a CloudTrail event that collection reads; everything else is skipped unread.
public enum CloudTrailField: Int, CaseIterable, Sendable {
    case eventTime, eventSource, eventName, eventType, awsRegion, recipientAccountId, sourceIPAddress, userAgent, errorCode, eventID
    /// `userIdentity.*`
    case type, arn, accountId, accessKeyId, principalId, userName, invokedBy
    /// `userIdentity.sessionContext.sessionIssuer.*`
    case issuerType, issuerArn, issuerAccountId, issuerUserName
}

/// Receives what `CloudTrailScanner` finds, as raw spans valid only during the call, in file
/// order. A field given again (duplicate key) replaces the earlier value; nil means "present but
/// not a string", and may be left unsaid: a sink starts each event with every field absent.
public protocol CloudTrailFieldSink {
    mutating func field(_ field: CloudTrailField, _ value: JSONStringSpan?, at offset: Int) throws(JSONScanError)
    mutating func readOnly(_ value: Bool?)
    /// `requestParameters` starts (`isObject`), or is null / not an object (then no names follow).
    mutating func beginRequestParameters(isObject: Bool)
    mutating func requestParameterName(_ name: JSONStringSpan, at offset: Int) throws(JSONScanError)
    /// Everything the C walk noted in one event: by default handed over call by call in file order
    /// (`field`, `readOnly`, `beginRequestParameters`, `requestParameterName`); a sink on the hot
    /// path may read the walk's struct itself instead, with the same result.
    mutating func take(_ event: UnsafeMutablePointer<nhi_ct_event>) throws(JSONScanError)
}

extension CloudTrailFieldSink {
    public mutating func take(_ event: UnsafeMutablePointer<nhi_ct_event>) throws(JSONScanError) {
        try CloudTrailScanner.replay(event, into: &self)
    }
}

/// Walks one event object and hands the fields collection needs to a sink, validating the rest.
///
/// Two walks read the same events the same way. The C walk (`nhi_ct_scan`) notes where the
/// fields are, then they are handed over; it is the hot path. It declines what it does not
/// handle exactly as the Swift walk (`walk`) does: malformed JSON, escaped keys, a key given
/// twice. The Swift walk then reads the event and says what is wrong, if anything.
public enum CloudTrailScanner {
    public static func scan<Sink: CloudTrailFieldSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink) throws(JSONScanError) {
        let scratch = UnsafeMutablePointer<nhi_ct_event>.allocate(capacity: 1)
        defer { scratch.deallocate() }
        try scan(bytes, into: &sink, scratch: scratch, memos: nil)
    }

    /// `scan` with the C walk's result kept in `scratch`, reused from event to event, and the
    /// userIdentity objects of recent events in `memos` (zero-initialised by the caller, or nil).
    @inline(__always)
    static func scan<Sink: CloudTrailFieldSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink, scratch: UnsafeMutablePointer<nhi_ct_event>,
                                                memos: UnsafeMutablePointer<nhi_ct_identity_memos>?) throws(JSONScanError) {
        if let begin = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), nhi_ct_scan(begin, begin + bytes.count, scratch, memos) != 0 {
            try sink.take(scratch)
        } else {
            // What the declined C walk noted is not the event's.
            scratch.pointee.identity_stamp = 0
            try walk(bytes, into: &sink)
        }
    }

    /// Hands what the C walk found to the sink, in file order.
    @inline(__always)
    static func replay<Sink: CloudTrailFieldSink>(_ event: UnsafeMutablePointer<nhi_ct_event>, into sink: inout Sink) throws(JSONScanError) {
        @inline(__always) func string(_ span: nhi_json_span) -> JSONStringSpan {
            JSONStringSpan(start: span.start, count: Int(span.count), hasEscapes: span.escaped != 0)
        }
        let fields = UnsafeRawPointer(event.pointer(to: \.fields)!).assumingMemoryBound(to: nhi_json_span.self)
        let order = UnsafeRawPointer(event.pointer(to: \.order)!).assumingMemoryBound(to: UInt8.self)
        for index in 0..<Int(event.pointee.order_count) {
            let item = Int(order[index])
            if item == NHI_CT_REQUEST_NAMES {
                sink.beginRequestParameters(isObject: event.pointee.request_is_object != 0)
                let names = UnsafeRawPointer(event.pointer(to: \.names)!).assumingMemoryBound(to: nhi_json_span.self)
                for name in 0..<Int(event.pointee.name_count) {
                    try sink.requestParameterName(string(names[name]), at: Int(names[name].offset))
                }
            } else if item == NHI_CT_READ_ONLY {
                sink.readOnly(event.pointee.read_only < 0 ? nil : event.pointee.read_only == 1)
            } else {
                try sink.field(CloudTrailField(rawValue: item)!, string(fields[item]), at: Int(fields[item].offset))
            }
        }
    }

    /// The Swift walk: the reference the C walk is tested against, and the reader of what it declines.
    static func walk<Sink: CloudTrailFieldSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink) throws(JSONScanError) {
        var cursor = JSONCursor(bytes)
        try cursor.beginObject()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            if key.hasEscapes {
                try escapedTopLevel(key, &cursor, &sink)
            } else {
                try topLevel(key, &cursor, &sink)
            }
        }
        cursor.skipWhitespace()
        guard cursor.isAtEnd else { throw cursor.error("unexpected data after the event object") }
    }

    /// Keys written with escapes (legal JSON, never seen in CloudTrail) are matched after decoding.
    private static func escapedTopLevel<Sink: CloudTrailFieldSink>(_ key: JSONStringSpan, _ cursor: inout JSONCursor, _ sink: inout Sink) throws(JSONScanError) {
        let plain = Array(try JSONCursor.decode(key, at: cursor.offset).utf8)
        try plain.withUnsafeBufferPointer { (bytes) throws(JSONScanError) in
            let decoded = JSONStringSpan(start: bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: bytes.count, hasEscapes: false)
            try topLevel(decoded, &cursor, &sink)
        }
    }

    @inline(__always)
    private static func topLevel<Sink: CloudTrailFieldSink>(_ key: JSONStringSpan, _ cursor: inout JSONCursor, _ sink: inout Sink) throws(JSONScanError) {
        let field: CloudTrailField
        switch key.count {
        case 7 where key.equals("eventID"): field = .eventID
        case 8 where key.equals("readOnly"): sink.readOnly(try cursor.boolValue()); return
        case 9 where key.equals("eventTime"): field = .eventTime
        case 9 where key.equals("eventName"): field = .eventName
        case 9 where key.equals("eventType"): field = .eventType
        case 9 where key.equals("awsRegion"): field = .awsRegion
        case 9 where key.equals("userAgent"): field = .userAgent
        case 9 where key.equals("errorCode"): field = .errorCode
        case 11 where key.equals("eventSource"): field = .eventSource
        case 12 where key.equals("userIdentity"): try identity(&cursor, &sink); return
        case 15 where key.equals("sourceIPAddress"): field = .sourceIPAddress
        case 17 where key.equals("requestParameters"): try requestParameters(&cursor, &sink); return
        case 18 where key.equals("recipientAccountId"): field = .recipientAccountId
        default: try cursor.skipValue(); return
        }
        let offset = cursor.offset
        try sink.field(field, try cursor.stringSpanValue(), at: offset)
    }

    private static func identity<Sink: CloudTrailFieldSink>(_ cursor: inout JSONCursor, _ sink: inout Sink) throws(JSONScanError) {
        // A later userIdentity replaces an earlier one wholesale, as in any JSON object model.
        try clear(from: .type, through: .issuerUserName, &cursor, &sink)
        guard cursor.peek() == UInt8(ascii: "{") else { try cursor.skipValue(); return }
        try cursor.beginObject()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            let field: CloudTrailField
            if key.equals("type") { field = .type }
            else if key.equals("arn") { field = .arn }
            else if key.equals("accountId") { field = .accountId }
            else if key.equals("accessKeyId") { field = .accessKeyId }
            else if key.equals("principalId") { field = .principalId }
            else if key.equals("userName") { field = .userName }
            else if key.equals("invokedBy") { field = .invokedBy }
            else if key.equals("sessionContext") { try sessionContext(&cursor, &sink); continue }
            else { try cursor.skipValue(depth: 1); continue }
            let offset = cursor.offset
            try sink.field(field, try cursor.stringSpanValue(), at: offset)
        }
    }

    private static func sessionContext<Sink: CloudTrailFieldSink>(_ cursor: inout JSONCursor, _ sink: inout Sink) throws(JSONScanError) {
        try clear(from: .issuerType, through: .issuerUserName, &cursor, &sink)
        guard cursor.peek() == UInt8(ascii: "{") else { try cursor.skipValue(depth: 2); return }
        try cursor.beginObject()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            guard key.equals("sessionIssuer") else { try cursor.skipValue(depth: 2); continue }
            try clear(from: .issuerType, through: .issuerUserName, &cursor, &sink)
            guard cursor.peek() == UInt8(ascii: "{") else { try cursor.skipValue(depth: 2); continue }
            try cursor.beginObject()
            var firstIssuer = true
            while let name = try cursor.nextKey(first: &firstIssuer) {
                let field: CloudTrailField
                if name.equals("type") { field = .issuerType }
                else if name.equals("arn") { field = .issuerArn }
                else if name.equals("accountId") { field = .issuerAccountId }
                else if name.equals("userName") { field = .issuerUserName }
                else { try cursor.skipValue(depth: 3); continue }
                let offset = cursor.offset
                try sink.field(field, try cursor.stringSpanValue(), at: offset)
            }
        }
    }

    /// Fields `first...last` (in declaration order) become "absent", without an array per call.
    @inline(__always)
    private static func clear<Sink: CloudTrailFieldSink>(from first: CloudTrailField, through last: CloudTrailField,
                                                         _ cursor: inout JSONCursor, _ sink: inout Sink) throws(JSONScanError) {
        for raw in first.rawValue...last.rawValue { try sink.field(CloudTrailField(rawValue: raw)!, nil, at: cursor.offset) }
    }

    private static func requestParameters<Sink: CloudTrailFieldSink>(_ cursor: inout JSONCursor, _ sink: inout Sink) throws(JSONScanError) {
        guard cursor.peek() == UInt8(ascii: "{") else {
            sink.beginRequestParameters(isObject: false)
            try cursor.skipValue()
            return
        }
        sink.beginRequestParameters(isObject: true)
        try cursor.beginObject()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            try sink.requestParameterName(key, at: cursor.offset)
            try cursor.skipValue(depth: 1)
        }
    }
}

/// One CloudTrail event's fields as strings: what tests compare with JSONSerialization, and a
/// convenient form for anything that is not the hot path.
public struct CloudTrailEvent: Equatable, Sendable, CloudTrailFieldSink {
    public var eventTime: String?
    public var eventSource: String?
    public var eventName: String?
    public var eventType: String?
    public var awsRegion: String?
    public var recipientAccountId: String?
    public var sourceIPAddress: String?
    public var userAgent: String?
    public var errorCode: String?
    public var eventID: String?
    public var readOnly: Bool?
    public var identity = UserIdentity()
    /// Top-level field names of `requestParameters`, sorted and unique; nil when it is absent, null or not an object.
    public var requestParameterNames: [String]?

    public struct UserIdentity: Equatable, Sendable {
        public var type: String?
        public var arn: String?
        public var accountId: String?
        public var accessKeyId: String?
        public var principalId: String?
        public var userName: String?
        public var invokedBy: String?
        public var issuerType: String?
        public var issuerArn: String?
        public var issuerAccountId: String?
        public var issuerUserName: String?
        public init() {}
    }

    public init() {}

    /// Scans one event. Throws when the record is not a well-formed JSON object.
    public static func scan(_ bytes: UnsafeRawBufferPointer) throws(JSONScanError) -> CloudTrailEvent {
        var event = CloudTrailEvent()
        try CloudTrailScanner.scan(bytes, into: &event)
        if let names = event.requestParameterNames {
            var unique: [String] = []
            for name in names.sorted() where unique.last != name { unique.append(name) }
            event.requestParameterNames = unique
        }
        return event
    }

    public mutating func field(_ field: CloudTrailField, _ value: JSONStringSpan?, at offset: Int) throws(JSONScanError) {
        let text = try value.map { (span) throws(JSONScanError) in try JSONCursor.decode(span, at: offset) }
        switch field {
        case .eventTime: eventTime = text
        case .eventSource: eventSource = text
        case .eventName: eventName = text
        case .eventType: eventType = text
        case .awsRegion: awsRegion = text
        case .recipientAccountId: recipientAccountId = text
        case .sourceIPAddress: sourceIPAddress = text
        case .userAgent: userAgent = text
        case .errorCode: errorCode = text
        case .eventID: eventID = text
        case .type: identity.type = text
        case .arn: identity.arn = text
        case .accountId: identity.accountId = text
        case .accessKeyId: identity.accessKeyId = text
        case .principalId: identity.principalId = text
        case .userName: identity.userName = text
        case .invokedBy: identity.invokedBy = text
        case .issuerType: identity.issuerType = text
        case .issuerArn: identity.issuerArn = text
        case .issuerAccountId: identity.issuerAccountId = text
        case .issuerUserName: identity.issuerUserName = text
        }
    }

    public mutating func readOnly(_ value: Bool?) { readOnly = value }

    public mutating func beginRequestParameters(isObject: Bool) { requestParameterNames = isObject ? [] : nil }

    public mutating func requestParameterName(_ name: JSONStringSpan, at offset: Int) throws(JSONScanError) {
        requestParameterNames?.append(try JSONCursor.decode(name, at: offset))
    }
}

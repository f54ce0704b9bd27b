import Foundation

/// The fields of one CloudTrail event that collection needs; everything else is skipped unread.
public struct CloudTrailEvent: Equatable, Sendable {
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
        var cursor = JSONCursor(bytes)
        var event = CloudTrailEvent()
        try cursor.beginObject()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            switch key.count {
            case 7 where key.equals("eventID"): event.eventID = try cursor.stringValue()
            case 8 where key.equals("readOnly"): event.readOnly = try cursor.boolValue()
            case 9 where key.equals("eventTime"): event.eventTime = try cursor.stringValue()
            case 9 where key.equals("eventName"): event.eventName = try cursor.stringValue()
            case 9 where key.equals("eventType"): event.eventType = try cursor.stringValue()
            case 9 where key.equals("awsRegion"): event.awsRegion = try cursor.stringValue()
            case 9 where key.equals("userAgent"): event.userAgent = try cursor.stringValue()
            case 9 where key.equals("errorCode"): event.errorCode = try cursor.stringValue()
            case 11 where key.equals("eventSource"): event.eventSource = try cursor.stringValue()
            case 12 where key.equals("userIdentity"): try scanIdentity(&cursor, into: &event.identity)
            case 15 where key.equals("sourceIPAddress"): event.sourceIPAddress = try cursor.stringValue()
            case 17 where key.equals("requestParameters"): event.requestParameterNames = try scanFieldNames(&cursor)
            case 18 where key.equals("recipientAccountId"): event.recipientAccountId = try cursor.stringValue()
            default:
                if key.hasEscapes { try matchEscapedKey(key, &cursor, &event) } else { try cursor.skipValue() }
            }
        }
        cursor.skipWhitespace()
        guard cursor.isAtEnd else { throw cursor.error("unexpected data after the event object") }
        return event
    }

    /// Keys written with escapes (legal JSON, never seen in CloudTrail) are matched after decoding.
    private static func matchEscapedKey(_ key: JSONStringSpan, _ cursor: inout JSONCursor, _ event: inout CloudTrailEvent) throws(JSONScanError) {
        let name = try JSONCursor.decode(key, at: cursor.offset)
        let unescaped = Array(name.utf8)
        try unescaped.withUnsafeBufferPointer { (plain) throws(JSONScanError) in
            let span = JSONStringSpan(start: plain.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: plain.count, hasEscapes: false)
            if span.equals("userIdentity") { try scanIdentity(&cursor, into: &event.identity); return }
            if span.equals("requestParameters") { event.requestParameterNames = try scanFieldNames(&cursor); return }
            if span.equals("readOnly") { event.readOnly = try cursor.boolValue(); return }
            let fields: [(StaticString, WritableKeyPath<CloudTrailEvent, String?>)] = [
                ("eventID", \.eventID), ("eventTime", \.eventTime), ("eventName", \.eventName), ("eventType", \.eventType),
                ("awsRegion", \.awsRegion), ("userAgent", \.userAgent), ("errorCode", \.errorCode),
                ("eventSource", \.eventSource), ("sourceIPAddress", \.sourceIPAddress), ("recipientAccountId", \.recipientAccountId),
            ]
            if let field = fields.first(where: { span.equals($0.0) }) {
                event[keyPath: field.1] = try cursor.stringValue()
            } else {
                try cursor.skipValue()
            }
        }
    }

    private static func scanIdentity(_ cursor: inout JSONCursor, into identity: inout UserIdentity) throws(JSONScanError) {
        guard cursor.peek() == UInt8(ascii: "{") else { try cursor.skipValue(); return }
        try cursor.beginObject()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            if key.equals("type") { identity.type = try cursor.stringValue() }
            else if key.equals("arn") { identity.arn = try cursor.stringValue() }
            else if key.equals("accountId") { identity.accountId = try cursor.stringValue() }
            else if key.equals("accessKeyId") { identity.accessKeyId = try cursor.stringValue() }
            else if key.equals("principalId") { identity.principalId = try cursor.stringValue() }
            else if key.equals("userName") { identity.userName = try cursor.stringValue() }
            else if key.equals("invokedBy") { identity.invokedBy = try cursor.stringValue() }
            else if key.equals("sessionContext") { try scanSessionContext(&cursor, into: &identity) }
            else { try cursor.skipValue(depth: 1) }
        }
    }

    private static func scanSessionContext(_ cursor: inout JSONCursor, into identity: inout UserIdentity) throws(JSONScanError) {
        guard cursor.peek() == UInt8(ascii: "{") else { try cursor.skipValue(depth: 2); return }
        try cursor.beginObject()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            guard key.equals("sessionIssuer"), cursor.peek() == UInt8(ascii: "{") else { try cursor.skipValue(depth: 2); continue }
            try cursor.beginObject()
            var firstIssuer = true
            while let field = try cursor.nextKey(first: &firstIssuer) {
                if field.equals("type") { identity.issuerType = try cursor.stringValue() }
                else if field.equals("arn") { identity.issuerArn = try cursor.stringValue() }
                else if field.equals("accountId") { identity.issuerAccountId = try cursor.stringValue() }
                else if field.equals("userName") { identity.issuerUserName = try cursor.stringValue() }
                else { try cursor.skipValue(depth: 3) }
            }
        }
    }

    /// The object's top-level key names (values skipped), or nil when the value is not an object.
    private static func scanFieldNames(_ cursor: inout JSONCursor) throws(JSONScanError) -> [String]? {
        guard cursor.peek() == UInt8(ascii: "{") else { try cursor.skipValue(); return nil }
        try cursor.beginObject()
        var names: [String] = []
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            names.append(try JSONCursor.decode(key, at: cursor.offset))
            try cursor.skipValue(depth: 1)
        }
        names.sort()
        var unique: [String] = []
        unique.reserveCapacity(names.count)
        for name in names where unique.last != name { unique.append(name) }
        return unique
    }
}

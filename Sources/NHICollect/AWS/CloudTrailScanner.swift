import CJSONScan
import Foundation

/// Walks one event object and hands the fields collection needs to a sink, validating the rest.
///
/// Two walks read the same events the same way. The C walk (`nhi_ct_scan`) notes where the
/// fields are, then they are handed over; it is the hot path. It declines what it does not
/// handle exactly as the Swift walk (`walk`) does: malformed JSON, escaped keys, a key given
/// twice. The Swift walk then reads the event and says what is wrong, if anything.
enum CloudTrailScanner {
    static func scan<Sink: CloudTrailFieldSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink)
        throws(JSONScanError)
    {
        let scratch = UnsafeMutablePointer<nhi_ct_event>.allocate(capacity: 1)
        defer { scratch.deallocate() }
        try scan(bytes, into: &sink, scratch: scratch, memos: nil)
    }

    /// `scan` with the C walk's result kept in `scratch`, reused from event to event, and the
    /// userIdentity objects of recent events in `memos` (zero-initialised by the caller, or nil).
    @inline(__always)
    static func scan<Sink: CloudTrailFieldSink>(
        _ bytes: UnsafeRawBufferPointer, into sink: inout Sink, scratch: UnsafeMutablePointer<nhi_ct_event>,
        memos: UnsafeMutablePointer<nhi_ct_identity_memos>?
    ) throws(JSONScanError) {
        if let begin = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
            nhi_ct_scan(begin, begin + bytes.count, scratch, memos) != 0
        {
            try sink.take(scratch)
        } else {
            // What the declined C walk noted is not the event's.
            scratch.pointee.identity_stamp = 0
            try walk(bytes, into: &sink)
        }
    }

    /// The C walk of the event object at the start of `available`, an element of an array
    /// followed by whatever else is buffered: the element's length, with what the walk noted in
    /// `scratch` (for `sink.take`), or nil when it declines or the object does not end within
    /// `available`. It finds the end `JSONRecordStream.valueEnd` finds (`CloudTrailWalkTests`).
    @inline(__always)
    static func walkElement(
        _ available: UnsafeRawBufferPointer, scratch: UnsafeMutablePointer<nhi_ct_event>,
        memos: UnsafeMutablePointer<nhi_ct_identity_memos>?
    ) -> Int? {
        guard let begin = available.baseAddress?.assumingMemoryBound(to: UInt8.self),
            let after = nhi_ct_scan_object(begin, begin, begin + available.count, scratch, memos)
        else { return nil }
        return after - begin
    }

    /// Hands what the C walk found to the sink, in file order.
    @inline(__always)
    static func replay<Sink: CloudTrailFieldSink>(_ event: UnsafeMutablePointer<nhi_ct_event>, into sink: inout Sink)
        throws(JSONScanError)
    {
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
    static func walk<Sink: CloudTrailFieldSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink)
        throws(JSONScanError)
    {
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
    private static func escapedTopLevel<Sink: CloudTrailFieldSink>(
        _ key: JSONStringSpan, _ cursor: inout JSONCursor, _ sink: inout Sink
    ) throws(JSONScanError) {
        let plain = Array(try JSONCursor.decode(key, at: cursor.offset).utf8)
        try plain.withUnsafeBufferPointer { (bytes) throws(JSONScanError) in
            let decoded = JSONStringSpan(
                start: bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: bytes.count, hasEscapes: false)
            try topLevel(decoded, &cursor, &sink)
        }
    }

    @inline(__always)
    private static func topLevel<Sink: CloudTrailFieldSink>(
        _ key: JSONStringSpan, _ cursor: inout JSONCursor, _ sink: inout Sink
    ) throws(JSONScanError) {
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

    private static func identity<Sink: CloudTrailFieldSink>(_ cursor: inout JSONCursor, _ sink: inout Sink)
        throws(JSONScanError)
    {
        // A later userIdentity replaces an earlier one wholesale, as in any JSON object model.
        try clear(from: .type, through: .issuerUserName, &cursor, &sink)
        guard cursor.peek() == UInt8(ascii: "{") else { try cursor.skipValue(); return }
        try cursor.beginObject()
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            let field: CloudTrailField
            if key.equals("type") {
                field = .type
            } else if key.equals("arn") {
                field = .arn
            } else if key.equals("accountId") {
                field = .accountId
            } else if key.equals("accessKeyId") {
                field = .accessKeyId
            } else if key.equals("principalId") {
                field = .principalId
            } else if key.equals("userName") {
                field = .userName
            } else if key.equals("invokedBy") {
                field = .invokedBy
            } else if key.equals("sessionContext") {
                try sessionContext(&cursor, &sink); continue
            } else {
                try cursor.skipValue(depth: 1); continue
            }
            let offset = cursor.offset
            try sink.field(field, try cursor.stringSpanValue(), at: offset)
        }
    }

    private static func sessionContext<Sink: CloudTrailFieldSink>(_ cursor: inout JSONCursor, _ sink: inout Sink)
        throws(JSONScanError)
    {
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
                if name.equals("type") {
                    field = .issuerType
                } else if name.equals("arn") {
                    field = .issuerArn
                } else if name.equals("accountId") {
                    field = .issuerAccountId
                } else if name.equals("userName") {
                    field = .issuerUserName
                } else {
                    try cursor.skipValue(depth: 3); continue
                }
                let offset = cursor.offset
                try sink.field(field, try cursor.stringSpanValue(), at: offset)
            }
        }
    }

    /// Fields `first...last` (in declaration order) become "absent", without an array per call.
    @inline(__always)
    private static func clear<Sink: CloudTrailFieldSink>(
        from first: CloudTrailField, through last: CloudTrailField,
        _ cursor: inout JSONCursor, _ sink: inout Sink
    ) throws(JSONScanError) {
        for raw in first.rawValue...last.rawValue {
            try sink.field(CloudTrailField(rawValue: raw)!, nil, at: cursor.offset)
        }
    }

    private static func requestParameters<Sink: CloudTrailFieldSink>(_ cursor: inout JSONCursor, _ sink: inout Sink)
        throws(JSONScanError)
    {
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

import Foundation
@testable import NHICollect

/// One CloudTrail event's fields as strings, read through `CloudTrailScanner`: what the scanner
/// tests compare with JSONSerialization.
struct CloudTrailEvent: Equatable, Sendable, CloudTrailFieldSink {
    var eventTime: String?
    var eventSource: String?
    var eventName: String?
    var eventType: String?
    var awsRegion: String?
    var recipientAccountId: String?
    var sourceIPAddress: String?
    var userAgent: String?
    var errorCode: String?
    var eventID: String?
    var readOnly: Bool?
    var identity = UserIdentity()
    /// Top-level field names of `requestParameters`, sorted and unique; nil when it is absent, null or not an object.
    var requestParameterNames: [String]?

    typealias UserIdentity = CloudTrailUserIdentity

    init() {}

    /// Scans one event. Throws when the record is not a well-formed JSON object.
    static func scan(_ bytes: UnsafeRawBufferPointer) throws(JSONScanError) -> CloudTrailEvent {
        var event = CloudTrailEvent()
        try CloudTrailScanner.scan(bytes, into: &event)
        if let names = event.requestParameterNames {
            var unique: [String] = []
            for name in names.sorted() where unique.last != name { unique.append(name) }
            event.requestParameterNames = unique
        }
        return event
    }

    mutating func field(_ field: CloudTrailField, _ value: JSONStringSpan?, at offset: Int) throws(JSONScanError) {
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

    mutating func readOnly(_ value: Bool?) { readOnly = value }

    mutating func beginRequestParameters(isObject: Bool) { requestParameterNames = isObject ? [] : nil }

    mutating func requestParameterName(_ name: JSONStringSpan, at offset: Int) throws(JSONScanError) {
        requestParameterNames?.append(try JSONCursor.decode(name, at: offset))
    }
}

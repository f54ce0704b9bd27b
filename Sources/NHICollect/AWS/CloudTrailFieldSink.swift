import CJSONScan
import Foundation

/// The fields of a CloudTrail event that collection reads; everything else is skipped unread.
enum CloudTrailField: Int, CaseIterable, Sendable {
    case eventTime, eventSource, eventName, eventType, awsRegion, recipientAccountId, sourceIPAddress, userAgent,
        errorCode, eventID
    /// `userIdentity.*`
    case type, arn, accountId, accessKeyId, principalId, userName, invokedBy
    /// `userIdentity.sessionContext.sessionIssuer.*`
    case issuerType, issuerArn, issuerAccountId, issuerUserName
}

/// Receives what `CloudTrailScanner` finds, as raw spans valid only during the call, in file
/// order. A field given again (duplicate key) replaces the earlier value; nil means "present but
/// not a string", and may be left unsaid: a sink starts each event with every field absent.
protocol CloudTrailFieldSink {
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
    mutating func take(_ event: UnsafeMutablePointer<nhi_ct_event>) throws(JSONScanError) {
        try CloudTrailScanner.replay(event, into: &self)
    }
}

import CJSONScan
import Foundation

/// The string fields of an audit Event that collection reads.
enum KubernetesAuditField: Int, CaseIterable {
    case kind, auditID, stage, requestURI, verb, userAgent, sourceIP, decision
    /// `user.username`, `user.extra["authentication.kubernetes.io/credential-id"][0]`
    case username, credentialId
    /// The same of `impersonatedUser`.
    case impersonatedUsername, impersonatedCredentialId
    /// `objectRef.*`
    case resource, namespace, name, apiGroup, subresource
    case requestReceivedTimestamp, stageTimestamp, timestamp
}

/// The objects of an Event whose presence the String form keeps (`user: null` is not `user: {}`).
enum KubernetesAuditPart {
    case user, impersonatedUser, objectRef
}

/// Receives what `KubernetesAuditScanner` finds in one Event, as raw spans valid only until the
/// record is done. Each field comes at most once per event (of repeated keys the first counts, as
/// Foundation's decoder does; null counts as given and is not passed on). Spans may hold escapes
/// and are not yet checked for valid UTF-8: the sink decodes or checks what it receives, and a
/// record that fails is rejected whole.
protocol KubernetesAuditSink {
    mutating func beginEvent()
    mutating func field(_ field: KubernetesAuditField, _ value: JSONStringSpan, at offset: Int) throws(JSONScanError)
    mutating func part(_ part: KubernetesAuditPart)
    /// `responseStatus.code` (nil when null).
    mutating func responseCode(_ code: Int?)
    /// The bytes of `requestObject`; of repeated keys the last counts (as JSONSerialization reads a body).
    mutating func requestObject(_ body: UnsafeRawBufferPointer)
    /// The event is complete: `event` is its bytes, the `item`th of an EventList of `items` (else 0 of 1).
    mutating func endEvent(_ event: UnsafeRawBufferPointer, item: Int, of items: Int) throws(JSONScanError)
    /// Everything the C walk noted in one Event, before `endEvent`: by default handed over call by
    /// call in file order (`beginEvent`, then `field`, `part`, …); a sink on the hot path may read
    /// the walk's struct itself instead, with the same result.
    mutating func take(_ walk: UnsafeMutablePointer<nhi_k8s_event>) throws(JSONScanError)
}

extension KubernetesAuditSink {
    mutating func take(_ walk: UnsafeMutablePointer<nhi_k8s_event>) throws(JSONScanError) {
        try KubernetesAuditScanner.replay(walk, into: &self)
    }
}

/// Checks the events of a record as their String form reads them (every field's escapes decoded
/// and its UTF-8 validated) and counts them: an EventList is checked whole before its first item
/// is counted.
struct KubernetesAuditCheck: KubernetesAuditSink {
    private(set) var events = 0

    mutating func beginEvent() {}

    mutating func field(_ field: KubernetesAuditField, _ value: JSONStringSpan, at offset: Int) throws(JSONScanError) {
        _ = try JSONCursor.decode(value, at: offset)
    }

    mutating func part(_ part: KubernetesAuditPart) {}

    mutating func responseCode(_ code: Int?) {}

    mutating func requestObject(_ body: UnsafeRawBufferPointer) {}

    mutating func endEvent(_ event: UnsafeRawBufferPointer, item: Int, of items: Int) throws(JSONScanError) {
        events += 1
    }
}

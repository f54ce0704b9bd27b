import Foundation
@testable import NHICollect
import NHIModel

/// The fields of an `audit.k8s.io` Event (v1, v1beta1, or without apiVersion as Falco traces write
/// them) that activity aggregation uses, as `KubernetesAuditScanner` reads them.
struct KubernetesAuditEvent: Equatable, Sendable {
    struct User: Equatable, Sendable {
        var username: String?
        /// `extra["authentication.kubernetes.io/credential-id"][0]`: the token or certificate used.
        var credentialId: String?
    }

    struct ObjectRef: Equatable, Sendable {
        var resource: String?
        var namespace: String?
        var name: String?
        var apiGroup: String?
        var subresource: String?
    }

    var kind: String?
    var auditID: String?
    var stage: String?
    var requestURI: String?
    var verb: String?
    var user: User?
    var impersonatedUser: User?
    var firstSourceIP: String?
    var userAgent: String?
    var objectRef: ObjectRef?
    var responseCode: Int?
    var requestReceivedTimestamp: String?
    var stageTimestamp: String?
    var timestamp: String?
    /// `annotations["authorization.k8s.io/decision"]`.
    var authorizationDecision: String?
    /// The paths the request body sets, read only for patches and updates of Deployments
    /// (see `KubernetesPatchShape.applies`); empty otherwise.
    var requestPaths: [[String]] = []

    /// When the request was handled: the stage time, else when it was received, else the
    /// v1beta1 `timestamp`.
    var time: Date? {
        [stageTimestamp, requestReceivedTimestamp, timestamp].lazy.compactMap { $0.flatMap(TimestampParser.parse) }
            .first
    }
}

/// Collects the events of a record in String form, the reference the scanner's sinks are tested against.
struct KubernetesAuditEvents: KubernetesAuditSink {
    private(set) var events: [KubernetesAuditEvent] = []
    private var current = KubernetesAuditEvent()
    private var body: UnsafeRawBufferPointer?

    mutating func beginEvent() {
        current = KubernetesAuditEvent()
        body = nil
    }

    mutating func field(_ field: KubernetesAuditField, _ value: JSONStringSpan, at offset: Int) throws(JSONScanError) {
        let text = try JSONCursor.decode(value, at: offset)
        switch field {
        case .kind: current.kind = text
        case .auditID: current.auditID = text
        case .stage: current.stage = text
        case .requestURI: current.requestURI = text
        case .verb: current.verb = text
        case .userAgent: current.userAgent = text
        case .sourceIP: current.firstSourceIP = text
        case .decision: current.authorizationDecision = text
        case .username: current.user?.username = text
        case .credentialId: current.user?.credentialId = text
        case .impersonatedUsername: current.impersonatedUser?.username = text
        case .impersonatedCredentialId: current.impersonatedUser?.credentialId = text
        case .resource: current.objectRef?.resource = text
        case .namespace: current.objectRef?.namespace = text
        case .name: current.objectRef?.name = text
        case .apiGroup: current.objectRef?.apiGroup = text
        case .subresource: current.objectRef?.subresource = text
        case .requestReceivedTimestamp: current.requestReceivedTimestamp = text
        case .stageTimestamp: current.stageTimestamp = text
        case .timestamp: current.timestamp = text
        }
    }

    mutating func part(_ part: KubernetesAuditPart) {
        switch part {
        case .user: current.user = .init()
        case .impersonatedUser: current.impersonatedUser = .init()
        case .objectRef: current.objectRef = .init()
        }
    }

    mutating func responseCode(_ code: Int?) { current.responseCode = code }

    mutating func requestObject(_ body: UnsafeRawBufferPointer) { self.body = body }

    mutating func endEvent(_ event: UnsafeRawBufferPointer, item: Int, of items: Int) throws(JSONScanError) {
        let object = current.objectRef
        if let body,
            KubernetesPatchShape.applies(
                verb: current.verb ?? "", group: object?.apiGroup, resource: object?.resource,
                subresource: object?.subresource)
        {
            current.requestPaths = KubernetesAuditDecoding.requestPaths(body: Data(body))
        }
        events.append(current)
    }
}

extension KubernetesAuditScanner {
    /// The events of one record in String form.
    static func events(_ bytes: UnsafeRawBufferPointer) throws(JSONScanError) -> [KubernetesAuditEvent] {
        var events = KubernetesAuditEvents()
        try scan(bytes, into: &events)
        return events.events
    }
}

import Foundation
import NHIModel

/// The fields of an `audit.k8s.io` Event (v1, v1beta1, or without apiVersion as Falco traces write
/// them) that activity aggregation uses.
struct KubernetesAuditEvent: Decodable, Sendable {
    struct User: Decodable, Sendable {
        var username: String?
        var extra: [String: [String]]?
    }

    struct ObjectRef: Decodable, Sendable {
        var resource: String?
        var namespace: String?
        var name: String?
        var apiGroup: String?
        var subresource: String?
    }

    struct ResponseStatus: Decodable, Sendable {
        var code: Int?
    }

    var kind: String?
    var auditID: String?
    var stage: String?
    var requestURI: String?
    var verb: String?
    var user: User?
    var impersonatedUser: User?
    var sourceIPs: [String]?
    var userAgent: String?
    var objectRef: ObjectRef?
    var responseStatus: ResponseStatus?
    var requestReceivedTimestamp: String?
    var stageTimestamp: String?
    var timestamp: String?
    var annotations: [String: String]?

    /// When the request was handled: the stage time, else when it was received, else the
    /// v1beta1 `timestamp`.
    var time: Date? {
        [stageTimestamp, requestReceivedTimestamp, timestamp].lazy.compactMap { $0.flatMap(RecordTime.iso8601) }.first
    }
}

/// `{"kind":"EventList","items":[…]}` as the audit webhook batches events.
private struct KubernetesAuditEventList: Decodable {
    var items: [KubernetesAuditEvent]
}

enum KubernetesAuditDecoding {
    /// Decodes one record (an Event, or an EventList of several). The only place that parses audit
    /// JSON, so that a faster field scanner can replace Foundation's decoder here alone.
    static func events(from bytes: Data, using decoder: JSONDecoder) throws -> [KubernetesAuditEvent] {
        let event = try decoder.decode(KubernetesAuditEvent.self, from: bytes)
        if event.kind == "EventList" {
            return try decoder.decode(KubernetesAuditEventList.self, from: bytes).items
        }
        return [event]
    }

    /// The paths a request body sets (`spec.replicas`, `spec.template.metadata.annotations.…`);
    /// JSON-patch bodies give the paths of their operations. Only patches and updates of
    /// Deployments get here, so a generic parse is affordable.
    static func requestPaths(from bytes: Data) -> [[String]] {
        guard let event = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
              let body = event["requestObject"] else { return [] }
        if let operations = body as? [[String: Any]] {
            return operations.compactMap { $0["path"] as? String }.map { path in
                path.split(separator: "/").map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
            }
        }
        return leafPaths(body)
    }

    private static func leafPaths(_ value: Any) -> [[String]] {
        guard let object = value as? [String: Any], !object.isEmpty else { return [] }
        var paths: [[String]] = []
        for (key, child) in object {
            let below = leafPaths(child)
            paths += below.isEmpty ? [[key]] : below.map { [key] + $0 }
        }
        return paths
    }
}

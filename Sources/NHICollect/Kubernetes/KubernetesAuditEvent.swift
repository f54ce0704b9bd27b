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
        [stageTimestamp, requestReceivedTimestamp, timestamp].lazy.compactMap { $0.flatMap(ISO8601.parse) }.first
    }
}

/// `{"kind":"EventList","items":[…]}` as the audit webhook batches events.
private struct KubernetesAuditEventList: Decodable {
    var items: [KubernetesAuditEvent]
}

/// The request body of a patch or update, kept only as the paths it sets.
private struct KubernetesAuditRequestBody: Decodable {
    var requestObject: JSONPaths?
}

enum KubernetesAuditDecoding {
    /// Decodes one record (an Event, or an EventList of several). The only place that parses audit
    /// JSON, so that a faster field scanner can replace Foundation's decoder here alone.
    static func events(from bytes: Data) throws -> [KubernetesAuditEvent] {
        let decoder = JSONDecoder()
        let event = try decoder.decode(KubernetesAuditEvent.self, from: bytes)
        if event.kind == "EventList" {
            return try decoder.decode(KubernetesAuditEventList.self, from: bytes).items
        }
        return [event]
    }

    /// The paths a request body sets (`spec.replicas`, `spec.template.metadata.annotations.…`);
    /// JSON-patch bodies give the paths of their operations.
    static func requestPaths(from bytes: Data) -> [[String]] {
        (try? JSONDecoder().decode(KubernetesAuditRequestBody.self, from: bytes))?.requestObject?.paths ?? []
    }
}

/// The leaf paths of a JSON value (object keys; JSON-patch operation arrays give their `path`s).
struct JSONPaths: Decodable {
    var paths: [[String]]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct PatchOperation: Decodable { var path: String }

    init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            var paths: [[String]] = []
            for key in object.allKeys {
                let child = try object.decode(JSONPaths.self, forKey: key)
                paths += child.paths.isEmpty ? [[key.stringValue]] : child.paths.map { [key.stringValue] + $0 }
            }
            self.paths = paths
        } else if let operations = try? decoder.singleValueContainer().decode([PatchOperation].self) {
            paths = operations.map { operation in
                operation.path.split(separator: "/").map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
            }
        } else {
            paths = []
        }
    }
}

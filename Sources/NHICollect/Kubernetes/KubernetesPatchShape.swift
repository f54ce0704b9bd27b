import Foundation

/// What a patch or update of a Deployment changes, as `requestFields`: a rollout restart
/// (`patch:restartedAt-only`), a new pod template (`patch:pod-template`) or a scale (`patch:replicas`).
/// NHIDetect classifies these (restart and scale are operations, a new template is delivery).
enum KubernetesPatchShape {
    static let restartedAt = ["spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"]

    enum Shape: UInt8 {
        case none, restartedAtOnly, podTemplate, replicas

        var requestFields: [String] {
            switch self {
            case .none: []
            case .restartedAtOnly: ["patch:restartedAt-only"]
            case .podTemplate: ["patch:pod-template"]
            case .replicas: ["patch:replicas"]
            }
        }
    }

    static func requestFields(paths: [[String]]) -> [String] { shape(paths: paths).requestFields }

    static func shape(paths: [[String]]) -> Shape {
        let specPaths = paths.filter { $0.first == "spec" }
        guard !specPaths.isEmpty else { return .none }
        if specPaths.allSatisfy({ $0 == restartedAt }) { return .restartedAtOnly }
        if specPaths.contains(where: { $0.count >= 2 && $0[1] == "template" }) { return .podTemplate }
        if specPaths.allSatisfy({ $0 == ["spec", "replicas"] }) { return .replicas }
        return .none
    }

    /// The shape of a request body.
    static func shape(body: UnsafeRawBufferPointer) -> Shape {
        shape(paths: KubernetesAuditDecoding.requestPaths(body: Data(body)))
    }

    /// Only patches and updates of the Deployment itself carry a body worth classifying.
    static func applies(verb: String, group: String?, resource: String?, subresource: String?) -> Bool {
        (verb == "patch" || verb == "update") && resource == "deployments" && (subresource ?? "").isEmpty
            && ["apps", "extensions"].contains(group ?? "")
    }
}

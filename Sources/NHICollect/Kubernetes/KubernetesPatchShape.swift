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

    /// The shape of a body's paths: it sets something under `spec`, and only the restart
    /// annotation, or the pod template, or only the replica count.
    static func shape(paths: [[String]]) -> Shape {
        let specPaths = paths.filter { $0.first == "spec" }
        guard !specPaths.isEmpty else { return .none }
        if specPaths.allSatisfy({ $0 == restartedAt }) { return .restartedAtOnly }
        if specPaths.contains(where: { $0.count >= 2 && $0[1] == "template" }) { return .podTemplate }
        if specPaths.allSatisfy({ $0 == ["spec", "replicas"] }) { return .replicas }
        return .none
    }

    /// The shape of a request body (already validated as JSON): its paths are walked in place
    /// (`KubernetesPatchPaths`); a body the walk leaves to Foundation (escapes, non-ASCII text,
    /// repeated keys, numbers Foundation might not represent) is parsed by JSONSerialization.
    static func shape(body: UnsafeRawBufferPointer) -> Shape {
        var tally = Tally()
        if KubernetesPatchPaths.walk(body, into: &tally) { return tally.shape }
        return shape(paths: KubernetesAuditDecoding.requestPaths(body: Data(body)))
    }

    /// `shape(paths:)` one path at a time, over byte components.
    struct Tally: KubernetesPatchPathSink {
        private var spec = false
        private var allRestartedAt = true
        private var anyTemplate = false
        private var allReplicas = true

        mutating func path(_ components: [UnsafeBufferPointer<UInt8>]) {
            guard let first = components.first, Self.equals(first, "spec") else { return }
            spec = true
            let second = components.count >= 2 ? components[1] : nil
            if let second, Self.equals(second, "template") { anyTemplate = true }
            if !(components.count == 2 && Self.equals(second!, "replicas")) { allReplicas = false }
            if !(components.count == 5 && Self.equals(components[1], "template")
                && Self.equals(components[2], "metadata")
                && Self.equals(components[3], "annotations")
                && Self.equals(components[4], "kubectl.kubernetes.io/restartedAt"))
            {
                allRestartedAt = false
            }
        }

        var shape: Shape {
            guard spec else { return .none }
            if allRestartedAt { return .restartedAtOnly }
            if anyTemplate { return .podTemplate }
            if allReplicas { return .replicas }
            return .none
        }

        private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
            bytes.count == literal.utf8CodeUnitCount
                && (bytes.count == 0 || memcmp(bytes.baseAddress!, literal.utf8Start, bytes.count) == 0)
        }
    }

    /// Only patches and updates of the Deployment itself carry a body worth classifying.
    static func applies(verb: String, group: String?, resource: String?, subresource: String?) -> Bool {
        (verb == "patch" || verb == "update") && resource == "deployments" && (subresource ?? "").isEmpty
            && ["apps", "extensions"].contains(group ?? "")
    }
}

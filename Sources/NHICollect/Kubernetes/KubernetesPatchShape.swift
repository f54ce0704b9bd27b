import Foundation

/// What a patch or update of a Deployment changes, as `requestFields`: a rollout restart
/// (`patch:restartedAt-only`), a new pod template (`patch:pod-template`) or a scale (`patch:replicas`).
/// NHIDetect classifies these (restart and scale are operations, a new template is delivery).
enum KubernetesPatchShape {
    static let restartedAt = ["spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"]

    static func requestFields(paths: [[String]]) -> [String] {
        let specPaths = paths.filter { $0.first == "spec" }
        guard !specPaths.isEmpty else { return [] }
        if specPaths.allSatisfy({ $0 == restartedAt }) { return ["patch:restartedAt-only"] }
        if specPaths.contains(where: { $0.count >= 2 && $0[1] == "template" }) { return ["patch:pod-template"] }
        if specPaths.allSatisfy({ $0 == ["spec", "replicas"] }) { return ["patch:replicas"] }
        return []
    }

    /// Only patches and updates of the Deployment itself carry a body worth classifying.
    static func applies(verb: String, group: String?, resource: String?, subresource: String?) -> Bool {
        (verb == "patch" || verb == "update") && resource == "deployments" && (subresource ?? "").isEmpty
            && ["apps", "extensions"].contains(group ?? "")
    }
}

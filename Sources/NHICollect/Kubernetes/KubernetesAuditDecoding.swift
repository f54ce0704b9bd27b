import Foundation

enum KubernetesAuditDecoding {
    /// The paths a request body sets (`spec.replicas`, `spec.template.metadata.annotations.…`);
    /// JSON-patch bodies give the paths of their operations. Only patches and updates of
    /// Deployments get here, so a generic parse of the body alone is affordable.
    static func requestPaths(body bytes: Data) -> [[String]] {
        guard let body = try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) else { return [] }
        if let operations = body as? [[String: Any]] {
            return operations.compactMap { $0["path"] as? String }.map { path in
                path.split(separator: "/").map {
                    $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                }
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

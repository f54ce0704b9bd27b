import Foundation
import NHIModel

/// Canonical Kubernetes identity ids and the action vocabulary shared by grants and audit activity.
enum KubernetesNames {
    static func serviceAccount(cluster: String, namespace: String, name: String) -> IdentityID {
        IdentityID("k8s:\(cluster):serviceaccount:\(namespace):\(name)")
    }

    static func user(cluster: String, name: String) -> IdentityID {
        if let (namespace, account) = serviceAccountUsername(name) {
            return serviceAccount(cluster: cluster, namespace: namespace, name: account)
        }
        return IdentityID("k8s:\(cluster):user:\(name)")
    }

    /// An identity seen acting in an audit log: a ServiceAccount for `system:serviceaccount:NS:NAME`,
    /// else a user. Marked as not in the inventory; RBAC exports of the same cluster supply those facts.
    static func auditIdentity(_ username: String, cluster: String) -> Identity {
        let id = user(cluster: cluster, name: username)
        if let (namespace, name) = serviceAccountUsername(username) {
            return Identity(
                id: id, platform: .kubernetes, kind: .serviceAccount, name: "\(namespace)/\(name)",
                account: cluster, namespace: namespace, isHuman: false, inInventory: false,
                isPlatformService: ["kube-system", "kube-public", "kube-node-lease"].contains(namespace))
        }
        let platform = isPlatformName(username)
        return Identity(
            id: id, platform: .kubernetes, kind: .user, name: username, account: cluster,
            isHuman: !platform, inInventory: false, isPlatformService: platform)
    }

    static func group(cluster: String, name: String) -> IdentityID {
        IdentityID("k8s:\(cluster):group:\(name)")
    }

    /// `system:serviceaccount:NS:NAME` → (NS, NAME).
    static func serviceAccountUsername(_ username: String) -> (String, String)? {
        let parts = username.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "system", parts[1] == "serviceaccount", !parts[2].isEmpty, !parts[3].isEmpty
        else { return nil }
        return (parts[2], parts[3])
    }

    /// `<verb> <group/>resource[/subresource]`; the core group has no prefix, and a wildcard group
    /// with a wildcard resource is written `*`.
    static func action(verb: String, group: String, resource: String, subresource: String? = nil) -> String {
        var target = resource
        if let subresource, !subresource.isEmpty { target += "/\(subresource)" }
        if group == "*" && resource == "*" { return "\(verb) *" }
        return group.isEmpty ? "\(verb) \(target)" : "\(verb) \(group)/\(target)"
    }

    /// The cluster a file belongs to: scope.yaml's `account` for the source, else the file's folder name.
    static func cluster(of file: SourceFile) -> String {
        if let account = file.accountOverride, !account.isEmpty { return account }
        return file.url.deletingLastPathComponent().lastPathComponent
    }

    /// Kubernetes identities that belong to the platform itself (`system:` users and groups).
    static func isPlatformName(_ name: String) -> Bool { name.hasPrefix("system:") }
}

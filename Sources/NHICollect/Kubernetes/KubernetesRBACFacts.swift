import Foundation
import NHIModel

/// RBAC objects and pod facts per cluster, kept until every file has been read: roles, bindings and
/// pods of one cluster usually sit in different files, which are read in parallel. Resolved into
/// grants and ServiceAccount attributes by `KubernetesRBACResolution` when collection finishes.
public struct KubernetesRBACFacts: Sendable {
    struct Rule: Hashable, Sendable {
        var apiGroups: [String]
        var resources: [String]
        var verbs: [String]
        var resourceNames: [String]
        var nonResourceURLs: [String]
    }

    struct Selector: Hashable, Sendable {
        struct Requirement: Hashable, Sendable {
            var key: String
            var op: String
            var values: [String]
        }
        var matchLabels: [String: String]
        var matchExpressions: [Requirement]

        /// Kubernetes label-selector semantics: every label and every requirement must hold.
        func matches(_ labels: [String: String]) -> Bool {
            for (key, value) in matchLabels where labels[key] != value { return false }
            for requirement in matchExpressions {
                let value = labels[requirement.key]
                switch requirement.op {
                case "In": if !(value.map { requirement.values.contains($0) } ?? false) { return false }
                case "NotIn": if let value, requirement.values.contains(value) { return false }
                case "Exists": if value == nil { return false }
                case "DoesNotExist": if value != nil { return false }
                default: return false
                }
            }
            return true
        }
    }

    struct Role: Sendable {
        var name: String
        /// nil for ClusterRoles.
        var namespace: String?
        var labels: [String: String]
        var rules: [Rule]
        var aggregationSelectors: [Selector]
        var evidence: EvidenceRef
    }

    struct Binding: Sendable {
        struct Subject: Hashable, Sendable {
            var kind: String
            var name: String
            var namespace: String?
        }
        var name: String
        /// nil for ClusterRoleBindings.
        var namespace: String?
        var roleKind: String
        var roleName: String
        var subjects: [Subject]
        var environmentOverride: String?
        var evidence: EvidenceRef
    }

    struct Pod: Sendable {
        var namespace: String
        var serviceAccount: String
        var workload: String
        var automount: Bool?
        var evidence: EvidenceRef
    }

    struct Cluster: Sendable {
        var roles: [Role] = []
        var bindings: [Binding] = []
        var pods: [Pod] = []
        /// `namespace/name` → the ServiceAccount's own automountServiceAccountToken (nil = unset).
        var serviceAccountAutomount: [String: Bool?] = [:]
    }

    var clusters: [String: Cluster] = [:]

    public init() {}

    public var isEmpty: Bool { clusters.isEmpty }

    mutating func update(_ cluster: String, _ body: (inout Cluster) -> Void) {
        var entry = clusters[cluster] ?? Cluster()
        body(&entry)
        clusters[cluster] = entry
    }

    /// Appends another file's facts (files are merged in file order, so the result is deterministic).
    public mutating func merge(_ other: KubernetesRBACFacts) {
        for (name, theirs) in other.clusters {
            update(name) { mine in
                mine.roles.append(contentsOf: theirs.roles)
                mine.bindings.append(contentsOf: theirs.bindings)
                mine.pods.append(contentsOf: theirs.pods)
                mine.serviceAccountAutomount.merge(theirs.serviceAccountAutomount) { first, _ in first }
            }
        }
    }
}

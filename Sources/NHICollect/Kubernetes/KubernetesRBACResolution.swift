import Foundation
import NHIModel

/// The cluster-wide finishing step for Kubernetes RBAC: fills aggregated ClusterRoles, turns every
/// binding subject × rule into a `Grant`, records the subjects as identities, and gives each
/// ServiceAccount its workloads and effective token automount from the pods that use it.
enum KubernetesRBACResolution {
    static func finish(_ builder: InventoryBuilder, scope: Scope, ledger: inout IngestLedger) {
        let context = CollectContext(scope: scope)
        for clusterName in builder.kubernetesRBAC.clusters.keys.sorted() {
            let cluster = builder.kubernetesRBAC.clusters[clusterName]!
            let clusterRoles = aggregatedClusterRoles(cluster.roles.filter { $0.namespace == nil })
            var roles: [String: KubernetesRBACFacts.Role] = [:]
            for role in cluster.roles where role.namespace != nil {
                roles["\(role.namespace!)/\(role.name)"] = roles["\(role.namespace!)/\(role.name)"] ?? role
            }
            for binding in cluster.bindings {
                // A ClusterRoleBinding can only reference a ClusterRole; a RoleBinding either kind.
                let role =
                    binding.namespace != nil && binding.roleKind == "Role"
                    ? roles["\(binding.namespace!)/\(binding.roleName)"] : clusterRoles[binding.roleName]
                for subject in binding.subjects {
                    let identity = subjectIdentity(subject, binding: binding, cluster: clusterName, context: context)
                    builder.addIdentity(identity)
                    guard let role else { continue }
                    for rule in role.rules {
                        builder.addGrant(grant(for: identity.id, rule: rule, role: role, binding: binding))
                    }
                }
                if role == nil {
                    let kind = binding.namespace == nil ? "ClusterRoleBinding" : "RoleBinding"
                    note(
                        &ledger, file: binding.evidence.file,
                        "\(kind) \(binding.namespace.map { "\($0)/" } ?? "")\(binding.name) refers to \(binding.roleKind) \(binding.roleName), which is not in the export: no grants from it"
                    )
                }
            }
            applyPods(cluster, cluster: clusterName, builder: builder)
        }
    }

    /// ClusterRoles by name, with aggregation rules filled from the ClusterRoles their selectors
    /// match (repeated until nothing changes, since aggregated roles may aggregate in turn).
    static func aggregatedClusterRoles(_ list: [KubernetesRBACFacts.Role]) -> [String: KubernetesRBACFacts.Role] {
        var byName: [String: KubernetesRBACFacts.Role] = [:]
        for role in list where byName[role.name] == nil { byName[role.name] = role }
        for _ in 0..<max(1, byName.count) {
            var changed = false
            for name in byName.keys.sorted() where !byName[name]!.aggregationSelectors.isEmpty {
                let aggregate = byName[name]!
                var rules = aggregate.rules
                for other in byName.keys.sorted() where other != name {
                    let candidate = byName[other]!
                    guard aggregate.aggregationSelectors.contains(where: { $0.matches(candidate.labels) }) else {
                        continue
                    }
                    for rule in candidate.rules where !rules.contains(rule) { rules.append(rule) }
                }
                if rules.count != aggregate.rules.count {
                    byName[name]!.rules = rules
                    changed = true
                }
            }
            if !changed { break }
        }
        return byName
    }

    static func grant(
        for identity: IdentityID, rule: KubernetesRBACFacts.Rule, role: KubernetesRBACFacts.Role,
        binding: KubernetesRBACFacts.Binding
    ) -> Grant {
        var actions: [String] = []
        for verb in rule.verbs {
            for group in rule.apiGroups {
                for resource in rule.resources {
                    let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
                    actions.append(
                        KubernetesNames.action(
                            verb: verb, group: group, resource: parts.first ?? resource,
                            subresource: parts.count > 1 ? parts[1] : nil))
                }
            }
            for url in rule.nonResourceURLs { actions.append("\(verb) \(url)") }
        }
        let wildcard = rule.verbs.contains("*") && rule.apiGroups.contains("*") && rule.resources.contains("*")
        let roleKind = role.namespace == nil ? "ClusterRole" : "Role"
        let bindingKind = binding.namespace == nil ? "ClusterRoleBinding" : "RoleBinding"
        let bindingName = binding.namespace.map { "\($0)/\(binding.name)" } ?? binding.name
        return Grant(
            identity: identity, platform: .kubernetes, actions: Array(Set(actions)).sorted(),
            resources: rule.resourceNames.isEmpty ? ["*"] : rule.resourceNames.sorted(),
            via: "\(bindingKind) \(bindingName) → \(roleKind) \(role.name)", scope: binding.namespace,
            isAdministrative: (roleKind == "ClusterRole" && role.name == "cluster-admin") || wildcard,
            evidence: [binding.evidence, role.evidence].sorted())
    }

    static func subjectIdentity(
        _ subject: KubernetesRBACFacts.Binding.Subject, binding: KubernetesRBACFacts.Binding,
        cluster: String, context: CollectContext
    ) -> Identity {
        switch subject.kind {
        case "ServiceAccount":
            let namespace = subject.namespace ?? binding.namespace ?? "default"
            return KubernetesRBACReader.serviceAccountIdentity(
                cluster: cluster, namespace: namespace, name: subject.name, context: context,
                environmentOverride: binding.environmentOverride, evidence: binding.evidence)
        case "Group":
            let environment = context.environment(
                platform: .kubernetes, account: cluster, namespace: binding.namespace,
                override: binding.environmentOverride)
            return Identity(
                id: KubernetesNames.group(cluster: cluster, name: subject.name), platform: .kubernetes, kind: .group,
                name: subject.name, account: cluster, isHuman: false,
                isPlatformService: KubernetesNames.isPlatformName(subject.name),
                environments: [environment], attributes: ["subjectKind": "Group"], evidence: [binding.evidence])
        default:
            if let (namespace, name) = KubernetesNames.serviceAccountUsername(subject.name) {
                return KubernetesRBACReader.serviceAccountIdentity(
                    cluster: cluster, namespace: namespace, name: name, context: context,
                    environmentOverride: binding.environmentOverride, evidence: binding.evidence)
            }
            let environment = context.environment(
                platform: .kubernetes, account: cluster, namespace: binding.namespace,
                override: binding.environmentOverride)
            let platform = KubernetesNames.isPlatformName(subject.name)
            return Identity(
                id: KubernetesNames.user(cluster: cluster, name: subject.name), platform: .kubernetes, kind: .user,
                name: subject.name, account: cluster, isHuman: !platform, isPlatformService: platform,
                environments: [environment], attributes: ["subjectKind": "User"], evidence: [binding.evidence])
        }
    }

    /// `workloads` (sorted, comma-separated), `pods`, and `automountServiceAccountToken`: "true" when
    /// any pod mounts the token (pod setting, else the ServiceAccount's, else the Kubernetes default: on).
    static func applyPods(_ facts: KubernetesRBACFacts.Cluster, cluster: String, builder: InventoryBuilder) {
        let podsByAccount = Dictionary(grouping: facts.pods) { "\($0.namespace)/\($0.serviceAccount)" }
        for key in Set(podsByAccount.keys).union(facts.serviceAccountAutomount.keys).sorted() {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            let id = KubernetesNames.serviceAccount(cluster: cluster, namespace: parts[0], name: parts[1])
            let own = facts.serviceAccountAutomount[key] ?? nil
            let pods = podsByAccount[key] ?? []
            builder.updateIdentity(id) { identity in
                if pods.isEmpty {
                    identity.attributes["automountServiceAccountToken"] = String(own ?? true)
                } else {
                    identity.attributes["automountServiceAccountToken"] = String(
                        pods.contains { $0.automount ?? own ?? true })
                    identity.attributes["workloads"] = Set(pods.map(\.workload)).sorted().joined(separator: ",")
                    identity.attributes["pods"] = String(pods.count)
                    for pod in pods where !identity.evidence.contains(pod.evidence) {
                        identity.evidence.append(pod.evidence)
                    }
                }
            }
        }
    }

    private static func note(_ ledger: inout IngestLedger, file: String, _ text: String) {
        guard let index = ledger.entries.firstIndex(where: { $0.file == file }) else { return }
        if !ledger.entries[index].notes.contains(text) { ledger.entries[index].notes.append(text) }
    }
}

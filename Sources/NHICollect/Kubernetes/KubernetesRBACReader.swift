import Foundation
import NHIModel
import Yams

/// `kubectl get sa,roles,rolebindings,clusterroles,clusterrolebindings,pods,secrets -A -o json|yaml`:
/// Lists, single objects and multi-document YAML, one kind per file or mixed.
///
/// Identities, credentials and pod facts are recorded per file; roles and bindings are kept as
/// facts and turned into grants once the whole cluster is known (`KubernetesRBACResolution`).
public enum KubernetesRBACReader: EvidenceReader {
    public static let format = "kubernetes-rbac"
    public static let provides: Set<InputKind> = [.inventory, .entitlements]

    static let usedKinds: Set<String> = [
        "ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "Pod", "Secret",
    ]
    static let serviceAccountTokenType = "kubernetes.io/service-account-token"

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        if HeadSniff.isJSON(text) {
            return !HeadSniff.hasKey(text, "auditID")
                && !HeadSniff.kubernetesKinds(inJSON: text).isDisjoint(with: usedKinds)
        }
        return text.contains("apiVersion:") && !HeadSniff.kubernetesKinds(inYAML: text).isDisjoint(with: usedKinds)
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let data = try file.contents()
        var state = ReadState(file: file, context: context, cluster: KubernetesNames.cluster(of: file))
        if HeadSniff.isJSON(HeadSniff.text(data.prefix(64))) {
            try readJSON(data, state: &state, builder: builder, ledger: &ledger)
        } else {
            try readYAML(data, state: &state, builder: builder, ledger: &ledger)
        }
        for (kind, count) in state.unusedKinds.sorted(by: { $0.key < $1.key }) {
            ledger.notes.append(
                "\(count) \(kind) object(s) read but not used (only ServiceAccounts, RBAC, Pods and token Secrets are)")
        }
        if state.otherSecrets > 0 {
            ledger.notes.append(
                "\(state.otherSecrets) Secret(s) of other types than \(serviceAccountTokenType) not used (their data is never read)"
            )
        }
        if !state.facts.isEmpty { builder.kubernetesRBAC.merge(state.facts) }
    }

    struct ReadState {
        var file: SourceFile
        var context: CollectContext
        var cluster: String
        var facts = KubernetesRBACFacts()
        var unusedKinds: [String: Int] = [:]
        var otherSecrets = 0

        mutating func updateCluster(_ body: (inout KubernetesRBACFacts.Cluster) -> Void) {
            let name = cluster
            facts.update(name, body)
        }
    }

    private static func readJSON(
        _ data: Data, state: inout ReadState, builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let trimmedFirst = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if trimmedFirst == UInt8(ascii: "[") {
            let list: [LenientObject]
            do { list = try JSONDecoder().decode([LenientObject].self, from: data) } catch {
                throw JSONSyntaxError.locate(in: data, file: state.file.relativePath)
                    ?? CollectError(
                        file: state.file.relativePath,
                        message: "not a JSON array of Kubernetes objects: \(describe(error))")
            }
            for (index, item) in list.enumerated() {
                handle(
                    item.result, ref: state.file.ref(record: index, pointer: "/\(index)"), state: &state,
                    builder: builder, ledger: &ledger)
            }
            return
        }
        let object: KubernetesObject
        do { object = try JSONDecoder().decode(KubernetesObject.self, from: data) } catch {
            throw JSONSyntaxError.locate(in: data, file: state.file.relativePath)
                ?? CollectError(
                    file: state.file.relativePath, message: "not a Kubernetes object or List: \(describe(error))")
        }
        if let items = object.items {
            for (index, item) in items.enumerated() {
                handle(
                    item.result, ref: state.file.ref(record: index, pointer: "/items/\(index)"), state: &state,
                    builder: builder, ledger: &ledger)
            }
        } else {
            handle(.success(object), ref: state.file.ref(line: 1), state: &state, builder: builder, ledger: &ledger)
        }
    }

    private static func readYAML(
        _ data: Data, state: inout ReadState, builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        guard
            let text = String(data: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data, encoding: .utf8)
        else {
            throw CollectError(file: state.file.relativePath, line: 1, message: "not UTF-8 text")
        }
        var documents: YamlSequence<Node>
        do { documents = try Yams.compose_all(yaml: text) } catch let error as YamlError {
            throw YAMLErrors.collectError(error, file: state.file.relativePath)
        }
        let decoder = YAMLDecoder()
        var index = 0
        while let node = documents.next() {
            defer { index += 1 }
            guard node.mapping != nil else {
                if case .scalar = node, (node.string ?? "").isEmpty { continue }
                ledger.reject(reason: "YAML document is not a Kubernetes object", locator: locator(state.file, node))
                continue
            }
            if node["kind"]?.string == "List", let items = node["items"]?.sequence {
                for item in items {
                    handle(
                        decodeYAML(item, decoder), ref: state.file.ref(line: item.mark?.line), state: &state,
                        builder: builder, ledger: &ledger)
                }
            } else {
                handle(
                    decodeYAML(node, decoder), ref: state.file.ref(line: node.mark?.line), state: &state,
                    builder: builder, ledger: &ledger)
            }
        }
        if let error = documents.error {
            if let yamlError = error as? YamlError {
                throw YAMLErrors.collectError(yamlError, file: state.file.relativePath)
            }
            throw CollectError(file: state.file.relativePath, message: "invalid YAML: \(error)")
        }
    }

    private static func decodeYAML(_ node: Node, _ decoder: YAMLDecoder) -> Result<KubernetesObject, DecodingError> {
        do { return .success(try decoder.decode(KubernetesObject.self, from: node)) } catch let error as DecodingError {
            return .failure(error)
        } catch {
            return .failure(
                DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: String(describing: error))))
        }
    }

    private static func locator(_ file: SourceFile, _ node: Node) -> String {
        file.ref(line: node.mark?.line).locator
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error).prefix(200).description }
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        case let .keyNotFound(key, _):
            return "missing key \"\(key.stringValue)\""
        @unknown default:
            return "cannot decode"
        }
    }

    private static func handle(
        _ result: Result<KubernetesObject, DecodingError>, ref: EvidenceRef, state: inout ReadState,
        builder: InventoryBuilder, ledger: inout LedgerEntry
    ) {
        let object: KubernetesObject
        switch result {
        case let .success(value): object = value
        case let .failure(error):
            ledger.reject(
                reason: "object does not have the Kubernetes shape (\(describe(error)))", locator: ref.locator)
            return
        }
        guard let kind = object.kind, !kind.isEmpty else {
            ledger.reject(reason: "not a Kubernetes object (no kind)", locator: ref.locator)
            return
        }
        guard usedKinds.contains(kind) else {
            state.unusedKinds[kind, default: 0] += 1
            ledger.accept()
            return
        }
        guard let name = object.metadata?.name, !name.isEmpty else {
            ledger.reject(reason: "\(kind) without metadata.name", locator: ref.locator)
            return
        }
        let namespace = object.metadata?.namespace ?? "default"
        switch kind {
        case "ServiceAccount":
            builder.addIdentity(
                serviceAccountIdentity(
                    cluster: state.cluster, namespace: namespace, name: name, context: state.context,
                    environmentOverride: state.file.environmentOverride, evidence: ref,
                    createdAt: object.metadata?.creationTimestamp.flatMap(ISO8601.parse)))
            state.updateCluster {
                $0.serviceAccountAutomount["\(namespace)/\(name)"] = .some(object.automountServiceAccountToken)
            }
        case "Role", "ClusterRole":
            state.updateCluster {
                $0.roles.append(role(object, name: name, namespace: kind == "Role" ? namespace : nil, ref: ref))
            }
        case "RoleBinding", "ClusterRoleBinding":
            guard let roleName = object.roleRef?.name, !roleName.isEmpty else {
                ledger.reject(reason: "\(kind) without roleRef.name", locator: ref.locator)
                return
            }
            let subjects = (object.subjects ?? []).compactMap { subject -> KubernetesRBACFacts.Binding.Subject? in
                guard let kind = subject.kind, let subjectName = subject.name, !subjectName.isEmpty else { return nil }
                return .init(kind: kind, name: subjectName, namespace: subject.namespace)
            }
            let binding = KubernetesRBACFacts.Binding(
                name: name, namespace: kind == "RoleBinding" ? namespace : nil,
                roleKind: object.roleRef?.kind ?? "ClusterRole", roleName: roleName, subjects: subjects,
                environmentOverride: state.file.environmentOverride, evidence: ref)
            state.updateCluster { $0.bindings.append(binding) }
        case "Pod":
            let account = object.podSpec?.serviceAccountName ?? object.podSpec?.serviceAccount ?? "default"
            builder.addIdentity(
                serviceAccountIdentity(
                    cluster: state.cluster, namespace: namespace, name: account, context: state.context,
                    environmentOverride: state.file.environmentOverride, evidence: ref))
            let pod = KubernetesRBACFacts.Pod(
                namespace: namespace, serviceAccount: account, workload: workload(of: object, name: name),
                automount: object.podSpec?.automountServiceAccountToken, evidence: ref)
            state.updateCluster { $0.pods.append(pod) }
        default:
            guard object.type == serviceAccountTokenType else {
                state.otherSecrets += 1
                ledger.accept()
                return
            }
            guard let account = object.metadata?.annotations?["kubernetes.io/service-account.name"], !account.isEmpty
            else {
                ledger.reject(
                    reason: "service-account-token Secret without the kubernetes.io/service-account.name annotation",
                    locator: ref.locator)
                return
            }
            let owner = serviceAccountIdentity(
                cluster: state.cluster, namespace: namespace, name: account, context: state.context,
                environmentOverride: state.file.environmentOverride, evidence: ref)
            builder.addIdentity(owner)
            builder.addCredential(
                Credential(
                    id: "\(namespace)/\(name)", kind: .serviceAccountToken,
                    createdAt: object.metadata?.creationTimestamp.flatMap(ISO8601.parse), evidence: [ref]), to: owner.id
            )
        }
        ledger.accept()
    }

    static func serviceAccountIdentity(
        cluster: String, namespace: String, name: String, context: CollectContext,
        environmentOverride: String?, evidence: EvidenceRef, createdAt: Date? = nil
    ) -> Identity {
        let environment = context.environment(
            platform: .kubernetes, account: cluster, namespace: namespace, override: environmentOverride)
        return Identity(
            id: KubernetesNames.serviceAccount(cluster: cluster, namespace: namespace, name: name),
            platform: .kubernetes,
            kind: .serviceAccount, name: "\(namespace)/\(name)", account: cluster, namespace: namespace,
            isHuman: false, isPlatformService: ["kube-system", "kube-public", "kube-node-lease"].contains(namespace),
            environments: [environment], createdAt: createdAt, evidence: [evidence])
    }

    private static func role(_ object: KubernetesObject, name: String, namespace: String?, ref: EvidenceRef)
        -> KubernetesRBACFacts.Role
    {
        let rules = (object.rules ?? []).map { rule in
            KubernetesRBACFacts.Rule(
                apiGroups: rule.apiGroups ?? [], resources: rule.resources ?? [], verbs: rule.verbs ?? [],
                resourceNames: rule.resourceNames ?? [], nonResourceURLs: rule.nonResourceURLs ?? [])
        }
        let selectors = (object.aggregationRule?.clusterRoleSelectors ?? []).map { selector in
            KubernetesRBACFacts.Selector(
                matchLabels: selector.matchLabels ?? [:],
                matchExpressions: (selector.matchExpressions ?? []).map {
                    .init(key: $0.key, op: $0.operator, values: $0.values ?? [])
                })
        }
        return KubernetesRBACFacts.Role(
            name: name, namespace: namespace, labels: object.metadata?.labels ?? [:],
            rules: rules, aggregationSelectors: selectors, evidence: ref)
    }

    /// The workload that runs a pod: its controller (a ReplicaSet named `<deployment>-<pod-template-hash>`
    /// is reported as its Deployment), else the name it was generated from, else the pod itself.
    static func workload(of object: KubernetesObject, name: String) -> String {
        let owner =
            object.metadata?.ownerReferences?.first { $0.controller ?? false }
            ?? object.metadata?.ownerReferences?.first
        if let owner, let kind = owner.kind, let ownerName = owner.name {
            if kind == "ReplicaSet", let hash = object.metadata?.labels?["pod-template-hash"],
                ownerName.hasSuffix("-\(hash)")
            {
                return "Deployment/\(ownerName.dropLast(hash.count + 1))"
            }
            return "\(kind)/\(ownerName)"
        }
        if let generated = object.metadata?.generateName, !generated.isEmpty {
            return "Pod/\(generated.hasSuffix("-") ? String(generated.dropLast()) : generated)"
        }
        return "Pod/\(name)"
    }
}

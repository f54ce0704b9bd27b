import Foundation
import NHIModel

/// Kubernetes API server audit log: `audit.k8s.io/v1` (or v1beta1) Events as JSON lines, a JSON
/// array, a single object, or an EventList, each optionally gzip-compressed. Read with
/// `KubernetesAuditScanner` and aggregated streaming into activity records.
///
/// Each request is counted once: at ResponseComplete (or Panic), or at the last stage seen for its
/// auditID when the log has no final stage for it. Earlier stages are accepted and noted.
public enum KubernetesAuditReader: EvidenceReader {
    public static let format = "kubernetes-audit"
    public static let provides: Set<InputKind> = [.auditLog]

    static let finalStages: Set<String> = ["ResponseComplete", "Panic"]
    static let readOnlyVerbs: Set<String> = ["get", "list", "watch"]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        return HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "auditID")
            && (HeadSniff.hasKey(text, "verb") || HeadSniff.hasKeyValue(text, "kind", "EventList"))
    }

    public static func read(_ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry) throws {
        let buffer = StreamBuffer(source: try ByteSources.open(file.url, displayName: file.relativePath), displayName: file.relativePath)
        var stream = JSONRecordStream(buffer: buffer, file: file.relativePath)
        var aggregator = Aggregator(file: file, context: context, cluster: KubernetesNames.cluster(of: file), builder: builder)
        var ticker = ProgressTicker(context.progress)
        var entry = ledger
        try stream.forEachRecord { bytes, line, index in
            let ref = file.ref(line: index == nil ? line : nil, record: index)
            ticker.record(storedBytes: buffer.storedBytesRead)
            let events: [KubernetesAuditEvent]
            do { events = try KubernetesAuditScanner.events(bytes) } catch {
                entry.reject(reason: "not a Kubernetes audit event (invalid JSON or wrong field types)", locator: ref.locator)
                return
            }
            for (offset, event) in events.enumerated() {
                let eventRef = events.count > 1 ? file.ref(line: ref.line, record: offset, pointer: "/items/\(offset)") : ref
                aggregator.take(event, ref: eventRef, ledger: &entry)
            }
        }
        ticker.finish(storedBytes: buffer.storedBytesRead)
        aggregator.flush(ledger: &entry)
        if aggregator.superseded > 0 {
            entry.notes.append("\(aggregator.superseded) earlier stage(s) of requests counted at a later stage (same auditID)")
        }
        ledger = entry
    }

    /// Holds non-final stages by auditID until the request's final stage arrives (or the file ends).
    struct Aggregator {
        struct Pending {
            var event: KubernetesAuditEvent
            var ref: EvidenceRef
            /// Arrival order, so that requests left pending are counted in file order.
            var order: Int
        }

        let file: SourceFile
        let context: CollectContext
        let cluster: String
        let builder: InventoryBuilder
        /// Requests seen at a non-final stage only: memory grows with requests in flight, not with events.
        var pending: [String: Pending] = [:]
        var arrivals = 0
        var superseded = 0
        /// Identity ids by username, and whether the identity was handed to the builder (done once,
        /// for identities seen acting; building ids per event is wasted work).
        var identities: [String: (id: IdentityID, added: Bool)] = [:]
        /// Actions by verb, group, resource and subresource.
        var actions: [ActionKey: String] = [:]

        struct ActionKey: Hashable {
            var verb: String, group: String, resource: String, subresource: String?
        }

        init(file: SourceFile, context: CollectContext, cluster: String, builder: InventoryBuilder) {
            self.file = file; self.context = context; self.cluster = cluster; self.builder = builder
        }

        mutating func take(_ event: KubernetesAuditEvent, ref: EvidenceRef, ledger: inout LedgerEntry) {
            guard let auditID = event.auditID, !auditID.isEmpty else {
                record(event, ref: ref, ledger: &ledger)
                return
            }
            if pending[auditID] != nil {
                // The earlier stage is read and understood, but the request is counted once, here or later.
                superseded += 1
                ledger.accept()
            }
            if finalStages.contains(event.stage ?? "") {
                pending[auditID] = nil
                record(event, ref: ref, ledger: &ledger)
            } else {
                arrivals += 1
                pending[auditID] = Pending(event: event, ref: ref, order: arrivals)
            }
        }

        /// Requests whose final stage never came are counted at the last stage seen.
        mutating func flush(ledger: inout LedgerEntry) {
            let left = pending.values.sorted { $0.order < $1.order }
            pending = [:]
            for entry in left { record(entry.event, ref: entry.ref, ledger: &ledger) }
        }

        private mutating func record(_ event: KubernetesAuditEvent, ref: EvidenceRef, ledger: inout LedgerEntry) {
            guard let username = event.user?.username, !username.isEmpty else {
                ledger.reject(reason: "event without user.username", locator: ref.locator)
                return
            }
            guard let verb = event.verb, !verb.isEmpty else {
                ledger.reject(reason: "event without verb", locator: ref.locator)
                return
            }
            guard let time = event.time else {
                ledger.reject(reason: "event without a parseable stageTimestamp, requestReceivedTimestamp or timestamp", locator: ref.locator)
                return
            }
            let object = event.objectRef
            let action: String
            if let resource = object?.resource, !resource.isEmpty {
                let key = ActionKey(verb: verb, group: object?.apiGroup ?? "", resource: resource, subresource: object?.subresource)
                if let known = actions[key] {
                    action = known
                } else {
                    action = KubernetesNames.action(verb: verb, group: key.group, resource: resource, subresource: key.subresource)
                    actions[key] = action
                }
            } else if let uri = event.requestURI, !uri.isEmpty {
                action = "\(verb) \(uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri)"
            } else {
                ledger.reject(reason: "event with neither objectRef.resource nor requestURI", locator: ref.locator)
                return
            }
            let requestFields = KubernetesPatchShape.requestFields(paths: event.requestPaths)
            let impersonated = event.impersonatedUser?.username.flatMap { $0.isEmpty ? nil : $0 }
            let actingName = impersonated ?? username
            let identity = identityID(actingName, acting: true)
            let code = event.responseCode ?? 0
            let denied = code == 401 || code == 403 || event.authorizationDecision == "forbid"
            let environment = context.environment(platform: .kubernetes, account: cluster, namespace: object?.namespace, override: file.environmentOverride)
            builder.recordActivity(
                identity: identity, platform: .kubernetes, action: action, requestFields: requestFields,
                environment: environment, account: cluster, readOnly: readOnlyVerbs.contains(verb), at: time, denied: denied,
                userAgent: event.userAgent, sourceIP: event.firstSourceIP,
                credentialId: event.user?.credentialId,
                actor: impersonated == nil ? nil : identityID(username, acting: false).rawValue,
                evidence: ref, sourceFile: file.relativePath)
            ledger.accept()
        }

        private mutating func identityID(_ username: String, acting: Bool) -> IdentityID {
            if let known = identities[username], known.added || !acting { return known.id }
            let id = identities[username]?.id ?? KubernetesNames.user(cluster: cluster, name: username)
            if acting { builder.addIdentity(identityFor(username)) }
            identities[username] = (id, acting)
            return id
        }

        /// Identities seen acting: a ServiceAccount for `system:serviceaccount:NS:NAME`, else a user.
        /// Marked as not in the inventory; RBAC exports of the same cluster supply the inventory facts.
        private func identityFor(_ username: String) -> Identity {
            let id = KubernetesNames.user(cluster: cluster, name: username)
            if let (namespace, name) = KubernetesNames.serviceAccountUsername(username) {
                return Identity(id: id, platform: .kubernetes, kind: .serviceAccount, name: "\(namespace)/\(name)",
                                account: cluster, namespace: namespace, isHuman: false, inInventory: false,
                                isPlatformService: ["kube-system", "kube-public", "kube-node-lease"].contains(namespace))
            }
            let platform = KubernetesNames.isPlatformName(username)
            return Identity(id: id, platform: .kubernetes, kind: .user, name: username, account: cluster,
                            isHuman: !platform, inInventory: false, isPlatformService: platform)
        }
    }
}

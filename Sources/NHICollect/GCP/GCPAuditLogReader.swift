import Foundation
import NHIModel

/// Cloud Audit Logs exported from Cloud Logging (`gcloud logging read --format=json`, a JSON array,
/// or a log sink's JSON lines in Cloud Storage): entries whose `protoPayload` is an `AuditLog`,
/// aggregated into activity records (docs/formats/gcp.md).
public enum GCPAuditLogReader: EvidenceReader {
    public static let format = "gcp-audit-log"
    public static let provides: Set<InputKind> = [.auditLog]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        return HeadSniff.isJSON(text) && HeadSniff.hasKey(text, "protoPayload")
            && (text.contains("google.cloud.audit.AuditLog") || text.contains("cloudaudit.googleapis.com"))
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let data = try file.mappedContents()
        let decoder = JSONDecoder()
        var state = State(file: file, context: context, builder: builder)
        try JSONRecordSplitter.forEach(in: data, file: file.relativePath) { record in
            let ref = file.ref(line: record.index == nil ? record.line : nil, record: record.index)
            guard let entry = try? decoder.decode(GCPLogEntry.self, from: record.bytes) else {
                return ledger.reject(reason: "not a LogEntry object", locator: ref.locator)
            }
            state.take(entry, ref: ref, ledger: &ledger)
        }
        state.finish()
        if state.systemEvents > 0 {
            ledger.notes.append(
                "\(state.systemEvents) entr(ies) without a principal (system events) counted for log coverage only")
        }
    }

    struct State {
        let file: SourceFile
        let context: CollectContext
        let builder: InventoryBuilder
        var added: Set<IdentityID> = []
        /// The last use of each key, per account, handed over once the file is read.
        var keyUse: [IdentityID: [String: Date]] = [:]
        var systemEvents = 0

        init(file: SourceFile, context: CollectContext, builder: InventoryBuilder) {
            self.file = file; self.context = context; self.builder = builder
        }

        mutating func take(_ entry: GCPLogEntry, ref: EvidenceRef, ledger: inout LedgerEntry) {
            guard entry.protoPayload?.type?.hasSuffix("google.cloud.audit.AuditLog") ?? (entry.protoPayload != nil),
                let action = entry.action
            else {
                return ledger.reject(reason: "not an audit log entry (no AuditLog protoPayload)", locator: ref.locator)
            }
            guard let time = entry.time else {
                return ledger.reject(reason: "entry without a parseable timestamp", locator: ref.locator)
            }
            guard let project = file.accountOverride ?? entry.project else {
                return ledger.reject(
                    reason:
                        "no project (no resource project_id or logName): set `account` for this source in scope.yaml",
                    locator: ref.locator)
            }
            let environment = context.environment(
                platform: .gcp, account: project, override: file.environmentOverride)
            let authentication = entry.protoPayload?.authenticationInfo
            guard let principal = Self.principal(authentication, project: project, environment: environment) else {
                systemEvents += 1
                builder.noteCoverage(
                    environment: environment, platform: .gcp, account: project, at: time, file: file.relativePath)
                ledger.accept()
                ledger.widenRecordSpan(time)
                return
            }
            add(principal.identity)
            var actor: String?
            var sessionName: String?
            if let delegator = entry.delegator {
                let first =
                    !delegator.contains("@") || delegator.hasPrefix("principal")
                    ? GCPPrincipal.federated(delegator, project: project, environment: environment)
                    : GCPPrincipal.isServiceAccountEmail(delegator)
                        ? GCPPrincipal.serviceAccount(
                            delegator, project: project, environment: environment, inInventory: false)
                        : GCPPrincipal.person(delegator, project: project, environment: environment)
                add(first.identity)
                actor = first.identity.id.rawValue
                // A person's email as the name of the session, as AWS role sessions carry it: a person drove the account.
                if first.identity.isHuman { sessionName = delegator.lowercased() }
            }
            if let key = entry.keyId {
                keyUse[principal.identity.id, default: [:]][key] = max(
                    keyUse[principal.identity.id]?[key] ?? time, time)
            }
            builder.recordActivity(
                identity: principal.identity.id, platform: .gcp, action: action, environment: environment,
                account: project, readOnly: entry.readOnly, at: time, denied: entry.refused,
                userAgent: entry.protoPayload?.requestMetadata?.callerSuppliedUserAgent,
                sourceIP: entry.protoPayload?.requestMetadata?.callerIp, credentialId: entry.keyId,
                sessionName: sessionName, actor: actor, evidence: ref, sourceFile: file.relativePath)
            ledger.accept()
            ledger.widenRecordSpan(time)
        }

        func finish() {
            for (identity, keys) in keyUse.sorted(by: { $0.key < $1.key }) {
                for (key, last) in keys.sorted(by: { $0.key < $1.key }) {
                    builder.addCredential(Credential(id: key, kind: .serviceAccountKey, lastUsedAt: last), to: identity)
                }
            }
        }

        private mutating func add(_ identity: Identity) {
            if added.insert(identity.id).inserted { builder.addIdentity(identity) }
        }

        static func principal(_ authentication: GCPLogEntry.Authentication?, project: String, environment: String)
            -> GCPPrincipal?
        {
            if let email = authentication?.principalEmail, !email.isEmpty {
                return GCPPrincipal.isServiceAccountEmail(email)
                    ? GCPPrincipal.serviceAccount(email, project: project, environment: environment, inInventory: false)
                    : GCPPrincipal.person(email, project: project, environment: environment)
            }
            if let subject = authentication?.principalSubject, !subject.isEmpty {
                return GCPPrincipal.federated(subject, project: project, environment: environment)
            }
            return nil
        }
    }
}

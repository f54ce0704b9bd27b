import Foundation
import NHIModel

/// GitHub organisation or enterprise audit log export: JSON array, JSON lines or CSV
/// (`gh api` / the web UI export; see docs/formats/github.md). Aggregated into activity records.
public enum GitHubAuditLogReader: EvidenceReader {
    public static let format = "github-audit-log"
    public static let provides: Set<InputKind> = [.auditLog]

    /// Actions that only read (besides entries whose `operation_type` is `access`).
    static let readActions: Set<String> = ["git.clone", "git.fetch"]

    public static func sniff(head: Data, fileName: String) -> Bool {
        let text = HeadSniff.text(head)
        if HeadSniff.isJSON(text) {
            return HeadSniff.hasKey(text, "action") && HeadSniff.hasKey(text, "actor")
                && (HeadSniff.hasKey(text, "created_at") || HeadSniff.hasKey(text, "@timestamp"))
        }
        let header = HeadSniff.csvHeader(text)
        return header.isSuperset(of: ["action", "actor"]) && !header.isDisjoint(with: ["created_at", "@timestamp"])
    }

    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let data = try file.mappedContents()
        var state = State(file: file, context: context, builder: builder)
        if HeadSniff.isJSON(HeadSniff.text(data.prefix(64))) {
            let decoder = JSONDecoder()
            try JSONRecordSplitter.forEach(in: data, file: file.relativePath) { record in
                let ref = file.ref(line: record.index == nil ? record.line : nil, record: record.index)
                let walked = record.bytes.withUnsafeBytes { GitHubAuditEntry(walking: $0) }
                guard let entry = walked ?? (try? decoder.decode(GitHubAuditEntry.self, from: record.bytes)) else {
                    ledger.reject(reason: "not a JSON object", locator: ref.locator)
                    return
                }
                state.take(entry, ref: ref, ledger: &ledger)
            }
        } else {
            let table = try CSVTable(data: data, file: file.relativePath)
            for row in table.rows {
                state.take(GitHubAuditEntry(row: row, table: table), ref: file.ref(line: row.line), ledger: &ledger)
            }
        }
        state.finish(ledger: &ledger)
    }

    /// Entries without any organisation wait for the first organisation the file names: an
    /// organisation audit log belongs to one organisation.
    struct State {
        let file: SourceFile
        let context: CollectContext
        let builder: InventoryBuilder
        var defaultOrg: String?
        var waiting: [(GitHubAuditEntry, EvidenceRef)] = []
        var accesses = GitHubAccessMemo()

        init(file: SourceFile, context: CollectContext, builder: InventoryBuilder) {
            self.file = file; self.context = context; self.builder = builder
            defaultOrg = file.accountOverride
        }

        mutating func take(_ entry: GitHubAuditEntry, ref: EvidenceRef, ledger: inout LedgerEntry) {
            let org = file.accountOverride ?? entry.organisation
            if defaultOrg == nil, let org {
                defaultOrg = org
                for (waitingEntry, waitingRef) in waiting {
                    record(waitingEntry, org: org, ref: waitingRef, ledger: &ledger)
                }
                waiting = []
            }
            guard let org = org ?? defaultOrg else {
                waiting.append((entry, ref))
                return
            }
            record(entry, org: org, ref: ref, ledger: &ledger)
        }

        mutating func finish(ledger: inout LedgerEntry) {
            for (_, ref) in waiting {
                ledger.reject(
                    reason: "no organisation (no org or repo in the file): set `account` for this source in scope.yaml",
                    locator: ref.locator)
            }
            waiting = []
        }

        private mutating func record(
            _ entry: GitHubAuditEntry, org: String, ref: EvidenceRef, ledger: inout LedgerEntry
        ) {
            guard let action = entry.action else {
                ledger.reject(reason: "entry without action", locator: ref.locator)
                return
            }
            guard let time = entry.time else {
                ledger.reject(reason: "entry without a parseable @timestamp or created_at", locator: ref.locator)
                return
            }
            let environment = context.environment(
                platform: .github, account: org, namespace: entry.repositoryName, override: file.environmentOverride)
            let access = accesses.access(of: entry.programmaticAccessType)
            guard
                let acting = GitHubActor.classify(
                    entry, access: access, org: org, environment: environment, time: time)
            else {
                ledger.reject(reason: "entry without actor", locator: ref.locator)
                return
            }
            builder.addIdentity(acting.identity)
            if let credential = acting.credential { builder.addCredential(credential, to: acting.identity.id) }
            let readOnly =
                entry.operationType?.lowercased() == "access" || GitHubAuditLogReader.readActions.contains(action)
            builder.recordActivity(
                identity: acting.identity.id, platform: .github, action: action, environment: environment, account: org,
                readOnly: readOnly, at: time, userAgent: entry.userAgent, sourceIP: entry.actorIP,
                credentialId: acting.credential?.id, actor: acting.actor, repository: entry.repo, evidence: ref,
                sourceFile: file.relativePath)
            ledger.accept()
            ledger.widenRecordSpan(time)
        }
    }
}

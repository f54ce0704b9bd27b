import Foundation
import NHIModel

/// Handing a file's (or a full memo's) Kubernetes audit aggregates to the builder, and starting afresh.
extension KubernetesAuditAggregator {
    /// Counts the requests whose final stage never came at the last stage seen, in file order.
    /// Call once, at the end of the file, before the last `flush`.
    mutating func countPending() {
        let left = pending.values.joined().sorted { $0.order < $1.order }
        pending = [:]
        pendingCount = 0
        for entry in left {
            replaying = entry.ref
            // Scanned before, when it was held back: it cannot fail now.
            entry.event.withUnsafeBytes { bytes in try? KubernetesAuditScanner.scanEvent(bytes, into: &self) }
        }
        replaying = nil
    }

    /// Hands every aggregate to the builder and starts afresh (held-back stages are kept). `sha256`
    /// is the file's digest, for the example events (known only now when the file is hashed while read).
    mutating func flush(sha256: String) {
        var writes = self.writes.byRecord(records.count)
        var refs = examples.byRecord(records.count).map { refs in
            refs.map { example in
                var example = example
                example.sha256 = sha256
                return example
            }
        }
        // Each value becomes a String once, not once per aggregate that counted it.
        let texts = (0..<values.count).map { values.string(Int32($0)) }
        let textIsASCII = texts.map { $0.utf8.withContiguousStorageIfAvailable { JSONCursor.isASCII($0) } ?? false }
        let identities = self.identities, userIdentity = self.userIdentity
        builder.reserveActivity(records.count)
        for (slot, record) in records.enumerated() {
            var activity = ActivityRecord(
                identity: identities[record.identity], platform: .kubernetes, action: actions[record.action],
                requestFields: record.shape.requestFields, environment: environments[Int(record.environment)],
                account: cluster, readOnly: record.tally.readOnly, at: record.tally.firstSeen)
            record.tally.fill(&activity, writeTimes: &writes[slot], examples: &refs[slot])
            // Actors are named by their identities, not by the bytes they were counted by: two
            // actors may name one identity, so their names are not told apart by their bytes.
            counters.fill(
                &activity, record: slot, distinctASCII: { kind, id in kind != .actor && textIsASCII[Int(id)] }
            ) { (kind: KubernetesCounter, id) in
                kind == .actor ? identities[userIdentity[Int(id)]].rawValue : texts[Int(id)]
            }
            builder.addActivity(consume activity)
        }
        for (id, local) in coverage.enumerated() where local.events > 0 {
            recordTimes.note(local)
            builder.addCoverage(
                AuditCoverage(
                    environment: environments[id], platform: .kubernetes, account: cluster,
                    firstEvent: local.first, lastEvent: local.last, events: local.events,
                    files: [file.relativePath]),
                hours: local.hours.set)
        }
        resetAggregates()
    }

    private mutating func resetAggregates() {
        escapes.removeAll(); unescaped.removeAll(); users.removeAll()
        actionKeys.removeAll(); namespaces.removeAll(); values.removeAll()
        unescapedOf = []
        userIdentity = []; userAdded = []; identities = DenseIds()
        actionOfKey = []; readOnlyOfKey = []; patchOfKey = []; actions = DenseIds()
        environmentOfNamespace = []; environmentWithoutNamespace = ValueId.absent; environments = [];
        environmentIds = [:]
        keys = FixedKeyIndex(capacity: 32)
        records = []; counters.removeAll(); countsNearLimit = false; writes = SlotList(); examples = SlotList();
        coverage = []
    }
}

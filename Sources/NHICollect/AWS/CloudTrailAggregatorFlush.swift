import Foundation
import NHIModel

/// Handing a file's (or a full memo's) CloudTrail aggregates to the builder, and starting afresh.
extension CloudTrailAggregator {
    private func accountText(_ account: Int32) -> String? {
        file.accountOverride ?? (account >= 0 ? accounts.strings[Int(account)] : nil)
    }

    private mutating func environment(_ account: Int32) -> String {
        if let known = environments[account] { return known }
        let found = context.environment(
            platform: .aws, account: accountText(account), override: file.environmentOverride)
        environments[account] = found
        return found
    }

    /// Hands every aggregate to the builder and starts afresh (the memo tables too, when they are
    /// full; else the next file may keep them: `begin`). `sha256` is the file's digest, for the
    /// example events (the reader may hash the file while it reads it, so it is known only now).
    mutating func flush(sha256: String) {
        countStaged()
        let writeTimes = writes.byRecord(records.count), examples = self.examples.byRecord(records.count)
        builder.reserveActivity(records.count)
        for (slot, record) in records.enumerated() {
            let key = record.key
            var activity = ActivityRecord(
                identity: identities[key.identity], platform: .aws, action: actions[key.action],
                requestFields: fieldLists[Int(key.fields)], environment: environment(key.account),
                account: accountText(key.account),
                readOnly: record.tally.readOnly, at: record.tally.firstSeen)
            record.tally.apply(to: &activity)
            activity.writeTimes = writeTimes[slot]
            activity.userAgents = counters.counter(record: slot, kind: Counter.userAgent.rawValue, distinctBytes: true)
            { agents.strings[Int($0)] }
            activity.sourceIPs = counters.counter(record: slot, kind: Counter.sourceIP.rawValue, distinctBytes: true) {
                addresses.strings[Int($0)]
            }
            activity.credentialIds = counters.counter(
                record: slot, kind: Counter.credential.rawValue, distinctBytes: true
            ) { credentials.strings[Int($0)] }
            activity.sessionNames = counters.counter(record: slot, kind: Counter.session.rawValue, distinctBytes: true)
            { names.strings[Int($0)] }
            activity.actors = counters.counter(record: slot, kind: Counter.actor.rawValue, distinctBytes: true) {
                names.strings[Int($0)]
            }
            activity.examples = examples[slot].map { example in
                var example = example
                example.sha256 = sha256
                return example
            }
            builder.addActivity(activity)
        }
        for account in coverageOrder {
            let local = coverage[Self.coverageSlot(account)]
            recordTimes.note(local)
            builder.addCoverage(
                AuditCoverage(
                    environment: environment(account), platform: .aws,
                    account: accountText(account), firstEvent: local.first,
                    lastEvent: local.last, events: local.events, files: [file.relativePath]),
                hours: local.hours.set)
        }
        if isFull {
            // What bounds memory: the memo tables start afresh too.
            let kept = (withoutPrincipal, recordTimes)
            self = CloudTrailAggregator(file: file, context: context, builder: builder)
            (withoutPrincipal, recordTimes) = kept
        } else {
            recordIndex = FixedKeyIndex()
            records.removeAll(keepingCapacity: true)
            writes = SlotList()
            self.examples = SlotList()
            counters.removeAll()
            coverage.removeAll(keepingCapacity: true)
            coverageOrder.removeAll(keepingCapacity: true)
        }
    }
}

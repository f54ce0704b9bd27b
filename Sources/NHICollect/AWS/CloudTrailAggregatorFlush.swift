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

    /// Ends the file (or the part of it read before an early flush): counts what is staged, gives
    /// the file's example events its digest (the reader may hash the file while it reads it, so it
    /// is known only now) and hands its coverage to the file's builder. Its activity stays in the
    /// records, for the next files of the run to add to (`flushActivity`).
    mutating func finishFile(sha256: String) {
        countStaged()
        examples.update(from: fileExamples) { $0.sha256 = sha256 }
        fileExamples = examples.count
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
        coverage.removeAll(keepingCapacity: true)
        coverageOrder.removeAll(keepingCapacity: true)
    }

    /// `finishFile`, then `flushActivity`: what a file so varied that the tables fill up does.
    mutating func flush(sha256: String) {
        finishFile(sha256: sha256)
        flushActivity()
    }

    /// Hands every activity aggregate to `activityBuilder` and starts afresh (the memo tables too,
    /// when they are full; else the next file may keep them: `begin`).
    mutating func flushActivity() {
        countStaged()
        var writeTimes = writes.byRecord(records.count), examples = self.examples.byRecord(records.count)
        activityBuilder.reserveActivity(records.count)
        for (slot, record) in records.enumerated() {
            let key = record.key
            var activity = ActivityRecord(
                identity: identities[key.identity], platform: .aws, action: actions[key.action],
                requestFields: fieldLists[Int(key.fields)], environment: environment(key.account),
                account: accountText(key.account), readOnly: record.tally.readOnly, at: record.tally.firstSeen)
            record.tally.fill(&activity, writeTimes: &writeTimes[slot], examples: &examples[slot])
            counters.fill(
                &activity, record: slot,
                distinctASCII: { (kind: Counter, id) in
                    switch kind {
                    case .userAgent: agents.isASCII[Int(id)]
                    case .sourceIP: addresses.isASCII[Int(id)]
                    case .credential: credentials.isASCII[Int(id)]
                    case .session, .actor: names.isASCII[Int(id)]
                    }
                }
            ) { (kind: Counter, id) in
                switch kind {
                case .userAgent: agents.strings[Int(id)]
                case .sourceIP: addresses.strings[Int(id)]
                case .credential: credentials.strings[Int(id)]
                case .session, .actor: names.strings[Int(id)]
                }
            }
            activityBuilder.addActivity(consume activity)
        }
        if isFull {
            // What bounds memory: the memo tables start afresh too.
            let kept = (withoutPrincipal, recordTimes, activityBuilder)
            self = CloudTrailAggregator(
                file: file, context: context, principals: principals, builder: builder, ledger: ledger)
            (withoutPrincipal, recordTimes, activityBuilder) = kept
        } else {
            recordIndex = FixedKeyIndex()
            records.removeAll(keepingCapacity: true)
            writes = SlotList()
            self.examples = SlotList()
            fileExamples = 0
            counters.removeAll()
        }
    }
}

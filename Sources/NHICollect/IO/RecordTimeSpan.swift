import Foundation
import NHIModel

extension LedgerEntry {
    /// Widens the file's record span (`firstRecordAt`…`lastRecordAt`) to take in the time an
    /// accepted record states, so a pack can say when its evidence was collected rather than when
    /// the pack was made.
    mutating func widenRecordSpan(_ time: Date?) {
        guard let time else { return }
        if firstRecordAt.map({ time < $0 }) ?? true { firstRecordAt = time }
        if lastRecordAt.map({ time > $0 }) ?? true { lastRecordAt = time }
    }
}

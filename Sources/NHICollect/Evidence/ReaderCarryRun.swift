import Foundation

extension ReaderCarry {
    /// Hands over the activity that the run's files left in the carry (a reader whose records go
    /// from one file to the next keeps them until the run ends), in a builder of its own; nil when
    /// there is none. The carry's memo tables stay, for a caller that reads on with it.
    ///
    /// After a file that failed the carry holds nothing, and the activity of the files read with
    /// it before is gone with the part of the failed file counted in the same records: a caller
    /// that keeps going reads those files again (`Collector`).
    func finishRun() -> InventoryBuilder? {
        guard var aggregator = cloudTrail else { return nil }
        aggregator.flushActivity()
        let activity = aggregator.activityBuilder
        aggregator.activityBuilder = InventoryBuilder()
        cloudTrail = aggregator
        return activity
    }
}

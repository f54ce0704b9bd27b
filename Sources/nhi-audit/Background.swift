import Dispatch

/// Work run on another core while the calling thread goes on. Between its stages `pack` has
/// stretches where one thread works alone (assessing, summarising);
/// work that needs nothing from that thread runs beside it or beside a stage that leaves a core
/// idle at its end.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    // Written once by the work, read only after `done` says the work has finished.
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async(group: done) { self.result = work() }
    }

    /// What the work made, once it has finished.
    var value: Value {
        done.wait()
        return result!
    }
}

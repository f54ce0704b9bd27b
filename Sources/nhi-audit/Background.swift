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

extension Background where Value == Void {
    /// Lets go of `value` on another thread. Freeing what a large organisation's pack was made from
    /// (millions of small allocations) takes tenths of a second that the caller need not wait for;
    /// the box holds the only reference, so the memory is freed where the box is emptied.
    static func release<T>(_ value: consuming T) {
        let box = ReleaseBox(value)
        _ = Background { box.empty() }
    }
}

private final class ReleaseBox<T>: @unchecked Sendable {
    // Filled by the thread letting go, emptied once by the work: no thread reads it in between.
    private var value: T?

    init(_ value: consuming T) { self.value = consume value }

    func empty() { value = nil }
}

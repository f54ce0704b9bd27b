import Foundation

/// Two pieces of work run at once, on two cores, for the steps of collection that run after every
/// file is read and would otherwise leave a core idle.
enum SideBySide {
    /// Runs `first` and `second` at the same time and returns when both are done. They must touch
    /// nothing in common: each writes only what the other never reads.
    static func run(_ first: () -> Void, and second: () -> Void) {
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                nonisolated(unsafe) let work = [first, second]
                DispatchQueue.concurrentPerform(iterations: 2) { work[$0]() }
            }
        }
    }
}

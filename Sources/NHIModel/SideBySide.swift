import Foundation

/// Two pieces of work run at once, on two cores, for steps between the parallel parts of the
/// pipeline that would otherwise leave a core idle (freezing the inventory, setting up detection).
public enum SideBySide {
    /// Runs `first` and `second` at the same time and returns when both are done. They must touch
    /// nothing in common: each writes only what the other never reads.
    public static func run(_ first: () -> Void, and second: () -> Void) {
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                nonisolated(unsafe) let work = [first, second]
                DispatchQueue.concurrentPerform(iterations: 2) { work[$0]() }
            }
        }
    }
}

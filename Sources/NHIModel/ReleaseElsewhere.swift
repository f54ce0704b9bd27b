import Foundation

/// Lets go of a value on another thread, so that whoever waits for the caller does not wait for
/// the memory to be freed: freeing what a large organisation's run was made of (millions of small
/// allocations) takes tenths of a second. The box holds the only reference once the caller has let
/// go, so the value is freed where the box is emptied.
public enum ReleaseElsewhere {
    public static func release<T>(_ value: consuming T) {
        let box = Box(value)
        DispatchQueue.global().async { box.empty() }
    }

    private final class Box<T>: @unchecked Sendable {
        // Filled by the releasing thread, emptied once by the work: no thread reads it in between.
        private var value: T?

        init(_ value: consuming T) { self.value = consume value }

        func empty() { value = nil }
    }
}

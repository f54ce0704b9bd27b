import Foundation
import NHIModel

/// What the last pack was made from (the inventory, the findings and every value derived from them),
/// kept once the pack is written. Freeing it, millions of small allocations for a large
/// organisation, takes tenths of a second of a core: after the last pack the process ends and the
/// system takes the memory back whole; when another quarter follows, the earlier quarter's values
/// are freed on another thread beside its collection.
final class Leftovers: @unchecked Sendable {
    static let shared = Leftovers()

    private let lock = NSLock()
    // Read and written under `lock` only.
    private var kept: Any?

    /// Keeps `value` and lets go of what was kept before, on another thread.
    func keep(_ value: Any) {
        let earlier = lock.withLock {
            let earlier = kept
            kept = value
            return earlier
        }
        // Handed over whole: a copy left here (an `if let` binding) could be the last reference.
        guard earlier != nil else { return }
        ReleaseElsewhere.release(consume earlier)
    }
}

import Foundation

/// Resolved CloudTrail principals shared by the files of one collection (`ReaderCarry`), keyed like
/// the aggregator's own memo (the userIdentity fields taken together). S3-delivered trails come as
/// thousands of small files that name the same principals: each run's first sight of a principal is
/// then a lookup here instead of parsing its ARN again. Runs are read on several threads, hence the lock.
final class CloudTrailPrincipalMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var keys = ByteKeyTable()
    /// Per key: the principal, or nil when the event names none.
    private var principals: [CloudTrailPrincipal?] = []
    /// Bounded like the per-file memo: session names can be unique per call.
    static let maxEntries = 200_000

    init() {}

    /// The principal memoised for `key`: `.some(nil)` when it is known to name none, nil when unknown.
    func principal(for key: UnsafeBufferPointer<ByteSpan>, hash: UInt64) -> CloudTrailPrincipal?? {
        lock.lock()
        defer { lock.unlock() }
        let id = keys.find(parts: key, hash: hash)
        return id >= 0 ? .some(principals[Int(id)]) : nil
    }

    func remember(_ principal: CloudTrailPrincipal?, for key: UnsafeBufferPointer<ByteSpan>, hash: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        guard keys.find(parts: key, hash: hash) < 0 else { return }
        if principals.count >= Self.maxEntries {
            keys = ByteKeyTable()
            principals.removeAll(keepingCapacity: true)
        }
        _ = keys.insert(parts: key, hash: hash)
        principals.append(principal)
    }
}

import CJSONScan
import Foundation
import NHIModel

/// Lookups of one event's values in the memo tables. Static, with the tables passed in: a method
/// called from the aggregator's mutating methods would copy the whole aggregator.
extension CloudTrailAggregator {
    /// Hashes the event's values that the large tables look up (its principal key among them)
    /// and asks for their slots: with callers that vary those miss the cache, and asked for
    /// together the misses overlap instead of following one another. Kept out of `add`, which
    /// the optimiser stops inlining into when it grows; static, with the tables borrowed, as a
    /// method called from `add` took a copy of the whole aggregator.
    @inline(never)
    static func prefetchLookups(
        _ event: CloudTrailEventFields, _ addresses: borrowing ValueInterner, _ credentials: borrowing ValueInterner,
        _ principalKeys: borrowing ByteKeyTable
    ) -> LookupHashes {
        var hashes = LookupHashes()
        hashes.address = Self.prefetch(.sourceIPAddress, of: event, in: addresses)
        hashes.arnDecides = event.arnDecides
        hashes.credential = Self.prefetch(.accessKeyId, of: event, in: credentials)
        hashes.principal = ByteKeyTable.hash(parts: event.principalParts(arnDecides: hashes.arnDecides))
        principalKeys.prefetch(hashes.principal)
        return hashes
    }

    /// The id of the event's `field` in `table` (`absent` when it is absent); throws when it is not UTF-8.
    /// `memo` counts new values. Static, as the tables are the aggregator's own stored properties.
    /// `hash` is the value's, when `prefetch` took it.
    @inline(__always)
    static func intern(
        _ field: CloudTrailField, of event: CloudTrailEventFields, _ table: inout ValueInterner,
        _ memo: inout MemoSize, hash: UInt64? = nil
    ) throws(JSONScanError) -> Int32 {
        let span = event[field]
        guard !span.isAbsent else { return absent }
        let before = table.count
        guard let id = table.intern(span.buffer, hash: hash ?? ByteKeyTable.hash(span.buffer)) else {
            throw invalidUTF8(field, of: event)
        }
        if table.count != before { memo.add(bytes: span.count) }
        return id
    }

    /// The hash of the event's `field`, its slot in `table` asked for ahead of `intern`.
    @inline(__always)
    static func prefetch(_ field: CloudTrailField, of event: CloudTrailEventFields, in table: borrowing ValueInterner)
        -> UInt64
    {
        let span = event[field]
        guard !span.isAbsent else { return 0 }
        let hash = ByteKeyTable.hash(span.buffer)
        table.prefetch(hash)
        return hash
    }

    static func invalidUTF8(_ field: CloudTrailField, of event: CloudTrailEventFields) -> JSONScanError {
        JSONScanError(offset: event.offset(field), message: "invalid UTF-8 in string")
    }

    /// Throws when the event's `field` is present and not UTF-8. Most values are ASCII, checked
    /// in place without building a String. Static, as a method called from a mutating one copies
    /// the aggregator.
    static func validate(_ field: CloudTrailField, of event: CloudTrailEventFields) throws(JSONScanError) {
        let span = event[field]
        if !span.isAbsent, !JSONCursor.isASCII(span.buffer), String(validating: span.buffer, as: UTF8.self) == nil {
            throw invalidUTF8(field, of: event)
        }
    }

    /// The role key of a session ARN (its role part and invokedBy) with its hash, for `body`.
    static func withRoleKey<Result>(
        _ arn: AssumedRoleARN, invokedBy: ByteSpan,
        _ body: (UnsafeBufferPointer<ByteSpan>, UInt64) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: ByteSpan.self, capacity: 2) { key in
            key[0] = arn.role; key[1] = invokedBy
            let parts = UnsafeBufferPointer(key)
            return body(parts, ByteKeyTable.hash(parts: parts))
        }
    }
}

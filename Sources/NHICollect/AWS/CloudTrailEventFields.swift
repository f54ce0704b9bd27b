import CJSONScan
import Foundation
import NHIModel

/// Where one event's fields are in the record (or in decoded copies of escaped values), written
/// by the scanner's callbacks through a pointer rather than an array, and read once it is done.
final class CloudTrailEventFields {
    private static let count = CloudTrailField.allCases.count
    private let spans = UnsafeMutablePointer<ByteSpan>.allocate(capacity: CloudTrailEventFields.count)
    private let offsets = UnsafeMutablePointer<Int>.allocate(capacity: CloudTrailEventFields.count)
    /// Decoded copies of escaped values, valid until the next event: a reused chunk, plus chunks
    /// of their own for values that do not fit it.
    private let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: CloudTrailEventFields.chunkSize)
    private static var chunkSize: Int { 1 << 16 }
    private var chunkUsed = 0
    private var largeCopies: [UnsafeMutablePointer<UInt8>] = []
    private var hasLargeCopies = false
    private var unescaped: [UInt8] = []
    /// Scratch for the parts of a compound key.
    let parts = UnsafeMutablePointer<ByteSpan>.allocate(capacity: 8)
    /// Where the scanner's C walk notes the event's fields.
    let walk = UnsafeMutablePointer<nhi_ct_event>.allocate(capacity: 1)
    /// The userIdentity objects of recent events, for the C walk.
    let identities = UnsafeMutablePointer<nhi_ct_identity_memos>.allocate(capacity: 1)
    /// Per memo slot: the stamp of the memo and what the aggregator derived from its bytes. Kept
    /// with the memos, so that neither outlives the other (the aggregator starts both afresh
    /// when it flushes, and stamps count from 1 again).
    /// A pointer rather than an array: reading a class's array property checks exclusivity at
    /// run time, on every event.
    private let derived = UnsafeMutablePointer<(stamp: UInt64, ids: CloudTrailAggregator.IdentityDerived)>.allocate(
        capacity: Int(NHI_CT_IDENTITY_MEMOS))
    /// The names of `requestParameters`, in file order, with their offsets.
    private var nameSpans = UnsafeMutablePointer<ByteSpan>.allocate(capacity: 16)
    private var nameOffsets = UnsafeMutablePointer<Int>.allocate(capacity: 16)
    private var nameCapacity = 16
    private var nameCount = 0

    init() {
        spans.initialize(repeating: .absent, count: Self.count)
        offsets.initialize(repeating: 0, count: Self.count)
        parts.initialize(repeating: .absent, count: 8)
        derived.initialize(repeating: (0, CloudTrailAggregator.IdentityDerived.none), count: Int(NHI_CT_IDENTITY_MEMOS))
        UnsafeMutableRawPointer(identities).initializeMemory(
            as: UInt8.self, repeating: 0, count: MemoryLayout<nhi_ct_identity_memos>.size)
    }

    deinit {
        for buffer in largeCopies { buffer.deallocate() }
        chunk.deallocate()
        spans.deallocate()
        offsets.deallocate()
        parts.deallocate()
        walk.deallocate()
        identities.deallocate()
        derived.deallocate()
        nameSpans.deallocate()
        nameOffsets.deallocate()
    }

    var names: UnsafeBufferPointer<ByteSpan> { UnsafeBufferPointer(start: nameSpans, count: nameCount) }

    func nameOffset(_ index: Int) -> Int { nameOffsets[index] }

    func removeNames() { nameCount = 0 }

    @inline(__always)
    func appendName(_ span: ByteSpan, at offset: Int) {
        if nameCount == nameCapacity { growNames() }
        nameSpans[nameCount] = span
        nameOffsets[nameCount] = offset
        nameCount += 1
    }

    private func growNames() {
        let spans = UnsafeMutablePointer<ByteSpan>.allocate(capacity: nameCapacity * 2)
        spans.moveInitialize(from: nameSpans, count: nameCount)
        nameSpans.deallocate()
        nameSpans = spans
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: nameCapacity * 2)
        offsets.moveInitialize(from: nameOffsets, count: nameCount)
        nameOffsets.deallocate()
        nameOffsets = offsets
        nameCapacity *= 2
    }

    @inline(__always)
    func reset() {
        spans.update(repeating: .absent, count: Self.count)
        nameCount = 0
        chunkUsed = 0
        // A flag, not `largeCopies.isEmpty`: reading the array would check exclusivity at run time.
        if hasLargeCopies {
            hasLargeCopies = false
            for buffer in largeCopies { buffer.deallocate() }
            largeCopies.removeAll(keepingCapacity: true)
        }
    }

    /// What was derived from this event's userIdentity bytes when the C walk's memo of them was
    /// stored or taken before: equal stamps, equal bytes, so equal ids.
    @inline(__always)
    func derivedFromIdentity() -> CloudTrailAggregator.IdentityDerived? {
        let stamp = walk.pointee.identity_stamp
        guard stamp != 0 else { return nil }
        let known = derived[Int(walk.pointee.identity_slot)]
        return known.stamp == stamp ? known.ids : nil
    }

    /// Notes what was derived from this event's userIdentity, when a memo holds its bytes.
    func remember(_ ids: CloudTrailAggregator.IdentityDerived) {
        let stamp = walk.pointee.identity_stamp
        guard stamp != 0 else { return }
        derived[Int(walk.pointee.identity_slot)] = (stamp, ids)
    }

    /// True when the ARN identifies the principal: all but AWSService and AWSAccount principals
    /// (or those without a type) that have one. Here rather than on the aggregator, whose
    /// computed properties copy the whole struct when read from its mutating methods.
    var arnDecides: Bool {
        let type = self[.type]
        return !self[.arn].isAbsent && !(type.isAbsent || type.equals("AWSService") || type.equals("AWSAccount"))
    }

    /// The principal's key in `parts`, valid until the next key is built there.
    @inline(__always)
    func principalParts(arnDecides: Bool) -> UnsafeBufferPointer<ByteSpan> {
        parts[0] = self[.type]; parts[1] = self[.arn]; parts[2] = self[.accountId]
        parts[3] = arnDecides ? .absent : self[.accessKeyId]; parts[4] = arnDecides ? .absent : self[.principalId]
        parts[5] = self[.userName]; parts[6] = self[.invokedBy]; parts[7] = self[.issuerArn]
        return UnsafeBufferPointer(start: parts, count: 8)
    }

    @inline(__always)
    subscript(field: CloudTrailField) -> ByteSpan { spans[field.rawValue] }

    func offset(_ field: CloudTrailField) -> Int { offsets[field.rawValue] }

    /// Field `item` (a `CloudTrailField` raw value).
    @inline(__always)
    func set(_ item: Int, _ span: ByteSpan, at offset: Int) {
        spans[item] = span
        offsets[item] = offset
    }

    /// The span's bytes, escapes decoded (and validated) into a copy that lives until `reset`.
    @inline(__always)
    func span(_ span: JSONStringSpan, at offset: Int) throws(JSONScanError) -> ByteSpan {
        guard span.hasEscapes else { return ByteSpan(start: span.start, count: span.count) }
        return try decodedCopy(span, at: offset)
    }

    /// UTF-8 is validated where the value is first memoised, as for values without escapes.
    private func decodedCopy(_ span: JSONStringSpan, at offset: Int) throws(JSONScanError) -> ByteSpan {
        unescaped.removeAll(keepingCapacity: true)
        try JSONCursor.unescape(span, at: offset, into: &unescaped)
        let count = unescaped.count
        let target: UnsafeMutablePointer<UInt8>
        if Self.chunkSize - chunkUsed >= count {
            target = chunk + chunkUsed
            chunkUsed += count
        } else {
            target = .allocate(capacity: max(count, 1))
            largeCopies.append(target)
            hasLargeCopies = true
        }
        if count > 0 { unescaped.withUnsafeBufferPointer { target.update(from: $0.baseAddress!, count: count) } }
        return ByteSpan(start: UnsafePointer(target), count: count)
    }
}

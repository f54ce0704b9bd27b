import Foundation

/// A sliding window over a `ByteSource`: readers look at `[start, end)`, consume from the
/// front and ask for more; unconsumed bytes move to the front when the window refills, and
/// the window grows only when a single record does not fit (up to `maxCapacity`).
public final class StreamBuffer {
    public private(set) var base: UnsafeMutablePointer<UInt8>
    public private(set) var capacity: Int
    public var start = 0
    public private(set) var end = 0
    public private(set) var atEnd = false
    /// Offset in the (decompressed) content of `base[0]`.
    public private(set) var baseOffset: Int64 = 0
    public let maxCapacity: Int
    private let source: any ByteSource
    private let displayName: String

    public init(
        source: any ByteSource, displayName: String, chunkSize: Int = 1 << 20,
        maxCapacity: Int = RecordLimits.maxRecordBytes
    ) {
        self.source = source
        self.displayName = displayName
        self.capacity = chunkSize
        self.maxCapacity = maxCapacity
        base = .allocate(capacity: chunkSize)
    }

    deinit { base.deallocate() }

    public var count: Int { end - start }
    public var storedBytesRead: Int64 { source.storedBytesRead }
    /// Offset in the decompressed content of `base[start]`.
    public var offset: Int64 { baseOffset + Int64(start) }

    /// Reads more bytes after `end`. Returns false when the source is exhausted.
    @discardableResult
    public func fill() throws -> Bool {
        if atEnd { return false }
        if start > 0 {
            let pending = end - start
            if pending > 0 { base.update(from: base + start, count: pending) }
            baseOffset += Int64(start)
            start = 0
            end = pending
        }
        if end == capacity {
            guard capacity < maxCapacity else {
                throw CollectError(
                    file: displayName,
                    message: "a single record is longer than \(maxCapacity >> 20) MB (at byte \(offset))")
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: min(capacity * 2, maxCapacity))
            grown.update(from: base, count: end)
            base.deallocate()
            base = grown
            capacity = min(capacity * 2, maxCapacity)
        }
        let read = try source.read(into: UnsafeMutableRawBufferPointer(start: base + end, count: capacity - end))
        if read == 0 { atEnd = true; return false }
        end += read
        return true
    }
}

import Foundation

/// A sliding window over a `ByteSource`: readers look at `[start, end)`, consume from the
/// front and ask for more; unconsumed bytes move to the front when the window refills, and
/// the window grows only when a single record does not fit (up to `maxCapacity`).
/// Over a `MappedFileSource` the window is the mapping itself: refilling maps the file from the
/// first unconsumed byte on, and nothing is copied. Either way `base` is read-only to readers.
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

    private let mapped: MappedFileSource?
    private let chunkSize: Int

    public init(source: any ByteSource, displayName: String, chunkSize: Int = 1 << 20, maxCapacity: Int = 256 << 20) {
        self.source = source
        self.displayName = displayName
        self.maxCapacity = maxCapacity
        mapped = source as? MappedFileSource
        // Mapped windows are larger: each costs system calls and the page-table set-up.
        self.chunkSize = mapped == nil ? chunkSize : max(chunkSize, 8 << 20)
        if mapped != nil {
            capacity = 0
            base = UnsafeMutablePointer(bitPattern: 1)!
        } else {
            capacity = chunkSize
            base = .allocate(capacity: chunkSize)
        }
    }

    deinit { if mapped == nil { base.deallocate() } }

    public var count: Int { end - start }
    public var storedBytesRead: Int64 { source.storedBytesRead }
    /// Offset in the decompressed content of `base[start]`.
    public var offset: Int64 { baseOffset + Int64(start) }

    /// Reads more bytes after `end`. Returns false when the source is exhausted.
    @discardableResult
    public func fill() throws -> Bool {
        if atEnd { return false }
        if let mapped { return try slide(mapped) }
        if start > 0 {
            let pending = end - start
            if pending > 0 { base.update(from: base + start, count: pending) }
            baseOffset += Int64(start)
            start = 0
            end = pending
        }
        if end == capacity {
            guard capacity < maxCapacity else {
                throw CollectError(file: displayName, message: "a single record is longer than \(maxCapacity >> 20) MB (at byte \(offset))")
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

    /// Maps the file from the first unconsumed byte on, a chunk beyond what is already there.
    private func slide(_ mapped: MappedFileSource) throws -> Bool {
        let pending = end - start
        guard pending < maxCapacity else {
            throw CollectError(file: displayName, message: "a single record is longer than \(maxCapacity >> 20) MB (at byte \(offset))")
        }
        let from = offset
        let window = try mapped.window(from: from, length: min(pending + chunkSize, maxCapacity))
        baseOffset = from
        start = 0
        if window.count <= pending {
            // Nothing new: the file ends within what the reader already has.
            end = window.count
            if let address = window.baseAddress { base = UnsafeMutablePointer(mutating: address.assumingMemoryBound(to: UInt8.self)) }
            atEnd = true
            return false
        }
        base = UnsafeMutablePointer(mutating: window.baseAddress!.assumingMemoryBound(to: UInt8.self))
        end = window.count
        capacity = window.count
        return true
    }
}

import Foundation

/// A plain file's bytes mapped into memory a window at a time, so that a `StreamBuffer` scans
/// the page cache in place instead of copying every byte with `read(2)` (the copy cost a
/// streaming reader about a seventh of its time). Only one window is mapped at once and it
/// slides forward with the reader, so resident memory stays flat whatever the file's size.
///
/// The file must not shrink while it is read (the mapped pages past its new end would fault);
/// evidence exports are read as they were delivered.
public final class MappedFileSource: ByteSource {
    /// Files smaller than this are read with `read(2)`: mapping costs more than it saves on them.
    public static let minimumSize: Int64 = 4 << 20
    private static let pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))

    private let descriptor: Int32
    private let displayName: String
    public let size: Int64
    private var mapping: UnsafeMutableRawPointer?
    private var mappingLength = 0
    /// Bytes from the start of the file already handed to `digest` (and counted as read).
    private var hashed: Int64 = 0
    /// Where `read(into:)` continues, for callers that copy rather than map.
    private var position: Int64 = 0
    let digest: StreamingDigest?

    public var storedBytesRead: Int64 { max(hashed, position) }

    /// Maps `url` when it is a regular file of at least `minimumSize` bytes; nil otherwise.
    static func open(_ url: URL, displayName: String, digest: StreamingDigest?) throws -> MappedFileSource? {
        let descriptor = Foundation.open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CollectError(file: displayName, message: "cannot open file for reading (\(String(cString: strerror(errno))))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int64(status.st_size) >= minimumSize else {
            close(descriptor)
            return nil
        }
        return MappedFileSource(descriptor: descriptor, size: Int64(status.st_size), displayName: displayName, digest: digest)
    }

    private init(descriptor: Int32, size: Int64, displayName: String, digest: StreamingDigest?) {
        self.descriptor = descriptor; self.size = size; self.displayName = displayName; self.digest = digest
    }

    deinit {
        unmap()
        close(descriptor)
    }

    /// The file's bytes from `offset`, at least `length` of them unless the file ends first
    /// (empty at its end), valid until the next call. Replaces the previous window.
    func window(from offset: Int64, length: Int) throws -> UnsafeRawBufferPointer {
        unmap()
        guard offset < size else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let aligned = offset - offset % Self.pageSize
        let span = Int(min(size - aligned, offset - aligned + Int64(length)))
        guard let mapped = mmap(nil, span, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, off_t(aligned)), mapped != MAP_FAILED else {
            throw CollectError(file: displayName, message: "cannot map bytes \(aligned)–\(Int64(span) + aligned) (\(String(cString: strerror(errno))))")
        }
        mapping = mapped
        mappingLength = span
        let end = aligned + Int64(span)
        if hashed < end, hashed >= aligned {
            digest?.update(UnsafeRawBufferPointer(start: mapped + Int(hashed - aligned), count: Int(end - hashed)))
            hashed = end
        }
        return UnsafeRawBufferPointer(start: mapped + Int(offset - aligned), count: Int(end - offset))
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = pread(descriptor, base, buffer.count, off_t(position))
            if count >= 0 {
                if position == hashed { digest?.update(UnsafeRawBufferPointer(start: base, count: count)); hashed += Int64(count) }
                position += Int64(count)
                return count
            }
            if errno != EINTR {
                throw CollectError(file: displayName, message: "read error at byte \(position) (\(String(cString: strerror(errno))))")
            }
        }
    }

    private func unmap() {
        if let mapping { munmap(mapping, mappingLength) }
        mapping = nil
    }
}

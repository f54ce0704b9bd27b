import CZlib
import Foundation

/// Raw bytes of an evidence file read in chunks: the file as stored, or its gzip content
/// inflated on the fly. `storedBytesRead` counts bytes taken from disk (for progress and errors).
public protocol ByteSource: AnyObject {
    /// Fills the start of `buffer`; returns the number of bytes written, 0 at the end of the content.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    var storedBytesRead: Int64 { get }
}

public enum ByteSources {
    /// Opens an evidence file or zip member (`SourceFile.member`), inflating gzip content.
    public static func open(_ file: SourceFile, digest: StreamingDigest? = nil, limit: Int64? = nil) throws
        -> any ByteSource
    {
        guard let member = file.member else {
            return try open(file.url, displayName: file.relativePath, digest: digest, limit: limit)
        }
        let source = try ZipMemberSource(archive: file.url, member: member, displayName: file.relativePath)
        source.digest = digest
        return try unwrapGzip(source, displayName: file.relativePath)
    }

    /// Opens `url`, inflating it when its first bytes are the gzip magic number.
    /// `displayName` is what errors name (the path relative to the evidence folder). The stored
    /// bytes read go to `digest` when one is given; with `limit`, the stored bytes end at that offset.
    public static func open(_ url: URL, displayName: String, digest: StreamingDigest? = nil, limit: Int64? = nil) throws
        -> any ByteSource
    {
        let file = try PlainFileSource(url, displayName: displayName, limit: limit)
        file.digest = digest
        return try unwrapGzip(file, displayName: displayName)
    }

    private static func unwrapGzip(_ file: any ByteSource, displayName: String) throws -> any ByteSource {
        var magic = [UInt8](repeating: 0, count: 2)
        let count = try magic.withUnsafeMutableBytes { try file.read(into: $0) }
        let prefix = Array(magic.prefix(count))
        if prefix == [0x1f, 0x8b] {
            return try GzipSource(file: file, prefix: prefix, displayName: displayName)
        }
        return PrefixedSource(prefix: prefix, rest: file)
    }
}

/// A file read with POSIX `read(2)`: no per-chunk allocation.
public final class PlainFileSource: ByteSource {
    private let descriptor: Int32
    private let displayName: String
    private let limit: Int64
    public private(set) var storedBytesRead: Int64 = 0
    /// Receives every byte read.
    var digest: StreamingDigest?

    /// Opens `url`, positioned `skipping` bytes in; with `limit`, the file ends at that offset.
    public init(_ url: URL, displayName: String, skipping: Int64 = 0, limit: Int64? = nil) throws {
        descriptor = Foundation.open(url.path, O_RDONLY)
        self.displayName = displayName
        self.limit = limit ?? .max
        guard descriptor >= 0 else {
            throw CollectError(
                file: displayName, message: "cannot open file for reading (\(String(cString: strerror(errno))))")
        }
        if skipping > 0 {
            // Thrown once fully initialised, so deinit closes the descriptor.
            guard lseek(descriptor, off_t(skipping), SEEK_SET) == off_t(skipping) else {
                throw CollectError(
                    file: displayName, message: "cannot seek to byte \(skipping) (\(String(cString: strerror(errno))))")
            }
            storedBytesRead = skipping
        }
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, storedBytesRead < limit else { return 0 }
        while true {
            let count = Foundation.read(descriptor, base, Int(min(Int64(buffer.count), limit - storedBytesRead)))
            if count >= 0 {
                storedBytesRead += Int64(count)
                digest?.update(UnsafeRawBufferPointer(start: base, count: count))
                return count
            }
            if errno != EINTR {
                throw CollectError(
                    file: displayName,
                    message: "read error at byte \(storedBytesRead) (\(String(cString: strerror(errno))))")
            }
        }
    }
}

/// Hands back bytes already taken from a source (the sniffed magic number) before the rest.
final class PrefixedSource: ByteSource {
    private var prefix: [UInt8]
    private let rest: any ByteSource
    init(prefix: [UInt8], rest: any ByteSource) { self.prefix = prefix; self.rest = rest }
    var storedBytesRead: Int64 { rest.storedBytesRead }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !prefix.isEmpty else { return try rest.read(into: buffer) }
        let count = min(prefix.count, buffer.count)
        buffer.copyBytes(from: prefix.prefix(count))
        prefix.removeFirst(count)
        return count
    }
}

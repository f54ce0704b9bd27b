import Crypto
import Foundation
import NHIModel

/// Lower-case hex SHA-256, the one digest format of the ledger, evidence refs and the pack
/// (manifest, reports, OSCAL hashes), and the one routine that hashes files.
public enum SHA256Hex {
    public static func of(_ data: Data) -> String {
        Hex.lowercase(SHA256.hash(data: data))
    }

    public static func of(_ string: String) -> String {
        of(Data(string.utf8))
    }

    /// Streams the file so that large inputs are never held in memory.
    public static func ofFile(_ url: URL) throws(FileReadError) -> (sha256: String, size: Int64) {
        try SHA256Stream().finish(url)
    }
}

/// SHA-256 fed with the bytes a reader streams from disk, so that a file is read once for both
/// parsing and its digest; `finish` hashes whatever was not fed (all of it, for a fresh stream).
public final class SHA256Stream {
    private var hasher = SHA256()
    public private(set) var size: Int64 = 0

    public init() {}

    public func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        size += Int64(bytes.count)
    }

    /// The digest of the bytes hashed so far.
    public func finish() -> String { Hex.lowercase(hasher.finalize()) }

    /// The digest of the whole file at `url`, reading with `read(2)` into one reused buffer only
    /// the bytes after the `size` already hashed.
    public func finish(_ url: URL) throws(FileReadError) -> (sha256: String, size: Int64) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw FileReadError(doing: "cannot open file for reading") }
        defer { close(descriptor) }
        if size > 0, lseek(descriptor, off_t(size), SEEK_SET) != off_t(size) {
            throw FileReadError(doing: "cannot seek to byte \(size)")
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { chunk.deallocate() }
        while true {
            let count = read(descriptor, chunk.baseAddress!, chunk.count)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(doing: "read error at byte \(size)")
            }
            update(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        }
        return (finish(), size)
    }
}

/// Why a file could not be read: what failed, with the system's reason. Bridged as a POSIX error,
/// so that `FileErrorText.reason` names the cause.
public struct FileReadError: Error, CustomStringConvertible, CustomNSError {
    /// What failed and why, e.g. "cannot open file for reading (No such file or directory)".
    public let description: String
    public let code: Int32

    init(doing action: String) {
        code = errno
        description = "\(action) (\(String(cString: strerror(code))))"
    }

    public static var errorDomain: String { NSPOSIXErrorDomain }
    public var errorCode: Int { Int(code) }
}

import Crypto
import Foundation
import NHIModel

/// Streaming SHA-256 of files, so that evidence refs and the ledger name exact bytes.
public enum FileDigest {
    /// Reads with `read(2)` into one reused buffer: no allocation per chunk.
    public static func sha256(of url: URL) throws -> (hex: String, size: Int64) {
        let digest = StreamingDigest()
        return try digest.finish(url, displayName: url.path)
    }

    /// The SHA-256 of an evidence file as stored, or of a zip member's content (what unzipping it
    /// would write to disk: for a member that is itself gzip, the gzip bytes).
    public static func sha256(of file: SourceFile) throws -> (hex: String, size: Int64) {
        guard let member = file.member else { return try sha256(of: file.url) }
        let digest = StreamingDigest()
        let source = try ZipMemberSource(archive: file.url, member: member, displayName: file.relativePath)
        source.digest = digest
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { chunk.deallocate() }
        while try source.read(into: chunk) > 0 {}
        return digest.finishHash()
    }

    public static func sha256(of data: Data) -> String {
        Hex.lowercase(SHA256.hash(data: data))
    }

    public static func sha256(of string: String) -> String {
        sha256(of: Data(string.utf8))
    }
}

/// SHA-256 fed with the bytes a reader streams from disk, so that a file is read once for both
/// parsing and the ledger. `finish` hashes whatever the parse left unread (gzip padding).
public final class StreamingDigest {
    private var hasher = SHA256()
    public private(set) var size: Int64 = 0

    public init() {}

    func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        size += Int64(bytes.count)
    }

    /// The digest of what was hashed so far.
    func finishHash() -> (hex: String, size: Int64) { (Hex.lowercase(hasher.finalize()), size) }

    /// The digest of the whole file at `url`, reading only the bytes after those already hashed.
    public func finish(_ url: URL, displayName: String) throws -> (hex: String, size: Int64) {
        let rest = try PlainFileSource(url, displayName: displayName, skipping: size)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { chunk.deallocate() }
        while true {
            let count = try rest.read(into: chunk)
            if count == 0 { break }
            update(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        }
        return (Hex.lowercase(hasher.finalize()), size)
    }
}

extension StreamingDigest {
    /// The file's SHA-256 once a streaming reader is done with it: `known` when the collector
    /// passed one, else what `digest` hashed while reading plus the rest. Sets `entry`'s `sha256`
    /// (and `size` when hashed here).
    static func settle(_ digest: StreamingDigest?, known: String, _ file: SourceFile, into entry: inout LedgerEntry)
        throws -> String
    {
        var sha256 = known
        if let digest {
            let whole = try digest.finish(file.url, displayName: file.relativePath)
            sha256 = whole.hex
            entry.size = whole.size
        }
        entry.sha256 = sha256
        return sha256
    }
}

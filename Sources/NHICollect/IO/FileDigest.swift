import Foundation
import NHIFiles
import NHIModel

/// SHA-256 of files (`SHA256Hex`), so that evidence refs and the ledger name exact bytes; a file
/// that cannot be read fails as the collector tells it.
public enum FileDigest {
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

    public static func sha256(of data: Data) -> String { SHA256Hex.of(data) }

    public static func sha256(of string: String) -> String { SHA256Hex.of(string) }
}

/// SHA-256 fed with the bytes a reader streams from disk (`SHA256Stream`), its failures told as
/// the collector tells them.
public final class StreamingDigest {
    private let stream = SHA256Stream()
    public var size: Int64 { stream.size }

    public init() {}

    @inline(__always)
    func update(_ bytes: UnsafeRawBufferPointer) { stream.update(bytes) }

    /// The digest of what was hashed so far.
    func finishHash() -> (hex: String, size: Int64) { (stream.finish(), size) }

    /// The digest of the whole file at `url`, reading only the bytes after those already hashed.
    public func finish(_ url: URL, displayName: String) throws -> (hex: String, size: Int64) {
        do {
            let digest = try stream.finish(url)
            return (digest.sha256, digest.size)
        } catch {
            throw CollectError(file: displayName, message: error.description)
        }
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

import Crypto
import Foundation
import NHIModel

/// A file's content as CloudTrail hashes it: inflated when stored gzip-compressed, as stored
/// otherwise. Digest files list the SHA-256 of the *uncompressed* log file and chain to the
/// SHA-256 of the uncompressed previous digest (AWS "Custom implementations of CloudTrail log
/// file integrity validation"), so hashes of the stored bytes would never match.
enum InflatedContent {
    /// The whole inflated content (digest files are small).
    static func data(_ file: SourceFile) throws -> Data {
        var data = Data()
        try stream(file) { data.append(contentsOf: $0) }
        return data
    }

    /// Lower-case hex SHA-256 of the inflated content, streamed (log files may be large).
    static func sha256(_ file: SourceFile) throws -> String {
        var hasher = SHA256()
        try stream(file) { hasher.update(bufferPointer: $0) }
        return Hex.lowercase(hasher.finalize())
    }

    private static func stream(_ file: SourceFile, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        let source = try ByteSources.open(file)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { chunk.deallocate() }
        while true {
            let count = try source.read(into: chunk)
            if count == 0 { return }
            body(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        }
    }
}

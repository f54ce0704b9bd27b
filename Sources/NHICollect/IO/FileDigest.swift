import Crypto
import Foundation

/// Streaming SHA-256 of files, so that evidence refs and the ledger name exact bytes.
public enum FileDigest {
    public static func sha256(of url: URL) throws -> (hex: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw CollectError(file: url.path, message: "cannot open file for reading")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hex(hasher.finalize()), size)
    }

    public static func sha256(of data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    public static func sha256(of string: String) -> String {
        sha256(of: Data(string.utf8))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

import Crypto
import Foundation
import NHIModel

/// Lower-case hex SHA-256, the one digest format of the pack (manifest, reports, OSCAL hashes).
public enum SHA256Hex {
    public static func of(_ data: Data) -> String {
        Hex.lowercase(SHA256.hash(data: data))
    }

    /// Streams the file so that large inputs are never held in memory.
    public static func ofFile(_ url: URL) throws -> (sha256: String, size: Int64) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (Hex.lowercase(hasher.finalize()), size)
    }
}

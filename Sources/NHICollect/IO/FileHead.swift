import CZlib
import Foundation

/// The first bytes of a file, decompressed when it is gzip, for format sniffing.
public enum FileHead {
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// Up to `limit` bytes of the (decompressed) content. A gzip file whose start cannot be
    /// inflated yields the bytes that could be.
    public static func read(_ url: URL, limit: Int = 64 * 1024) throws -> Data {
        try head(url, limit: limit).data
    }

    /// `read`, and for a gzip file whose start zlib refuses (a gzip header followed by garbage),
    /// why, with the byte offset: such a file is corrupt, not of an unknown format.
    public static func head(_ url: URL, limit: Int = 64 * 1024) throws -> (data: Data, gzipProblem: String?) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw CollectError(file: url.path, message: "cannot open file for reading")
        }
        defer { try? handle.close() }
        let raw = try handle.read(upToCount: limit) ?? Data()
        guard isGzip(raw) else { return (raw, nil) }
        return inflatePrefix(raw, limit: limit)
    }

    static func inflatePrefix(_ compressed: Data, limit: Int) -> (data: Data, gzipProblem: String?) {
        var stream = z_stream()
        // 32 + MAX_WBITS: accept gzip headers.
        guard inflateInit2_(&stream, 32 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return (Data(), "cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        var output = Data(count: limit)
        var produced = 0
        var problem: String?
        compressed.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(limit)
                let status = inflate(&stream, Z_SYNC_FLUSH)
                produced = limit - Int(stream.avail_out)
                if status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR {
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    let offset = input.count - Int(stream.avail_in)
                    problem = "corrupt gzip data near byte \(offset): \(reason)"
                }
            }
        }
        return (output.prefix(produced), problem)
    }
}

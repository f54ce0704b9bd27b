import CZlib
import Foundation

/// Streams the content of a gzip file through the system zlib. Handles multi-member files
/// (concatenated gzip streams, as `cat a.gz b.gz` makes); a stream that ends before its
/// trailer is an error naming the file and the byte offset where the data stopped.
public final class GzipSource: ByteSource {
    private let file: any ByteSource
    private let displayName: String
    private var stream = z_stream()
    private let input: UnsafeMutableRawBufferPointer
    /// True between the end of one member and the start of the next (a clean place for the file to end).
    private var atMemberBoundary = false
    private var fileEnded = false
    private var finished = false

    public var storedBytesRead: Int64 { file.storedBytesRead }

    init(file: any ByteSource, prefix: [UInt8], displayName: String) throws {
        self.file = file
        self.displayName = displayName
        input = .allocate(byteCount: 256 * 1024, alignment: 8)
        input.copyBytes(from: prefix)
        // 16 + MAX_WBITS: gzip wrapper only.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            input.deallocate()
            throw CollectError(file: displayName, message: "cannot initialise zlib")
        }
        stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = uInt(prefix.count)
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    /// Offset in the stored file of the next compressed byte zlib has not consumed.
    private var compressedOffset: Int64 { file.storedBytesRead - Int64(stream.avail_in) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            if stream.avail_in == 0 && !fileEnded {
                let count = try file.read(into: input)
                if count == 0 { fileEnded = true }
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(count)
            }
            if stream.avail_in == 0 && fileEnded {
                if atMemberBoundary { finished = true; return 0 }
                throw CollectError(
                    file: displayName,
                    message:
                        "truncated gzip: the compressed data ends at byte \(file.storedBytesRead) before the end of the stream"
                )
            }
            if atMemberBoundary {
                // Another member follows, unless the rest is zero padding (some tools pad archives).
                if stream.next_in.pointee == 0 { finished = true; return 0 }
                guard inflateReset(&stream) == Z_OK else {
                    throw CollectError(file: displayName, message: "cannot restart zlib at byte \(compressedOffset)")
                }
                atMemberBoundary = false
            }
            stream.next_out = out.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(buffer.count)
            let status = inflate(&stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.avail_out)
            switch status {
            case Z_STREAM_END:
                atMemberBoundary = true
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw CollectError(
                    file: displayName, message: "corrupt gzip data near byte \(compressedOffset): \(reason)")
            }
            if produced > 0 { return produced }
        }
    }
}

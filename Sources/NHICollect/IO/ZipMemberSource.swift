import CZlib
import Foundation

/// Streams one zip member's content from its place in the archive: stored bytes as they are,
/// deflate through the system zlib. The content may not grow past the size the directory declares
/// (a bomb lies about it), and must end at that size with the declared CRC-32; otherwise reading
/// fails naming the member (`archive.zip!member`) and the byte where it went wrong.
/// `storedBytesRead` counts content bytes: a member's bytes are what the ledger hashes.
final class ZipMemberSource: ByteSource {
    private let file: PlainFileSource
    private let member: ZipDirectory.Member
    private let displayName: String
    private var stream = z_stream()
    private let input: UnsafeMutableRawBufferPointer?
    private var fileEnded = false
    private var finished = false
    private var crc: uLong = crc32(0, nil, 0)
    private(set) var storedBytesRead: Int64 = 0
    /// Receives every content byte.
    var digest: StreamingDigest?

    init(archive url: URL, member: ZipDirectory.Member, displayName: String) throws {
        self.member = member
        self.displayName = displayName
        file = try PlainFileSource(
            url, displayName: displayName, skipping: member.dataOffset,
            limit: member.dataOffset + member.compressedSize)
        guard member.method == 8 else {
            input = nil
            return
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 8)
        // Negative window bits: raw deflate, no zlib or gzip wrapper.
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            buffer.deallocate()
            throw CollectError(file: displayName, message: "cannot initialise zlib")
        }
        input = buffer
    }

    deinit {
        if let input {
            inflateEnd(&stream)
            input.deallocate()
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        // One byte more than the declared size may be asked for, so that a longer member is caught.
        let room = Int(min(Int64(buffer.count), member.size - storedBytesRead + 1))
        let produced =
            try input == nil
            ? file.read(into: UnsafeMutableRawBufferPointer(start: out, count: room))
            : inflate(into: out, count: room)
        guard produced > 0 else {
            try finish()
            return 0
        }
        storedBytesRead += Int64(produced)
        if storedBytesRead > member.size {
            throw CollectError(
                file: displayName,
                message:
                    "zip member inflates past its declared \(member.size) bytes (a zip bomb, or a damaged archive): not read"
            )
        }
        crc = crc32(crc, out.assumingMemoryBound(to: Bytef.self), uInt(produced))
        digest?.update(UnsafeRawBufferPointer(start: out, count: produced))
        return produced
    }

    private func inflate(into out: UnsafeMutableRawPointer, count: Int) throws -> Int {
        guard let input else { return 0 }
        while true {
            if stream.avail_in == 0 && !fileEnded {
                let read = try file.read(into: input)
                if read == 0 { fileEnded = true }
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(read)
            }
            stream.next_out = out.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(count)
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            let produced = count - Int(stream.avail_out)
            switch status {
            case Z_STREAM_END:
                return produced
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
                if fileEnded && stream.avail_in == 0 {
                    throw CollectError(
                        file: displayName,
                        message:
                            "truncated zip member: its deflate data ends after \(file.storedBytesRead - member.dataOffset) bytes"
                    )
                }
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw CollectError(
                    file: displayName,
                    message:
                        "corrupt zip member near byte \(file.storedBytesRead - member.dataOffset) of its data: \(reason)"
                )
            }
        }
    }

    private func finish() throws {
        finished = true
        guard storedBytesRead == member.size else {
            throw CollectError(
                file: displayName,
                message: "zip member ends after \(storedBytesRead) of its declared \(member.size) bytes")
        }
        guard UInt32(truncatingIfNeeded: crc) == member.crc32 else {
            throw CollectError(
                file: displayName, message: "corrupt zip member: its CRC-32 does not match the directory")
        }
    }
}

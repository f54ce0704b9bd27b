import Foundation

/// A file read at chosen offsets (`pread`), for the zip directory's few scattered reads.
final class RandomAccessFile {
    private let descriptor: Int32
    private let displayName: String
    let size: Int64

    init(_ url: URL, displayName: String) throws {
        descriptor = Foundation.open(url.path, O_RDONLY)
        self.displayName = displayName
        guard descriptor >= 0 else {
            throw CollectError(
                file: displayName, message: "cannot open file for reading (\(String(cString: strerror(errno))))")
        }
        var info = stat()
        size = fstat(descriptor, &info) == 0 ? Int64(info.st_size) : 0
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from `offset` (fewer at the end of the file).
    func bytes(at offset: Int64, count: Int) throws -> Data {
        guard offset >= 0, count > 0, offset < size else { return Data() }
        var data = Data(count: min(count, Int(size - offset)))
        var done = 0
        try data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            while done < buffer.count {
                let read = pread(
                    descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
                if read > 0 {
                    done += read
                } else if read == 0 {
                    break
                } else if errno != EINTR {
                    throw CollectError(
                        file: displayName,
                        message: "read error at byte \(offset + Int64(done)) (\(String(cString: strerror(errno))))")
                }
            }
        }
        return data.prefix(done)
    }
}

import Foundation

/// Where a large JSON-lines file is cut in two, so that two cores read it (`CloudTrailReader`):
/// just after the first newline at or past its first quarter. A newline always ends a record in
/// JSON lines, so each part holds whole records, the same records the file read whole gives. The
/// first part is the shorter because its core also hashes the whole file (SHA-256 is sequential),
/// at about twice the speed it parses: a quarter and the hash take about as long as three quarters.
enum LineSplit {
    /// Files smaller than this are read whole: the second core's start-up (counting the first
    /// part's lines, its own tables) costs more than it saves.
    static let minimumBytes: Int64 = 32 << 20

    /// The cut for `file` when it is a plain (not compressed) JSON-lines file of at least
    /// `minimum` bytes; nil otherwise (and when no newline but the last follows the quarter).
    static func offset(of file: SourceFile, minimum: Int64 = minimumBytes) throws -> Int64? {
        guard file.size >= minimum, file.member == nil else { return nil }
        let source = try PlainFileSource(file.url, displayName: file.relativePath)
        let buffer = StreamBuffer(source: source, displayName: file.relativePath, chunkSize: 64 << 10)
        var stream = JSONRecordStream(buffer: buffer, file: file.relativePath)
        guard try buffer.fill(),
            !FileHead.isGzip(Data(UnsafeBufferPointer(start: buffer.base, count: min(buffer.end, 2)))),
            try stream.detectLayout() == .lines
        else { return nil }
        let quarter = try PlainFileSource(file.url, displayName: file.relativePath, skipping: file.size / 4)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { chunk.deallocate() }
        var position = file.size / 4
        while true {
            let count = try quarter.read(into: chunk)
            guard count > 0 else { return nil }
            if let found = memchr(chunk.baseAddress!, 0x0A, count) {
                let cut = position + Int64(found - chunk.baseAddress!) + 1
                return cut < file.size ? cut : nil
            }
            position += Int64(count)
        }
    }

    /// The number of the line that starts at `offset` (1 + newlines before it).
    static func line(at offset: Int64, of file: SourceFile) throws -> Int {
        let source = try PlainFileSource(file.url, displayName: file.relativePath, limit: offset)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { chunk.deallocate() }
        var newlines = 0
        while true {
            let count = try source.read(into: chunk)
            guard count > 0 else { return newlines + 1 }
            var from = chunk.baseAddress!
            let end = from + count
            while from < end, let found = memchr(from, 0x0A, end - from) {
                newlines += 1
                from = found + 1
            }
        }
    }
}

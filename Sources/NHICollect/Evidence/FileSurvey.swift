import Foundation

/// What the collector learns of each file before reading any: its stored size and, when
/// scope.yaml does not name its format, the reader that recognises its head (inflated when gzip).
/// Taken on all cores: an S3 trail is thousands of small gzip files, and opening, inflating and
/// sniffing each head on one thread took as long as reading them all. Only the choice is kept, not
/// the head, so memory does not grow with the number of files.
struct FileSurvey {
    var size: Int64
    /// The reader whose sniffer recognises the head (`CorruptGzipReader` for a gzip file whose
    /// start zlib refuses; nil for none), or why the head could not be read; nil when not sniffed.
    var sniffed: Result<(any EvidenceReader.Type)?, any Error>?

    static func survey(_ urls: [URL], sniffing: [Bool], readers: [any EvidenceReader.Type]) -> [FileSurvey] {
        let found = UnsafeMutableBufferPointer<FileSurvey>.allocate(capacity: urls.count)
        found.initialize(repeating: FileSurvey(size: 0, sniffed: nil))
        defer {
            found.deinitialize()
            found.deallocate()
        }
        // Each iteration writes its own element only.
        nonisolated(unsafe) let slots = found
        DispatchQueue.concurrentPerform(iterations: urls.count) { index in
            var info = stat()
            let size = stat(urls[index].path, &info) == 0 ? Int64(info.st_size) : 0
            slots[index] = FileSurvey(
                size: size, sniffed: sniffing[index] ? Result { try reader(of: urls[index], among: readers) } : nil)
        }
        return Array(found)
    }

    private static func reader(of url: URL, among readers: [any EvidenceReader.Type]) throws -> (
        any EvidenceReader.Type
    )? {
        let head = try FileHead.head(url)
        if head.gzipProblem != nil { return CorruptGzipReader.self }
        return readers.first { $0.sniff(head: head.data, fileName: url.lastPathComponent) }
    }
}

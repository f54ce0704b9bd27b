import Foundation

/// What the collector learns of each file before reading any: its stored size and, when
/// scope.yaml does not name its format, its head for sniffing. Taken on all cores: an S3 trail is
/// thousands of small gzip files, and opening, inflating and sniffing each head on one thread took
/// as long as reading them all.
struct FileSurvey {
    var size: Int64
    /// The (inflated) head, or why it could not be read; nil when the file's format is known.
    var head: Result<(data: Data, gzipProblem: String?), any Error>?

    static func survey(_ urls: [URL], sniffing: [Bool]) -> [FileSurvey] {
        let found = UnsafeMutableBufferPointer<FileSurvey>.allocate(capacity: urls.count)
        found.initialize(repeating: FileSurvey(size: 0, head: nil))
        defer { found.deallocate() }
        // Each iteration writes its own element only.
        nonisolated(unsafe) let slots = found
        DispatchQueue.concurrentPerform(iterations: urls.count) { index in
            var info = stat()
            let size = stat(urls[index].path, &info) == 0 ? Int64(info.st_size) : 0
            slots[index] = FileSurvey(size: size, head: sniffing[index] ? Result { try FileHead.head(urls[index]) } : nil)
        }
        return Array(found)
    }
}

import Foundation

/// What the collector learns of each file before reading any: its stored size and, when
/// scope.yaml does not name its format, the reader that recognises its head (inflated when gzip);
/// a zip archive's members and theirs. Taken on all cores: an S3 trail is thousands of small gzip
/// files, and opening, inflating and sniffing each head on one thread took as long as reading them
/// all. Only the choice is kept, not the head, so memory does not grow with the number of files.
struct FileSurvey {
    var size: Int64
    /// The reader whose sniffer recognises the head (`CorruptGzipReader` for a gzip file whose
    /// start zlib refuses, `CorruptArchiveReader` for a zip whose structure cannot be trusted; nil
    /// for none and for a zip archive), or why the head could not be read; nil when not sniffed.
    var sniffed: Result<(any EvidenceReader.Type)?, any Error>?
    /// When no reader recognised the head: what the file looks like (`ContentLook`).
    var unrecognised: String?
    /// For a readable zip archive (sniffed or not): its members.
    var archive: ArchiveSurvey?

    init(size: Int64) { self.size = size }

    static func survey(_ urls: [URL], names: [String], sniffing: [Bool], readers: [any EvidenceReader.Type])
        -> [FileSurvey]
    {
        let found = UnsafeMutableBufferPointer<FileSurvey>.allocate(capacity: urls.count)
        found.initialize(repeating: FileSurvey(size: 0))
        defer {
            found.deinitialize()
            found.deallocate()
        }
        // Each iteration writes its own element only.
        nonisolated(unsafe) let slots = found
        DispatchQueue.concurrentPerform(iterations: urls.count) { index in
            var info = stat()
            let size = stat(urls[index].path, &info) == 0 ? Int64(info.st_size) : 0
            var survey = FileSurvey(size: size)
            survey.sniffed = Result {
                try choose(urls[index], name: names[index], among: readers, sniffing: sniffing[index], into: &survey)
            }
            if !sniffing[index], case .success(nil) = survey.sniffed { survey.sniffed = nil }
            slots[index] = survey
        }
        return Array(found)
    }

    private static func choose(
        _ url: URL, name: String, among readers: [any EvidenceReader.Type], sniffing: Bool,
        into survey: inout FileSurvey
    ) throws -> (any EvidenceReader.Type)? {
        let head = try FileHead.head(url, limit: sniffing ? 64 * 1024 : 4)
        if ZipDirectory.isZip(head.data) {
            do {
                survey.archive = try ArchiveSurvey.survey(url, displayName: name, readers: readers)
                return nil
            } catch is CollectError {
                return CorruptArchiveReader.self
            }
        }
        guard sniffing else { return nil }
        if head.gzipProblem != nil { return CorruptGzipReader.self }
        let found = readers.first { $0.sniff(head: head.data, fileName: url.lastPathComponent) }
        if found == nil { survey.unrecognised = ContentLook.reason(head: head.data, fileName: url.lastPathComponent) }
        return found
    }
}

import Foundation

/// Counters readers advance while they stream (thread-safe: files are read in parallel).
/// The command line samples them to show progress; collection never depends on them.
public final class IngestProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: Int64 = 0
    private var records: Int64 = 0
    private var total: Int64 = 0

    public init() {}

    /// Set by the collector once it knows every file to read (stored, i.e. compressed, sizes).
    public func begin(totalBytes: Int64) {
        lock.lock(); total = totalBytes; lock.unlock()
    }

    public func advance(bytes: Int64, records: Int64) {
        lock.lock(); self.bytes += bytes; self.records += records; lock.unlock()
    }

    public var snapshot: (bytes: Int64, records: Int64, total: Int64) {
        lock.lock(); defer { lock.unlock() }
        return (bytes, records, total)
    }
}

/// Reports a reader's progress in steps rather than per record, so counting costs nothing.
struct ProgressTicker {
    private let progress: IngestProgress?
    private var reportedBytes: Int64 = 0
    private var pendingRecords: Int64 = 0

    /// `offset`: the stored bytes before the part of the file this ticker reports.
    init(_ progress: IngestProgress?, from offset: Int64 = 0) { self.progress = progress; reportedBytes = offset }

    @inline(__always)
    mutating func record(storedBytes: @autoclosure () -> Int64) {
        guard let progress else { return }
        pendingRecords += 1
        guard pendingRecords >= 4096 else { return }
        flush(storedBytes: storedBytes(), into: progress)
    }

    mutating func finish(storedBytes: Int64) {
        guard let progress else { return }
        flush(storedBytes: storedBytes, into: progress)
    }

    private mutating func flush(storedBytes: Int64, into progress: IngestProgress) {
        progress.advance(bytes: storedBytes - reportedBytes, records: pendingRecords)
        reportedBytes = storedBytes
        pendingRecords = 0
    }
}

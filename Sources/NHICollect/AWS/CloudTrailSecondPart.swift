import Foundation
import NHIModel

/// The second part of a JSON-lines file cut by `LineSplit`, read on a thread of its own (not a
/// Dispatch worker: the collector's workers may all be busy, and this one must not wait for them)
/// with its own aggregator, builder and ledger entry, for `CloudTrailReader` to fold in after the first.
final class CloudTrailSecondPart: @unchecked Sendable {
    struct Part {
        var aggregator: CloudTrailAggregator
        var builder: InventoryBuilder
        var entry: LedgerEntry
    }

    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Part, any Error>?
    private var waited = false

    init(_ file: SourceFile, from offset: Int64, context: CollectContext) {
        let thread = Thread { [self] in
            outcome = Result {
                let builder = InventoryBuilder()
                var aggregator = CloudTrailAggregator(file: file, context: context, builder: builder)
                var entry = LedgerEntry(file: file.relativePath, format: CloudTrailReader.format, sha256: "", size: 0)
                let buffer = StreamBuffer(
                    source: try PlainFileSource(file.url, displayName: file.relativePath, skipping: offset),
                    displayName: file.relativePath)
                var stream = JSONRecordStream(
                    lines: buffer, file: file.relativePath, firstLine: try LineSplit.line(at: offset, of: file))
                // Known only once the first part is read: an early flush here hashes the file itself.
                var sha256 = file.sha256
                try CloudTrailReader.aggregate(
                    &stream, buffer, file, into: &aggregator, entry: &entry, sha256: &sha256,
                    progress: context.progress, from: offset)
                return Part(aggregator: aggregator, builder: builder, entry: entry)
            }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the part to be read (once; later calls return at once).
    func wait() {
        guard !waited else { return }
        done.wait()
        waited = true
    }

    /// The part as read, or the error that stopped it.
    func result() throws -> Part {
        wait()
        return try outcome!.get()
    }
}

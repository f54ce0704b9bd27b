import Foundation
import NHIModel

/// What the audit-log aggregators (`CloudTrailAggregator`, `KubernetesAuditAggregator`) have in
/// common: each takes a file's records from a `JSONRecordStream`, accounts for every record in the
/// file's ledger entry (accepted, or rejected with its reason and position), memoises values by
/// their bytes in tables that `isFull` bounds, and hands its aggregates to the builder when it
/// flushes. `AuditLogAggregation.aggregate` is the loop around them; what an event means, its memo
/// lookups and its counting stay in each aggregator, where the compiler specialises them.
protocol AuditLogAggregator {
    /// The file whose records are being read.
    var file: SourceFile { get }
    /// The file's ledger entry: each record read is accepted or rejected into it.
    var ledger: LedgerEntry { get set }
    /// True when the memo tables hold too much (or a count nears its 32-bit limit): time to `flush`.
    var isFull: Bool { get }
    /// Reads each element of an array or `{"Records":[…]}` file and finds where it ends, so that
    /// its bytes are not walked twice (`JSONRecordStream.forEachRecord(walking:)`); nil where the
    /// stream cuts every record.
    var elementWalk: JSONRecordStream.ElementWalk? { get }
    /// Aggregates one record (an event, or the events of a list), accepting or rejecting each into
    /// `ledger`; throws, with nothing counted, where the record's JSON or field types are wrong.
    /// `walked`: `elementWalk` has already read exactly these bytes.
    mutating func add(_ record: UnsafeRawBufferPointer, line: Int, index: Int?, walked: Bool) throws(JSONScanError)
    /// The reason and locator of a record that `add` threw for.
    func malformed(_ error: JSONScanError, in record: UnsafeRawBufferPointer, line: Int, index: Int?)
        -> (reason: String, locator: String)
    /// Hands the aggregates to the builder and starts afresh. `sha256` is the file's digest, for
    /// the example events (known only at the end when the file is hashed as it is read).
    mutating func flush(sha256: String)
}

enum AuditLogAggregation {
    /// Streams `file` (its stored bytes up to `limit`) through `aggregator`, hashing it as it is
    /// read when its digest is not known yet (as the collector passes it); notes the digest and
    /// size in the aggregator's ledger entry. Returns the digest and the line after the last record.
    static func read<Aggregator: AuditLogAggregator>(
        _ file: SourceFile, into aggregator: inout Aggregator, progress: IngestProgress?, limit: Int64? = nil
    ) throws -> (sha256: String, lineAfter: Int) {
        let digest = file.sha256.isEmpty ? StreamingDigest() : nil
        var sha256 = file.sha256
        let buffer = StreamBuffer(
            source: try ByteSources.open(file, digest: digest, limit: limit), displayName: file.relativePath)
        var stream = JSONRecordStream(buffer: buffer, file: file.relativePath)
        try aggregate(&stream, buffer, into: &aggregator, sha256: &sha256, progress: progress)
        // With a limit, this hashes the bytes past it too (`StreamingDigest.finish`).
        sha256 = try StreamingDigest.settle(digest, known: sha256, file, into: &aggregator.ledger)
        return (sha256, stream.lineAfter)
    }

    /// Aggregates every record of `stream` into `aggregator`. `sha256` is the file's digest when
    /// known; a file so varied that the aggregator fills up is hashed in a pass of its own.
    /// `offset`: the stored bytes before the part of the file the stream reads (for the progress display).
    @inline(__always)
    static func aggregate<Aggregator: AuditLogAggregator>(
        _ stream: inout JSONRecordStream, _ buffer: StreamBuffer, into aggregator: inout Aggregator,
        sha256: inout String, progress: IngestProgress?, from offset: Int64 = 0
    ) throws {
        var ticker = ProgressTicker(progress, from: offset)
        // The loop below captures the URL, not the SourceFile, which the closure would copy for every record.
        let url = aggregator.file.url
        try stream.forEachRecord(walking: aggregator.elementWalk) { bytes, line, index, walked in
            do throws(JSONScanError) {
                try aggregator.add(bytes, line: line, index: index, walked: walked)
            } catch {
                let rejection = aggregator.malformed(error, in: bytes, line: line, index: index)
                aggregator.ledger.reject(reason: rejection.reason, locator: rejection.locator)
            }
            if aggregator.isFull {
                // Rare (over 200,000 distinct values in one file): such a file is hashed in a pass of its own.
                if sha256.isEmpty { sha256 = try FileDigest.sha256(of: url).hex }
                aggregator.flush(sha256: sha256)
            }
            ticker.record(storedBytes: buffer.storedBytesRead)
        }
        ticker.finish(storedBytes: buffer.storedBytesRead)
    }
}

import Foundation
import NHIFiles
import NHIModel

/// CloudTrail logs: `{"Records":[…]}` files as delivered to S3, JSON arrays, JSON lines, each
/// optionally gzip-compressed. Streams event by event and aggregates into activity records
/// (identity × action × request fields × environment), so memory grows with distinct keys only.
public enum CloudTrailReader: StreamingDigestReader {
    public static let format = "aws-cloudtrail"
    public static let provides: Set<InputKind> = [.auditLog]

    /// Request field names kept per mutating event (the rest are summarised as `+more`).
    public static let maxRequestFields = 12
    static let notCloudTrail = "not a CloudTrail event (eventTime, eventSource or eventName missing)"

    public static func sniff(head: Data, fileName: String) -> Bool {
        HeadSniff.contains(head, "\"eventSource\"") && HeadSniff.contains(head, "\"eventName\"")
            && (HeadSniff.contains(head, "\"eventTime\"") || HeadSniff.contains(head, "\"awsRegion\""))
    }

    /// Hashes the file while reading it when `file.sha256` is empty (as the collector passes it),
    /// and sets the ledger entry's `sha256` and `size`.
    public static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let carry = ReaderCarry()
        try read(file, context: context, into: builder, ledger: &ledger, carry: carry)
        if let activity = carry.finishRun() { builder.merge(activity) }
    }

    /// The aggregator's memo tables (principals, actions, request shapes, counted values) and its
    /// activity records go from one file to the next (`CarryingReader`): S3 delivers a trail as many
    /// small files naming the same principals, and their activity is handed over once per run
    /// (`ReaderCarry.finishRun`), not once per file.
    static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry,
        carry: ReaderCarry
    ) throws {
        try read(
            file, context: context, into: builder, ledger: &ledger, carry: carry, splitFrom: LineSplit.minimumBytes)
    }

    /// A JSON-lines file of at least `minimum` bytes (`LineSplit`) is read in two parts, the second
    /// on a thread of its own, and the second part's aggregates are folded into the first's as if
    /// read after them.
    static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry,
        carry: ReaderCarry, splitFrom minimum: Int64
    ) throws {
        // Taken out of the carry, so that its tables are not shared (and copied on write); put back
        // only when the file was read to its end.
        var aggregator: CloudTrailAggregator
        if var carried = carry.cloudTrail {
            carry.cloudTrail = nil
            carried.begin(file: file, builder: builder)
            aggregator = carried
        } else {
            aggregator = CloudTrailAggregator(
                file: file, context: context, builder: builder, activity: InventoryBuilder())
        }
        let cut = try LineSplit.offset(of: file, minimum: minimum)
        let second = cut.map { CloudTrailSecondPart(file, from: $0, context: context) }
        defer { second?.wait() }
        let digest = file.sha256.isEmpty ? StreamingDigest() : nil
        var sha256 = file.sha256
        var entry = ledger
        let buffer = StreamBuffer(
            source: try ByteSources.open(file, digest: digest, limit: cut),
            displayName: file.relativePath)
        var stream = JSONRecordStream(buffer: buffer, file: file.relativePath)
        try aggregate(
            &stream, buffer, file, into: &aggregator, entry: &entry, sha256: &sha256, progress: context.progress)
        // With a second part, this hashes its bytes too (`StreamingDigest.finish`) while the other thread reads them.
        sha256 = try StreamingDigest.settle(digest, known: sha256, file, into: &entry)
        aggregator.finishFile(sha256: sha256)
        var times = aggregator.recordTimes
        var withoutPrincipal = aggregator.withoutPrincipal
        if let second {
            var part = try second.result()
            part.aggregator.flush(sha256: sha256)
            part.placed(at: stream.lineAfter, file: file.relativePath)
            // The second part's records continue the first's: those go first.
            aggregator.flushActivity()
            aggregator.activityBuilder.append(laterPartOf: part.aggregator.activityBuilder)
            builder.append(laterPartOf: part.builder)
            entry.append(part.entry)
            times.note(part.aggregator.recordTimes)
            withoutPrincipal += part.aggregator.withoutPrincipal
        }
        times.apply(to: &entry)
        if entry.accepted == 0, entry.rejected > 0,
            entry.rejections.allSatisfy({ $0.reason == notCloudTrail || $0.reason.hasPrefix("malformed JSON") }),
            entry.rejections.contains(where: { $0.reason == notCloudTrail })
        {
            let first = entry.rejections.first { $0.reason == notCloudTrail }!.locators.first ?? file.relativePath
            throw CollectError(
                file: file.relativePath,
                message: "not CloudTrail: no record has eventTime, eventSource and eventName (first at \(first))")
        }
        if withoutPrincipal > 0 {
            entry.notes.append("\(withoutPrincipal) event(s) name no principal: counted for log coverage only")
        }
        ledger = entry
        carry.cloudTrail = aggregator
    }

    /// Aggregates every record of `stream`, accounting for each in `entry`. `sha256` is the file's
    /// digest when known; a file so varied that the aggregator fills up is hashed in a pass of its own.
    static func aggregate(
        _ stream: inout JSONRecordStream, _ buffer: StreamBuffer, _ file: SourceFile,
        into aggregator: inout CloudTrailAggregator, entry: inout LedgerEntry, sha256: inout String,
        progress: IngestProgress?, from offset: Int64 = 0
    ) throws {
        var ticker = ProgressTicker(progress, from: offset)
        // The loop below captures no SourceFile: one captured was copied for every event.
        let url = file.url
        let locate = { (line: Int, index: Int?) in file.ref(line: line, record: index).locator }
        // The elements of `{"Records":[…]}` files are cut by the C walk that reads them.
        let scratch = aggregator.event.walk, memos = aggregator.event.identities
        let walk = { (available: UnsafeRawBufferPointer) in
            CloudTrailScanner.walkElement(available, scratch: scratch, memos: memos)
        }
        try stream.forEachRecord(walking: walk) { bytes, line, index, walked in
            do throws(JSONScanError) {
                if let reason = try aggregator.add(bytes, line: line, index: index, walked: walked) {
                    entry.reject(reason: reason, locator: locate(line, index))
                } else {
                    entry.accept()
                }
            } catch {
                // The fault's own line and column (1-based), counted from the record's first line.
                let position = JSONPositionLocator.position(ofOffset: error.offset, in: bytes)
                let (lines, column) = (position.line, position.column)
                let at =
                    index == nil
                    ? locate(line + lines - 1, nil) + ":\(column)"
                    : locate(line + lines - 1, index)
                        + (lines == 1 ? " (character \(column) of the record)" : " (column \(column))")
                entry.reject(reason: "malformed JSON: \(error.message)", locator: at)
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

extension CloudTrailReader {
    static func looksReadOnly(_ eventName: String) -> Bool {
        ["Get", "List", "Describe", "Head"].contains { eventName.hasPrefix($0) }
    }

    static func isDenied(_ errorCode: String?) -> Bool {
        guard let errorCode else { return false }
        return errorCode.hasPrefix("AccessDenied") || errorCode.hasSuffix("UnauthorizedOperation")
    }

    /// Sorted names, capped at `maxRequestFields` (then `+more`).
    static func requestFields(_ names: [String]?) -> [String] {
        guard let names, !names.isEmpty else { return [] }
        guard names.count > maxRequestFields else { return names }
        return Array(names.prefix(maxRequestFields)) + ["+more"]
    }
}

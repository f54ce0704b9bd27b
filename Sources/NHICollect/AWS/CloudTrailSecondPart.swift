import Foundation
import NHIModel

/// The second part of a JSON-lines file cut by `LineSplit`, read on a thread of its own (not a
/// Dispatch worker: the collector's workers may all be busy, and this one must not wait for them)
/// with its own aggregator, builder and ledger entry, for `CloudTrailReader` to fold in after the first.
///
/// Its lines are counted from its own start: the line it starts on is known once the first part
/// is read (`placed(at:file:)`), and counting the first part's lines here would cost this core a
/// pass over them. A part that fails is read again from its line in the file, so that the error
/// names the line it names when the file is read whole.
final class CloudTrailSecondPart: @unchecked Sendable {
    struct Part {
        var aggregator: CloudTrailAggregator
        var builder: InventoryBuilder
        var entry: LedgerEntry
        /// False while its lines are counted from its own start.
        var linesPlaced: Bool
    }

    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Part, any Error>?
    private var waited = false

    init(_ file: SourceFile, from offset: Int64, context: CollectContext, principals: CloudTrailPrincipalMemo) {
        let thread = Thread { [self] in
            outcome = Result {
                do {
                    return try Self.read(
                        file, from: offset, firstLine: nil, context: context, principals: principals)
                } catch {
                    var quiet = context
                    quiet.progress = nil
                    return try Self.read(
                        file, from: offset, firstLine: try LineSplit.line(at: offset, of: file), context: quiet,
                        principals: principals)
                }
            }
            done.signal()
        }
        thread.start()
    }

    private static func read(
        _ file: SourceFile, from offset: Int64, firstLine: Int?, context: CollectContext,
        principals: CloudTrailPrincipalMemo
    ) throws -> Part {
        let builder = InventoryBuilder()
        var aggregator = CloudTrailAggregator(
            file: file, context: context, principals: principals, builder: builder, activity: InventoryBuilder(),
            ledger: LedgerEntry(file: file.relativePath, format: CloudTrailReader.format, sha256: "", size: 0))
        let buffer = StreamBuffer(
            source: try PlainFileSource(file.url, displayName: file.relativePath, skipping: offset),
            displayName: file.relativePath)
        var stream = JSONRecordStream(lines: buffer, file: file.relativePath, firstLine: firstLine ?? 1)
        // Known only once the first part is read: an early flush here hashes the file itself.
        var sha256 = file.sha256
        try AuditLogAggregation.aggregate(
            &stream, buffer, into: &aggregator, sha256: &sha256, progress: context.progress, from: offset)
        return Part(aggregator: aggregator, builder: builder, entry: aggregator.ledger, linesPlaced: firstLine != nil)
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

extension CloudTrailSecondPart.Part {
    /// Moves the part's lines to where it starts in the file, `line` (after its aggregates were
    /// flushed): its example events and the locators of its rejections, `file:line…`.
    mutating func placed(at line: Int, file: String) {
        guard !linesPlaced else { return }
        linesPlaced = true
        let shift = line - 1
        aggregator.activityBuilder.shiftExampleLines(by: shift)
        let prefix = file + ":"
        for index in entry.rejections.indices {
            entry.rejections[index].locators = entry.rejections[index].locators.map { locator in
                guard locator.hasPrefix(prefix) else { return locator }
                let rest = locator.dropFirst(prefix.count)
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                guard let number = Int(digits) else { return locator }
                return prefix + String(number + shift) + rest.dropFirst(digits.count)
            }
        }
    }
}

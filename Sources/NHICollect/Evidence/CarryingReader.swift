import Foundation
import NHIModel

/// A reader that keeps typed state from one file to the next that one worker reads, so that a
/// run of small files does not build its memo tables afresh for each (`Collector.runs`). Internal:
/// what a reader carries is its own business, never part of the public reader interface.
protocol CarryingReader: EvidenceReader {
    /// Reads a file as `read(_:context:into:ledger:)` does, taking what `carry` kept from the file
    /// read before it (by the same worker, of the same format) and leaving in it what the next may
    /// use. What a file yields must not depend on what `carry` holds.
    static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry,
        carry: ReaderCarry) throws
}

extension CloudTrailReader: CarryingReader {}

extension EvidenceReader {
    /// True when the reader keeps state between files (`CarryingReader`).
    static var carriesAcrossFiles: Bool { self is any CarryingReader.Type }

    /// Reads with `carry` when the reader keeps state between files, else reads the file alone.
    static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry,
        carry: ReaderCarry
    ) throws {
        if let carrying = self as? any CarryingReader.Type {
            try carrying.read(file, context: context, into: builder, ledger: &ledger, carry: carry)
        } else {
            try read(file, context: context, into: builder, ledger: &ledger)
        }
    }
}

/// What the readers keep between consecutive files that one worker reads (see `CarryingReader`).
/// Only one worker uses a carry at a time.
final class ReaderCarry: @unchecked Sendable {
    /// The CloudTrail aggregator of the file before (its memo tables); nil in a new run, or after
    /// a file that failed.
    var cloudTrail: CloudTrailAggregator?
    /// CloudTrail principals resolved so far, shared by the carries of every run of a collection
    /// (on every worker, hence its lock): what a principal's bytes resolve to does not depend on
    /// the file, and an S3 trail's thousands of small files name the same principals.
    let cloudTrailPrincipals: CloudTrailPrincipalMemo

    /// A carry for a new run, sharing `principals` with the collection's other runs.
    init(principals: CloudTrailPrincipalMemo = CloudTrailPrincipalMemo()) { cloudTrailPrincipals = principals }
}

extension Collector {
    /// Reads `files` with `reader` one after the other on the calling thread, in the runs the
    /// collector reads them in and with what the reader carries between files, as `collect` does
    /// on each core; returns their ledger entries. For timing one reader on one core (nhi-bench).
    public static func readOnOneCore(
        _ files: [SourceFile], with reader: any EvidenceReader.Type, context: CollectContext
    ) throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        let principals = CloudTrailPrincipalMemo()
        for run in runs(of: files.map { (size: $0.size, reader: reader) }) {
            let carry = ReaderCarry(principals: principals)
            for file in files[run] {
                var entry = LedgerEntry(
                    file: file.relativePath, format: reader.format, sha256: file.sha256, size: file.size)
                try reader.read(file, context: context, into: InventoryBuilder(), ledger: &entry, carry: carry)
                entries.append(entry)
            }
            _ = carry.finishRun()
        }
        return entries
    }
}

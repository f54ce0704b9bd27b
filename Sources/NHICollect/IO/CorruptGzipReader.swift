import Foundation
import NHIModel

/// Stands for a gzip file whose start cannot be inflated: reading it fails, so the file is a
/// failed file (exit 2, or failed in the ledger with `--keep-going`), not one of unknown format.
/// Never sniffed; the collector chooses it when `FileHead.head` reports a gzip problem.
enum CorruptGzipReader: EvidenceReader {
    static let format = "gzip"
    static let provides: Set<InputKind> = []

    static func sniff(head: Data, fileName: String) -> Bool { false }

    static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        let problem = try FileHead.head(file.url).gzipProblem ?? "corrupt gzip data"
        throw CollectError(file: file.relativePath, message: problem)
    }
}

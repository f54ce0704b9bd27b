import Foundation
import NHIModel

/// Stands for a zip archive whose structure cannot be trusted, or a member whose start cannot be
/// read: reading it fails with why, so it is a failed file (exit 2, or failed in the ledger with
/// `--keep-going`), not one of unknown format. Never sniffed; the survey chooses it.
enum CorruptArchiveReader: EvidenceReader {
    static let format = "zip"
    static let provides: Set<InputKind> = []

    static func sniff(head: Data, fileName: String) -> Bool { false }

    static func read(
        _ file: SourceFile, context: CollectContext, into builder: InventoryBuilder, ledger: inout LedgerEntry
    ) throws {
        guard file.member != nil else {
            _ = try ZipDirectory.read(file.url, displayName: file.relativePath)
            throw CollectError(file: file.relativePath, message: "corrupt zip archive")
        }
        let source = try ByteSources.open(file)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { chunk.deallocate() }
        while try source.read(into: chunk) > 0 {}
        throw CollectError(file: file.relativePath, message: "corrupt zip member")
    }
}

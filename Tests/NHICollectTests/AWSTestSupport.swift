import Foundation
import NHICollect
import NHIModel
import TestSupport

/// Runs one reader on one file, the way the collector does, and returns what it produced.
struct ReadResult {
    var builder: InventoryBuilder
    var ledger: LedgerEntry
}

func readFile(
    _ reader: any EvidenceReader.Type, _ url: URL, scope: Scope = Scope(organisation: "test"),
    environment: String? = nil, account: String? = nil
) throws -> ReadResult {
    let digest = try FileDigest.sha256(of: url)
    let source = SourceFile(
        url: url, relativePath: url.lastPathComponent, sha256: digest.hex, size: digest.size,
        environmentOverride: environment, accountOverride: account)
    let builder = InventoryBuilder()
    var ledger = LedgerEntry(file: source.relativePath, format: reader.format, sha256: digest.hex, size: digest.size)
    try reader.read(source, context: CollectContext(scope: scope), into: builder, ledger: &ledger)
    return ReadResult(builder: builder, ledger: ledger)
}

func awsFixture(_ relative: String) -> URL { Fixtures.own("aws/\(relative)") }

/// An in-memory byte source handing out at most `step` bytes per read (to cross chunk boundaries).
final class MemorySource: ByteSource {
    private let data: [UInt8]
    private let step: Int
    private var position = 0
    init(_ data: [UInt8], step: Int = .max) { self.data = data; self.step = step }
    var storedBytesRead: Int64 { Int64(position) }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, step, data.count - position)
        guard count > 0 else { return 0 }
        buffer.copyBytes(from: data[position..<position + count])
        position += count
        return count
    }
}

/// Copies fixture files into a fresh evidence folder: `[destination: source]`.
func evidenceFolder(_ files: [String: URL], scope: String? = nil) throws -> URL {
    let folder = try Fixtures.temporaryFolder("nhi-aws")
    for (destination, source) in files {
        let target = folder.appendingPathComponent(destination)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: target)
    }
    if let scope { try scope.write(to: folder.appendingPathComponent("scope.yaml"), atomically: true, encoding: .utf8) }
    return folder
}

extension InventoryBuilder {
    func activity(_ identity: String, _ action: String) -> [ActivityRecord] {
        activity.values.filter { $0.identity.rawValue == identity && $0.action == action }
    }
}

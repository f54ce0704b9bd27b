import Crypto
import Foundation
import NHIModel

/// One file of a pack written piece by piece: buffered, and hashed as it is written, so that a
/// large document is never held whole in memory nor read back to be hashed.
final class PackFile {
    let path: String
    private let url: URL
    private let handle: FileHandle
    private var hasher = SHA256()
    private var buffer = Data()
    private var size: Int64 = 0
    /// The first failure of a write made where no error can be thrown (a libxml2 callback).
    private(set) var failure: Error?

    private static let flushSize = 1 << 20

    init(path: String, in folder: URL) throws {
        self.path = path
        url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw PackError.io("\(url.path): cannot create the file")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(Self.flushSize)
    }

    deinit { try? handle.close() }

    func write(_ data: some DataProtocol) throws {
        for region in data.regions {
            try region.withUnsafeBytes { bytes in
                hasher.update(bufferPointer: bytes)
                // A batch as large as the buffer goes to the file from where it is, not through a
                // copy into the buffer (the writers hand over a megabyte at a time).
                if bytes.count >= Self.flushSize {
                    try flush()
                    try writeOut(bytes)
                } else {
                    buffer.append(bytes.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        size += Int64(data.count)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func write(_ text: String) throws { try write(Data(text.utf8)) }

    /// For writers that cannot throw: the failure is kept and thrown by `close`.
    func writeNoThrow(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil else { return false }
        do {
            try write(bytes)
            return true
        } catch {
            failure = error
            return false
        }
    }

    /// Writes what is buffered and closes the file; its entry for the manifest.
    func close() throws -> Manifest.Entry {
        if let failure { throw failure }
        try flush()
        try handle.close()
        return Manifest.Entry(path: path, sha256: Hex.lowercase(hasher.finalize()), size: size)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeOut(_ bytes: some DataProtocol) throws {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw PackError.io("\(url.path): cannot write (\(FileErrorText.reason(error)))")
        }
    }
}

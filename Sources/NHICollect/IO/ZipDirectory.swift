import Foundation

/// The central directory of a zip archive, read in place: where each member's data lies, how it is
/// compressed and how large it says it is. Nothing is extracted; `ZipMemberSource` streams a
/// member from its offset. An archive whose structure cannot be trusted (no end record, a directory
/// outside the file, members whose data overlap: the trick of zip bombs that reuse one compressed
/// stream for many members) throws `CollectError`; a member this reader cannot read (encrypted,
/// zip64, a compression method other than stored and deflate) is listed with why.
public struct ZipDirectory: Sendable {
    public struct Member: Sendable, Hashable {
        public var name: String
        /// 0 stored, 8 deflate.
        public var method: UInt16
        public var crc32: UInt32
        public var compressedSize: Int64
        public var size: Int64
        /// Where the member's compressed bytes start in the archive.
        public var dataOffset: Int64
    }

    /// Members that can be read, in directory order.
    public var members: [Member]
    /// Members that cannot be read, with why.
    public var unsupported: [(name: String, reason: String)]

    static let endSignature: UInt32 = 0x0605_4b50
    static let entrySignature: UInt32 = 0x0201_4b50
    static let localSignature: UInt32 = 0x0403_4b50
    /// Larger central directories are refused rather than held in memory.
    static let maxDirectoryBytes: Int64 = 64 << 20

    /// True when `head` starts like a zip archive (a local header, or the end record of an empty one).
    public static func isZip(_ head: Data) -> Bool {
        head.starts(with: [0x50, 0x4b, 0x03, 0x04]) || head.starts(with: [0x50, 0x4b, 0x05, 0x06])
    }

    public static func read(_ url: URL, displayName: String) throws -> ZipDirectory {
        let file = try RandomAccessFile(url, displayName: displayName)
        func fail(_ message: String) -> CollectError { CollectError(file: displayName, message: message) }
        let tailLength = min(file.size, 22 + 0xFFFF)
        let tail = try file.bytes(at: file.size - tailLength, count: Int(tailLength))
        guard let end = Self.endRecord(in: tail) else {
            throw fail("corrupt zip: no end of central directory record")
        }
        let endOffset = file.size - tailLength + Int64(end)
        let disk = tail.u16(end + 4), directoryDisk = tail.u16(end + 6)
        let count = Int(tail.u16(end + 10)), countHere = Int(tail.u16(end + 8))
        let directorySize = Int64(tail.u32(end + 12)), directoryOffset = Int64(tail.u32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw fail(
                "zip64 archive: not supported (re-create it as a plain zip, or unzip it into the evidence folder)")
        }
        guard disk == 0, directoryDisk == 0, count == countHere else {
            throw fail("multi-part zip archive: not supported")
        }
        guard directoryOffset + directorySize <= endOffset, directorySize <= maxDirectoryBytes else {
            throw fail(
                "corrupt zip: the central directory (byte \(directoryOffset), \(directorySize) bytes) lies outside the archive"
            )
        }
        let directory = try file.bytes(at: directoryOffset, count: Int(directorySize))
        var members: [Member] = []
        var unsupported: [(String, String)] = []
        var position = 0
        for index in 0..<count {
            guard position + 46 <= directory.count, directory.u32(position) == entrySignature else {
                throw fail("corrupt zip: central directory entry \(index + 1) of \(count) is missing or damaged")
            }
            let flags = directory.u16(position + 8), method = directory.u16(position + 10)
            let crc = directory.u32(position + 16)
            let compressed = directory.u32(position + 20), size = directory.u32(position + 24)
            let nameLength = Int(directory.u16(position + 28))
            let skip = nameLength + Int(directory.u16(position + 30)) + Int(directory.u16(position + 32))
            let localOffset = directory.u32(position + 42)
            guard position + 46 + skip <= directory.count else {
                throw fail("corrupt zip: central directory entry \(index + 1) runs past the directory")
            }
            let name = String(decoding: directory[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            position += 46 + skip
            if name.hasSuffix("/") { continue }
            if flags & 0x41 != 0 {
                unsupported.append((name, "encrypted zip member: not read"))
            } else if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                unsupported.append((name, "zip64 member: not supported"))
            } else if method != 0 && method != 8 {
                unsupported.append(
                    (name, "zip member compressed with method \(method): not supported (stored and deflate are)"))
            } else {
                let local = try file.bytes(at: Int64(localOffset), count: 30)
                guard local.count == 30, local.u32(0) == localSignature else {
                    throw fail("corrupt zip: the local header of \"\(name)\" (byte \(localOffset)) is missing")
                }
                let dataOffset = Int64(localOffset) + 30 + Int64(local.u16(26)) + Int64(local.u16(28))
                guard dataOffset + Int64(compressed) <= directoryOffset else {
                    throw fail("corrupt zip: the data of \"\(name)\" runs past the start of the central directory")
                }
                members.append(
                    Member(
                        name: name, method: method, crc32: crc, compressedSize: Int64(compressed), size: Int64(size),
                        dataOffset: dataOffset))
            }
        }
        try Self.checkNoOverlap(members, fail: fail)
        return ZipDirectory(members: members, unsupported: unsupported)
    }

    /// Members must not share compressed bytes: a bomb makes thousands of members out of one stream.
    private static func checkNoOverlap(_ members: [Member], fail: (String) -> CollectError) throws {
        let sorted = members.sorted { $0.dataOffset < $1.dataOffset }
        for (before, after) in zip(sorted, sorted.dropFirst())
        where before.dataOffset + before.compressedSize > after.dataOffset - 30 {
            throw fail(
                "zip members \"\(before.name)\" and \"\(after.name)\" overlap at byte \(after.dataOffset) (a zip bomb's construction): not read"
            )
        }
    }

    /// Offset in `tail` of the end record whose comment runs exactly to the end of the file.
    private static func endRecord(in tail: Data) -> Int? {
        guard tail.count >= 22 else { return nil }
        var offset = tail.count - 22
        while offset >= 0 {
            if tail.u32(offset) == endSignature && offset + 22 + Int(tail.u16(offset + 20)) == tail.count {
                return offset
            }
            offset -= 1
        }
        return nil
    }
}

extension Data {
    /// Little-endian integers at an offset from the start (zip's byte order).
    fileprivate func u16(_ offset: Int) -> UInt16 {
        let base = startIndex + offset
        return UInt16(self[base]) | UInt16(self[base + 1]) << 8
    }

    fileprivate func u32(_ offset: Int) -> UInt32 {
        UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16
    }
}

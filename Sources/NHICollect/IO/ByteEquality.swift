import Foundation

/// Byte equality for the scanners and memo tables: keys and values are short and compared by
/// the million, where a call to `memcmp` costs more than the comparison.
enum ByteEquality {
    /// Eight bytes at a time, then byte by byte, inline.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        var index = 0
        while count - index >= 8 {
            guard a.loadUnaligned(fromByteOffset: index, as: UInt64.self) == b.loadUnaligned(fromByteOffset: index, as: UInt64.self) else { return false }
            index += 8
        }
        while index < count {
            guard a.load(fromByteOffset: index, as: UInt8.self) == b.load(fromByteOffset: index, as: UInt8.self) else { return false }
            index += 1
        }
        return true
    }
}

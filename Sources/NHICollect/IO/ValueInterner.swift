import Foundation

/// Maps byte strings to small integer ids, storing each distinct value once with its String, so
/// a hot path can compare and count values without building and hashing a String per event.
struct ValueInterner {
    private var table: ByteKeyTable
    private(set) var strings: [String] = []
    /// Whether `strings[i]` is ASCII, for each i: known from its bytes as it is added, so that
    /// whoever counts the strings by id need not read them again to tell.
    private(set) var isASCII: [Bool] = []

    init(capacity: Int = 1024) {
        table = ByteKeyTable(capacity: capacity)
    }

    var count: Int { strings.count }

    /// The id of `bytes`, adding it on first sight; nil when the bytes are not valid UTF-8.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        intern(bytes, hash: ByteKeyTable.hash(bytes))
    }

    /// Asks for the table slot of a value with `hash` (`ByteKeyTable.hash` of its bytes) ahead of `intern`.
    @inline(__always)
    func prefetch(_ hash: UInt64) { table.prefetch(hash) }

    /// `intern` with the bytes' hash already taken.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        // Another hash would not find the value: it would be added again under a new id.
        assert(hash == ByteKeyTable.hash(bytes), "intern(_:hash:) given another value's hash")
        let found = table.find(bytes, hash: hash)
        if found >= 0 { return found }
        return add(bytes, hash: hash)
    }

    mutating func intern(_ text: String) -> Int32 {
        var copy = text
        return copy.withUTF8 { intern($0) }!
    }

    private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        let text: String
        let ascii = JSONCursor.isASCII(bytes)
        if ascii {
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            guard let valid = String(validating: bytes, as: UTF8.self) else { return nil }
            text = valid
        }
        strings.append(text)
        isASCII.append(ascii)
        return table.insert(bytes, hash: hash)
    }
}

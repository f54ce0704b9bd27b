/// Whole-text checks of UTF-8 eight bytes at a time: most texts of a pack are short printable
/// ASCII, checked before every sanitising, trimming and escaping step, and a byte-by-byte
/// `allSatisfy` over `String.UTF8View` was a measurable share of rendering (perf). A word that
/// might hold a byte out of range is checked again byte by byte, so the answer is always that of
/// the byte test (`ASCIIScanTests` holds both to it).
enum ASCIIScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Every byte is ASCII, and none is a control character but tab, line feed and carriage return.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        allBytes(bytes, isPlainByte) { word in
            // A high bit, or a byte below 0x20 (its borrow sets its high bit: Bit Twiddling
            // Hacks' "hasless"; a borrow reaches a higher byte only past a byte that is itself below).
            (word | (word &- 0x20 &* ones) & ~word) & highBits == 0
        }
    }

    /// Every byte is printable ASCII, space to tilde.
    static func isPrintable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        allBytes(bytes, isPrintableByte) { word in
            // Below 0x20 as above; 0x7F and up: adding 1 sets the high bit of 0x7F, a carry
            // leaves only 0xFF, whose high bit is set already.
            ((word &- 0x20 &* ones) & ~word | (word &+ ones) | word) & highBits == 0
        }
    }

    /// Whether some byte of `word` is below `limit` (at most 0x80).
    @inline(__always)
    static func hasByte(_ word: UInt64, below limit: UInt8) -> Bool {
        (word &- UInt64(limit) &* ones) & ~word & highBits != 0
    }

    /// Whether some byte of `word` is `value` (a byte below 1 in `word ^ value…`).
    @inline(__always)
    static func hasByte(_ word: UInt64, equalTo value: UInt8) -> Bool {
        hasByte(word ^ UInt64(value) &* ones, below: 1)
    }

    static func isPlainByte(_ byte: UInt8) -> Bool {
        byte < 0x80 && (byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D)
    }

    static func isPrintableByte(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    /// Whether `test` holds for every byte; `wordPasses` may say a word of eight bytes all pass.
    @inline(__always)
    static func allBytes(
        _ bytes: UnsafeBufferPointer<UInt8>, _ test: (UInt8) -> Bool, wordPasses: (UInt64) -> Bool
    ) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if !wordPasses(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                for offset in index..<(index + 8) where !test(bytes[offset]) { return false }
            }
            index += 8
        }
        while index < bytes.count {
            if !test(bytes[index]) { return false }
            index += 1
        }
        return true
    }

    /// The eight bytes at `index` as one word, or nil where fewer than eight are left: the
    /// escapers pass a word none of whose bytes needs anything at once.
    @inline(__always)
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64? {
        guard index + 8 <= bytes.count, let base = bytes.baseAddress else { return nil }
        return UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
    }

    /// A string's UTF-8 in place: no copy of the string (and no retain) unless it is not native.
    @inline(__always)
    static func withUTF8(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) == nil {
            var text = text
            text.withUTF8(body)
        }
    }
}

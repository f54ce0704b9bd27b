import Testing
import TestSupport

@testable import NHIPack

/// The word-at-a-time checks (`ASCIIScan`) must answer as the byte-by-byte test does for every
/// text: each byte value at every offset of texts of 0 to 64 bytes (so in every lane of a word and
/// in the tail), and random texts mixing printable, control and non-ASCII bytes.
@Suite struct ASCIIScanTests {
    static func plain(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 < 0x80 && ($0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
    }

    static func printable(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

    static func expectSame(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        bytes.withUnsafeBufferPointer { buffer in
            #expect(ASCIIScan.isPlain(buffer) == plain(bytes), "\(bytes)", sourceLocation: sourceLocation)
            #expect(ASCIIScan.isPrintable(buffer) == printable(bytes), "\(bytes)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyByteAtEveryOffset() {
        for length in 0...64 {
            let text = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            Self.expectSame(text)
            for offset in 0..<length {
                for value in 0...255 {
                    var bytes = text
                    bytes[offset] = UInt8(value)
                    Self.expectSame(bytes)
                }
            }
        }
    }

    /// Bytes that borrow or carry into their neighbours (0x00, 0x1F, 0xFF) beside bytes at the
    /// edges of each range, in every pair of offsets of a word and its neighbours.
    @Test func edgeBytesInPairs() {
        let edges: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xBF, 0xC3, 0xFE, 0xFF]
        for length in [8, 9, 16, 17, 24] {
            for first in 0..<length {
                for second in first..<length {
                    for a in edges {
                        for b in edges {
                            var bytes = [UInt8](repeating: UInt8(ascii: "m"), count: length)
                            bytes[first] = a
                            bytes[second] = b
                            Self.expectSame(bytes)
                        }
                    }
                }
            }
        }
    }

    @Test func randomTexts() {
        var random = SeedMutator(seed: 0x6173_6369_69)
        let rare: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...80, using: &random)
            let bytes = (0..<length).map { _ -> UInt8 in
                let isRare = Int.random(in: 0..<40, using: &random) == 0
                guard isRare else { return UInt8.random(in: 0x20...0x7E, using: &random) }
                return rare[Int.random(in: 0..<rare.count, using: &random)]
            }
            Self.expectSame(bytes)
        }
    }

    /// The word tests the XML writer builds on: each byte value in each lane of a word of plain
    /// bytes, and random words.
    @Test func wordHasByteBelowOrEqualTo() {
        func lanes(_ word: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        func check(_ word: UInt64) {
            for limit: UInt8 in [1, 0x20, 0x21, 0x40, 0x80] {
                #expect(ASCIIScan.hasByte(word, below: limit) == lanes(word).contains { $0 < limit }, "\(word)")
            }
            for value: UInt8 in [0x00, 0x22, 0x26, 0x3C, 0x3E, 0x7F, 0x80, 0xEF, 0xFF] {
                #expect(ASCIIScan.hasByte(word, equalTo: value) == lanes(word).contains(value), "\(word)")
            }
        }
        let plain: UInt64 = 0x6D6D_6D6D_6D6D_6D6D
        for lane in 0..<8 {
            for value in 0...255 {
                let shift = UInt64(8 * lane)
                check(plain & ~(0xFF << shift) | UInt64(value) << shift)
            }
        }
        var random = SeedMutator(seed: 0x776F_7264)
        let edges: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x26, 0x3C, 0x3E, 0x6D, 0x7F, 0x80, 0xEF, 0xFF]
        for _ in 0..<20_000 {
            check(UInt64.random(in: 0...UInt64.max, using: &random))
            check((0..<8).reduce(0) { word, _ in word << 8 | UInt64(edges.randomElement(using: &random)!) })
        }
    }

    /// The string checks built on them, for strings stored inline (up to 15 bytes) and on the heap.
    @Test func sanitizerChecksOfStrings() {
        for text in ["", "a", " a", "a ", "a\tb", "é", "exactly fifteen", "sixteen  bytes!!", "a long line of text\n"] {
            let bytes = Array(text.utf8)
            #expect(TextSanitizer.isPlainASCII(text) == Self.plain(bytes))
            #expect(
                TextSanitizer.isOneTrimmedLine(text)
                    == (bytes.first != 0x20 && bytes.last != 0x20 && Self.printable(bytes)))
        }
    }
}

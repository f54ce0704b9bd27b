@testable import NHICollect
import Testing

/// `JSONCursor.isASCII`, which reads words and overlapping halves instead of bytes: one high byte
/// anywhere, in values of every length up to several words, is found.
@Suite struct JSONIsASCIITests {
    @Test func findsAHighByteWhereverItLies() {
        for count in 0...40 {
            let plain = (0..<count).map { UInt8(0x20 + $0 % 0x5F) }
            // In a block of exactly its size, so that a read past the end is an ASan report.
            #expect(
                withExactBytes(plain) { JSONCursor.isASCII($0.assumingMemoryBound(to: UInt8.self)) },
                "\(count) plain bytes")
            for position in 0..<count {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = plain
                    bytes[position] = high
                    #expect(
                        !withExactBytes(bytes) { JSONCursor.isASCII($0.assumingMemoryBound(to: UInt8.self)) },
                        "\(high) at \(position) of \(count)")
                }
            }
        }
    }
}

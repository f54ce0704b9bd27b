import Foundation
import Testing
@testable import NHICollect

/// `ShortBytes` against `memcmp` and `memcpy`, at every length the inline paths take (and past
/// them), with a difference at every position.
struct ShortBytesTests {
    @Test func equalAgreesWithMemcmpAtEveryLengthAndDifference() {
        var generator = SystemRandomNumberGenerator()
        for count in 0...40 {
            // Room after the bytes compared, which must not be read as part of them.
            let a = (0..<count + 8).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var b = a
            for index in count..<count + 8 { b[index] = ~a[index] }
            #expect(ShortBytes.equal(a, b, count: count), "equal bytes of length \(count)")
            for position in 0..<count {
                var c = b
                c[position] ^= 1 << UInt8(position % 8)
                #expect(!ShortBytes.equal(a, c, count: count), "a difference at \(position) of \(count)")
                #expect((memcmp(a, c, count) == 0) == ShortBytes.equal(a, c, count: count))
            }
        }
    }

    @Test func copyWritesExactlyTheBytesGiven() {
        for count in 0...40 {
            let source = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            // Guard bytes on both sides show a write outside the target.
            var target = [UInt8](repeating: 0xEE, count: count + 16)
            source.withUnsafeBytes { from in
                target.withUnsafeMutableBytes { to in
                    ShortBytes.copy(
                        from.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, to: to.baseAddress! + 8, count: count)
                }
            }
            #expect(Array(target[8..<8 + count]) == source, "the bytes copied, length \(count)")
            #expect(
                target[0..<8].allSatisfy { $0 == 0xEE } && target[(8 + count)...].allSatisfy { $0 == 0xEE },
                "nothing else written, length \(count)")
        }
    }
}

import TestSupport
import Testing

@testable import NHIPack

/// Numbers are written as digits straight into the output bytes: held to `String(value)` on the
/// edges (each power of ten and the one before it, both signs, `Int.min`, `Int.max`) and at random.
@Suite struct DecimalTextTests {
    static func written(_ value: Int) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "x")]
        DecimalText.append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func digitsAreStringOfTheValue() {
        var edges = [0, Int.min, Int.max, Int.min + 1, Int.max - 1]
        var power = 1
        for _ in 0..<18 {
            edges += [power, power - 1, power + 1, -power, -(power - 1)]
            power *= 10
        }
        var random = SeedMutator(seed: 0x6469_6769_7473)
        let values =
            edges
            + (0..<2_000).map { _ in
                Int.random(in: Int.min...Int.max, using: &random) >> Int.random(in: 0..<64, using: &random)
            }
        for value in values {
            #expect(Self.written(value) == "x" + String(value))
        }
    }
}

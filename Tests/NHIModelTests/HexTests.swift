import NHIModel
import Testing

@Suite struct HexTests {
    @Test func writesEveryByteAsTwoLowercaseDigits() {
        #expect(Hex.lowercase([UInt8]()) == "")
        #expect(Hex.lowercase([0x00, 0x0F, 0x10, 0xA5, 0xFF]) == "000f10a5ff")
        // Every byte value, against String(_:radix:) padded to two digits.
        let all = (0...255).map { UInt8($0) }
        #expect(
            Hex.lowercase(all)
                == all.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
                .joined())
    }
}

import Testing

@testable import NHIPack

/// `ReportText.clean` passes plain ASCII after one scan: held to the two steps it stands for on
/// every piece at every offset.
@Suite struct ReportTextTests {
    @Test func cleanIsXMLSafeThenBidiVisible() {
        let plain = "abcdefghijklmnopqrstuvwxyz0123456789"
        for piece in CompactJSONTests.pieces {
            for offset in 0...plain.utf8.count {
                let index = plain.index(plain.startIndex, offsetBy: offset)
                let text = String(plain[..<index]) + piece + String(plain[index...])
                #expect(ReportText.clean(text) == TextSanitizer.bidiVisible(TextSanitizer.xmlSafe(text)))
            }
        }
    }
}

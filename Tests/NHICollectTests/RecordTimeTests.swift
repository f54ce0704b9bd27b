import Foundation
@testable import NHICollect
import NHIModel
import Testing

@Suite struct RecordTimeTests {
    @Test func fastPathAgreesWithFoundation() {
        var samples = [
            "2026-10-02T10:00:00Z", "2026-10-02T10:00:00.123456Z", "2024-02-29T23:59:59.5Z", "1999-12-31T00:00:00Z",
            "2000-03-01T12:34:56.000001Z", "2026-02-29T10:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z",
            "2026-10-02T24:00:00Z", "2026-10-02T10:00:00+02:00", "2026-10-02T10:00:00", "2026-10-02T10:00:00.Z",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let seconds = Double(Int.random(in: 0..<4_102_444_800, using: &generator))
            samples.append(ISO8601.string(from: Date(timeIntervalSince1970: seconds)))
        }
        for sample in samples {
            let fast = TimestampParser.parse(sample)
            let reference = ISO8601.parse(sample)
            #expect((fast == nil) == (reference == nil), "\(sample)")
            if let fast, let reference {
                #expect(abs(fast.timeIntervalSince1970 - reference.timeIntervalSince1970) < 0.001, "\(sample)")
            }
        }
    }

    @Test func epochSecondsAndMilliseconds() {
        #expect(RecordTime.parse("1759395600000") == Date(timeIntervalSince1970: 1_759_395_600))
        #expect(RecordTime.parse("1759395600") == Date(timeIntervalSince1970: 1_759_395_600))
        #expect(RecordTime.parse("soon") == nil)
    }

    /// `isNumeral` reads ASCII text by its bytes; it must answer what the characters answer,
    /// for other scripts' digits, fractions, combining marks and CR LF too.
    @Test func numeralAgreesWithTheCharacterTest() {
        let parts = ["0", "7", "9", ".", "-", "T", "Z", " ", "x", "\u{663}", "½", "é", "\u{301}", "\r\n", "١٢"]
        var random = SplitMix64(seed: 42)
        for _ in 0..<5_000 {
            let text = (0..<Int(random.next() % 8)).map { _ in parts[Int(random.next() % UInt64(parts.count))] }
                .joined()
            let reference = text.allSatisfy { $0.isNumber || $0 == "." }
            #expect(RecordTime.isNumeral(text) == reference, "\(text.debugDescription)")
        }
    }
}

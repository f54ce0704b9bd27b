import Foundation
import NHIModel
import Testing

@Suite struct ISO8601Tests {
    @Test(arguments: [
        ("2026-10-01T12:00:00Z", 1_790_856_000.0),
        ("2026-10-01T12:00:00.250Z", 1_790_856_000.25),
        ("2026-10-01T14:00:00+02:00", 1_790_856_000.0),
        ("2026-10-01 12:00:00", 1_790_856_000.0),
        ("2026-10-01T12:00Z", 1_790_856_000.0),
        ("2026-10-01", 1_790_812_800.0),
    ])
    func parsesTheFormsExportsUse(text: String, epoch: Double) throws {
        let date = try #require(ISO8601.parse(text))
        #expect(abs(date.timeIntervalSince1970 - epoch) < 0.001)
    }

    @Test(arguments: ["", "yesterday", "2026-13-45T00:00:00Z", "12:00"])
    func rejectsNonDates(text: String) {
        #expect(ISO8601.parse(text) == nil)
    }

    @Test func formatsUTCWithSeconds() {
        #expect(ISO8601.string(from: Date(timeIntervalSince1970: 1_790_856_000)) == "2026-10-01T12:00:00Z")
    }
}

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

    /// Whole seconds are written from the calendar fields; every time must read as Foundation's
    /// ISO 8601 format style writes it, at the edges of the fast range and beyond it.
    @Test func formatsAsFoundationsFormatStyle() {
        let style = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
        var generator = SystemRandomNumberGenerator()
        let edges: [Double] = [
            0, 59, 86_399, 951_782_400, 1_709_164_800, 1_790_856_000.5, 253_402_300_799, 253_402_300_800, -1,
        ]
        let random = (0..<2_000).map { _ in Double(Int.random(in: 0..<253_402_300_800, using: &generator)) }
        for seconds in edges + random {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ISO8601.string(from: date) == date.formatted(style), "\(seconds)")
        }
    }
}

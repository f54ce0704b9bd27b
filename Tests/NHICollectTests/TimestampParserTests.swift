import Foundation
import NHIModel
@testable import NHICollect
import Testing

/// `TimestampParser.fastParse`, read for every CloudTrail event, against a plain reference (each
/// field digit by digit, as it was written first) and against Foundation's ISO 8601 parser.
@Suite struct TimestampParserTests {
    /// The reference: the same form and checks, written for clarity, with Foundation's calendar
    /// doing the date arithmetic.
    static func reference(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"),
            bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte) - 48
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard (1...12).contains(month), hour < 24, minute < 60, second < 61, day >= 1,
            let first = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
            let days = calendar.range(of: .day, in: .month, for: first), days.contains(day)
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            guard bytes[19] == UInt8(ascii: "."), bytes.count > 21, bytes.count <= 39,
                let value = number(20..<(bytes.count - 1))
            else { return nil }
            fraction = Double(value) / pow(10, Double(bytes.count - 21))
        }
        let minuteStart = calendar.date(
            from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))
        return minuteStart.map { $0.addingTimeInterval(Double(second) + fraction) }
    }

    static func fast(_ text: String) -> Date? {
        var copy = text
        return copy.withUTF8 { TimestampParser.fastParse($0) }
    }

    /// Both nil, or the same time to 0.1 ms (the fraction is added in another order, and a Date
    /// three centuries from 2001 holds microseconds only roughly).
    /// Foundation's Gregorian calendar turns Julian before 1582, the parsers do not: for those
    /// years only whether a time is read is compared.
    static func agree(_ text: String) -> Bool {
        let fast = fast(text), reference = reference(text)
        guard let fast, let reference else { return fast == nil && reference == nil }
        if let year = Int(text.prefix(4)), year < 1600 { return true }
        return abs(fast.timeIntervalSince1970 - reference.timeIntervalSince1970) < 1e-4
    }

    static func randomTimestamp(_ random: inout SplitMix64) -> String {
        let year = 1600 + Int(random.next() % 550), month = 1 + Int(random.next() % 12),
            day = 1 + Int(random.next() % 31)
        let hour = Int(random.next() % 24), minute = Int(random.next() % 60), second = Int(random.next() % 60)
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second)
        if random.next() % 3 == 0 {
            text += "." + (0..<(1 + Int(random.next() % 9))).map { _ in String(random.next() % 10) }.joined()
        }
        return text + "Z"
    }

    /// Valid and invalid dates (day 31 of every month, 29 February of every kind of year), with and
    /// without fractions: the same answer as the reference, and as ISO 8601 where both read one.
    @Test func agreesWithTheReferenceOnRandomTimestamps() {
        var random = SplitMix64(seed: 20)
        for _ in 0..<5_000 {
            let text = Self.randomTimestamp(&random)
            #expect(Self.agree(text), "\(text)")
            if let fast = Self.fast(text), !text.contains(".") { #expect(fast == ISO8601.parse(text), "\(text)") }
        }
    }

    /// Every byte of a timestamp replaced by characters that break the form or change a digit.
    @Test func agreesWithTheReferenceOnEveryOneByteChange() {
        var random = SplitMix64(seed: 21)
        let replacements = Array("0189:/-TZ.a ".utf8) + [0x2F, 0x3A, 0xC3, 0x00]
        for _ in 0..<200 {
            let bytes = Array(Self.randomTimestamp(&random).utf8)
            for index in bytes.indices {
                for replacement in replacements {
                    var changed = bytes
                    changed[index] = replacement
                    let text = String(decoding: changed, as: UTF8.self)
                    #expect(Self.agree(text), "\(text)")
                }
            }
        }
    }

    @Test func readsLeapDaysAndTimesAroundTheEpoch() {
        #expect(Self.fast("2024-02-29T00:00:00Z") != nil && Self.fast("2023-02-29T00:00:00Z") == nil)
        #expect(Self.fast("2000-02-29T00:00:00Z") != nil && Self.fast("1900-02-29T00:00:00Z") == nil)
        #expect(Self.fast("1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
        #expect(Self.fast("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
    }

    /// Plain dates (`YYYY-MM-DD`) read by the fast parser as midnight UTC: the same date as
    /// `ISO8601.parse` reads; where the fast parser reads none (day 31 of short months, 29 February,
    /// month 13, other lengths and separators), `parse` still answers what `ISO8601.parse` answers.
    @Test func plainDatesAgreeWithISO8601() {
        var random = SplitMix64(seed: 21)
        var read = 0
        for _ in 0..<3_000 {
            let year = 1600 + Int(random.next() % 550), month = Int(random.next() % 14), day = Int(random.next() % 33)
            var text = String(format: "%04d-%02d-%02d", year, month, day)
            if random.next() % 8 == 0 { text = text.replacingOccurrences(of: "-", with: "/") }
            if random.next() % 8 == 0 { text.removeLast() }
            var copy = text
            let reference = ISO8601.parse(text)
            if let quick = copy.withUTF8({ TimestampParser.fastParseDate($0) }) {
                #expect(quick == reference, "\(text)")
                read += 1
            }
            #expect(TimestampParser.parse(text) == reference, "\(text)")
        }
        #expect(read > 1_000)
    }

    /// Whole seconds at `+00:00` read by the fast parser: the same time as `ISO8601.parse` reads
    /// (a leap second too, as the next minute); where it reads none (impossible days and times,
    /// other offsets, fractions, other lengths), `parse` still answers what `ISO8601.parse` answers.
    @Test func zeroOffsetTimesAgreeWithISO8601() {
        var random = SplitMix64(seed: 25)
        var read = 0
        for _ in 0..<3_000 {
            let year = 1600 + Int(random.next() % 550), month = Int(random.next() % 14), day = Int(random.next() % 33)
            let hour = Int(random.next() % 25), minute = Int(random.next() % 61), second = Int(random.next() % 62)
            var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d+00:00", year, month, day, hour, minute, second)
            switch random.next() % 10 {
            case 0: text = text.replacingOccurrences(of: "+00:00", with: "+01:00")
            case 1: text = text.replacingOccurrences(of: "+00:00", with: "-00:00")
            case 2: text = text.replacingOccurrences(of: "+00:00", with: ".5+00:00")
            case 3: text.removeLast()
            default: break
            }
            var copy = text
            let reference = ISO8601.parse(text)
            if let quick = copy.withUTF8({ TimestampParser.fastParseZeroOffset($0) }) {
                #expect(quick == reference, "\(text)")
                read += 1
            }
            #expect(TimestampParser.parse(text) == reference, "\(text)")
        }
        #expect(read > 900)
        #expect(TimestampParser.parse("2024-05-14T08:55:02+00:00") == TimestampParser.parse("2024-05-14T08:55:02Z"))
        let leap = "2016-12-31T23:59:60+00:00"
        #expect(TimestampParser.parse(leap) == ISO8601.parse(leap) && ISO8601.parse(leap) != nil)
    }
}

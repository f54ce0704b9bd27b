import Foundation
import NHICollect
import Testing

/// CSVTable is hand-written (exports need the line each record starts on, which the CSV packages
/// in the mirror do not report), so it is checked by round trips and random mutations.
@Suite struct CSVTableFuzzTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [String] = ["a", "b", "Z", "0", " ", ",", "\"", "\n", "\r\n", "é", "😀", "\t", ";"]

    private func randomField(_ generator: inout Generator) -> String {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in Self.alphabet.randomElement(using: &generator)! }
            .joined()
    }

    private func encode(_ field: String) -> String {
        field.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) || field.hasPrefix(" ")
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    @Test func randomTablesSurviveARoundTrip() throws {
        var generator = Generator(state: 42)
        for _ in 0..<300 {
            let columns = Int.random(in: 1...4, using: &generator)
            let header = (0..<columns).map { "c\($0)" }
            var rows: [[String]] = []
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                var row = (0..<columns).map { _ in randomField(&generator) }
                // A record of one empty field is a blank line, which CSV cannot tell from nothing.
                if row.allSatisfy(\.isEmpty) { row[0] = "x" }
                rows.append(row)
            }
            let newline = Bool.random(using: &generator) ? "\n" : "\r\n"
            let text =
                ([header] + rows).map { $0.map(encode).joined(separator: ",") }.joined(separator: newline) + newline
            let table = try CSVTable(data: Data(text.utf8), file: "fuzz.csv")
            #expect(table.header == header)
            #expect(table.rows.map(\.fields) == rows, "round trip of \(text.debugDescription)")
        }
    }

    @Test func randomMutationsNeverCrashAndKeepLinesOrdered() {
        var generator = Generator(state: 7)
        let valid = "id,owner,note\n1,alice,\"a, b\"\n2,bob,\"multi\nline\"\n3,carol,plain\n"
        for _ in 0..<2_000 {
            var bytes = Array(valid.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0...2, using: &generator) {
                case 0:
                    bytes[index] = [UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "\n"), 0xFF, 0x00]
                        .randomElement(using: &generator)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8(ascii: "\""), at: index)
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "a")] }
            }
            if let table = try? CSVTable(data: Data(bytes), file: "m.csv") {
                let lines = table.rows.map(\.line)
                #expect(lines == lines.sorted() && lines.allSatisfy { $0 >= 2 })
            }
        }
    }
}

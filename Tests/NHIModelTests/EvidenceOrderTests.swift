import NHIModel
import Testing
import TestSupport

/// `EvidenceRef`'s order compares its fields in place; it must be the order of the tuple
/// (file, line ?? 0, record ?? 0, pointer ?? "").
@Suite struct EvidenceOrderTests {
    @Test func orderIsTheTuplesOrder() {
        var random = SeededRandom(state: 26)
        // é composed and decomposed are one file name, as String comparison has it.
        let files = ["a.json", "b.csv", "caf\u{E9}.csv", "cafe\u{301}.csv", ""]
        let numbers: [Int?] = [nil, 0, 1, 2, -1]
        let pointers: [String?] = [nil, "", "/Records/0", "/Records/1"]
        func make() -> EvidenceRef {
            EvidenceRef(
                file: random.pick(files), sha256: "00", line: random.pick(numbers), record: random.pick(numbers),
                pointer: random.pick(pointers)
            )
        }
        for _ in 0..<20_000 {
            let lhs = make(), rhs = make()
            let expected =
                (lhs.file, lhs.line ?? 0, lhs.record ?? 0, lhs.pointer ?? "")
                < (rhs.file, rhs.line ?? 0, rhs.record ?? 0, rhs.pointer ?? "")
            #expect((lhs < rhs) == expected, "\(lhs) < \(rhs)")
        }
    }
}

import CJSONScan
import Testing

/// `nhi_json_string_stop` (C, SSE2 / NEON) against a byte-at-a-time reference: every start and
/// end offset of random buffers dense in quotes, backslashes, control and high bytes.
@Suite struct JSONStringStopTests {
    static func reference(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        (start..<end).first { bytes[$0] == 0x22 || bytes[$0] == 0x5C || bytes[$0] < 0x20 } ?? end
    }

    @Test func findsTheFirstStopWhereverItLies() {
        var random = SplitMix64(seed: 3)
        let alphabet: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x21, 0x7F, 0x80, 0xC3, 0xFF] + Array(0x41...0x5A)
        for round in 0..<300 {
            let count = Int(random.next() % 80)
            // Sparse stops in most rounds, so that long plain runs cross the 16-byte steps.
            let plain = round % 3 != 0
            let bytes = (0..<count).map { _ in
                plain && random.next() % 40 != 0
                    ? UInt8(0x61 + random.next() % 26) : alphabet[Int(random.next() % UInt64(alphabet.count))]
            }
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for start in 0...count {
                    for end in Array(stride(from: start, through: count, by: 7)) + [count] {
                        let found = nhi_json_string_stop(base + start, base + end) - base
                        #expect(
                            found == Self.reference(bytes, from: start, to: end),
                            "start \(start) end \(end) in \(bytes)")
                    }
                }
            }
        }
    }
}

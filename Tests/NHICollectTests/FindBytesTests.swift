import CJSONScan
import Foundation
import NHICollect
import Testing

/// `nhi_find_bytes` (C, SSE2), the search the AWS sniffers run over every file's head, against a
/// naive search: every start and end offset of random buffers over a small alphabet (so that the
/// probed bytes often match where the needle does not), needles of 1 to 20 bytes; over a second
/// alphabet of bytes of every rarity, so that the two probes fall anywhere in the needle. And
/// `nhi_find_int32`, the audit counters' search.
@Suite struct FindBytesTests {
    static func reference(_ bytes: [UInt8], from start: Int, to end: Int, _ needle: [UInt8]) -> Int? {
        guard end - start >= needle.count else { return needle.isEmpty ? start : nil }
        return (start...(end - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle }
    }

    @Test(arguments: ["\"ab:e", "\"aBw:U9"])
    func findsTheFirstOccurrenceWhereverItLies(letters: String) {
        var random = SplitMix64(seed: 9)
        let alphabet: [UInt8] = Array(letters.utf8)
        for _ in 0..<200 {
            let count = Int(random.next() % 70)
            let bytes = (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let length = Int(random.next() % 20) + (random.next() % 8 == 0 ? 0 : 1)
            // Most needles taken from the buffer, so that they are found.
            var needle = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            if count >= length, random.next() % 2 == 0 {
                let at = Int(random.next() % UInt64(count - length + 1))
                needle = Array(bytes[at..<(at + length)])
            }
            // In a block of exactly its size, so that AddressSanitizer catches a read past the end.
            let block = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
            defer { block.deallocate() }
            block.initialize(from: bytes, count: count)
            needle.withUnsafeBufferPointer { pattern in
                let start = pattern.baseAddress ?? UnsafePointer(block)
                for from in 0...count {
                    for to in Array(stride(from: from, through: count, by: 5)) + [count] {
                        let found = nhi_find_bytes(block + from, block + to, start, pattern.count).map {
                            UnsafePointer($0) - UnsafePointer(block)
                        }
                        #expect(
                            found == Self.reference(bytes, from: from, to: to, needle),
                            "\(needle) in \(bytes)[\(from)..<\(to)]")
                    }
                }
            }
        }
    }

    /// `nhi_find_int32`, the counters' search, against `firstIndex(of:)`: every count from 0 to 20
    /// (the SSE2 blocks of four and the tail), ids absent, present once or repeated.
    @Test func findsTheFirstEqualInt32() {
        var random = SplitMix64(seed: 11)
        for count in 0...20 {
            for _ in 0..<50 {
                let values = (0..<count).map { _ in Int32(random.next() % 12) - 1 }
                let block = UnsafeMutablePointer<Int32>.allocate(capacity: max(count, 1))
                defer { block.deallocate() }
                block.initialize(from: values, count: count)
                for id: Int32 in -1...11 {
                    let found = nhi_find_int32(block, count, id)
                    #expect(found == (values.firstIndex(of: id) ?? -1), "\(id) in \(values)")
                }
            }
        }
    }

    @Test func headSniffSearchesTheWholeHead() {
        let head = Data((String(repeating: "\"x\":1,", count: 2000) + "\"eventSource\"").utf8)
        #expect(HeadSniff.contains(head, "\"eventSource\"") && !HeadSniff.contains(head, "\"eventName\""))
    }

    /// `HeadSniff.contains(_:_:after:)` and the authorization-details sniffer built on it against
    /// plain searches for each whole key, on heads of random fragments: whole keys, their parts,
    /// and decoys (the lists' common end after other text) before, between and after them.
    @Test func oneSearchForTheListsCommonEndFindsEachList() {
        var random = SplitMix64(seed: 21)
        let fragments = [
            "\"User", "\"Group", "\"Role", "DetailList\"", "\"UserDetailList\"", "\"GroupDetailList\"",
            "\"RoleDetailList\"", "\"Policies\"", "\"PolicyVersionList\"", "xDetailList\"", "\"Use", "r", "{", ":",
            " ", "\"eventSource\"", "DetailList", "\"",
        ]
        let keys = ["\"UserDetailList\"", "\"GroupDetailList\"", "\"RoleDetailList\""]
        func plain(_ head: Data, _ needle: String) -> Bool { head.range(of: Data(needle.utf8)) != nil }
        var found = 0
        for _ in 0..<3000 {
            let count = Int(random.next() % 12)
            let text = (0..<count).map { _ in fragments[Int(random.next() % UInt64(fragments.count))] }.joined()
            let head = Data(text.utf8)
            let expected = keys.contains { plain(head, $0) }
            #expect(
                HeadSniff.contains(head, "DetailList\"", after: ["\"User", "\"Group", "\"Role"]) == expected, "\(text)")
            let sniffed = expected || (plain(head, "\"Policies\"") && plain(head, "\"PolicyVersionList\""))
            #expect(AuthorizationDetailsReader.sniff(head: head, fileName: "x.json") == sniffed, "\(text)")
            if expected { found += 1 }
        }
        #expect(found > 300 && found < 2700)
    }
}

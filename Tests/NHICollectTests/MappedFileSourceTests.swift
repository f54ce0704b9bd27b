import Foundation
@testable import NHICollect
import Testing
import TestSupport

/// Files of `MappedFileSource.minimumSize` or more are scanned through a sliding mapping instead
/// of being read: the records, their line numbers and the file's digest must be exactly those of
/// the copying path, with records straddling every window boundary.
@Suite struct MappedFileSourceTests {
    /// About 20 MB of JSON lines of varied lengths (so that records straddle the 8 MB windows).
    static func bigFile() throws -> (url: URL, lines: [String]) {
        var random = SplitMix64(seed: 9)
        var lines: [String] = []
        var size = 0
        while size < 20 << 20 {
            let line = "{\"n\":\(lines.count),\"pad\":\"\(String(repeating: "x", count: Int(random.next() % 3000)))\"}"
            lines.append(line)
            size += line.utf8.count + 1
        }
        let url = try Fixtures.temporaryFolder().appendingPathComponent("big.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return (url, lines)
    }

    @Test func linesAndDigestAreThoseOfTheCopyingPath() throws {
        let (url, lines) = try Self.bigFile()
        let digest = StreamingDigest()
        let source = try ByteSources.open(url, displayName: "big.jsonl", digest: digest)
        #expect(source is MappedFileSource)
        var reader = LineReader(buffer: StreamBuffer(source: source, displayName: "big.jsonl"))
        var seen = 0
        try reader.forEachLine { bytes, number in
            #expect(String(decoding: bytes, as: UTF8.self) == lines[number - 1])
            seen += 1
        }
        #expect(seen == lines.count)
        let whole = try digest.finish(url, displayName: "big.jsonl")
        let copied = try PlainFileSource(url, displayName: "big.jsonl")
        let reference = StreamingDigest()
        copied.digest = reference
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { chunk.deallocate() }
        while try copied.read(into: chunk) > 0 {}
        #expect(whole.hex == (try reference.finish(url, displayName: "big.jsonl")).hex)
        #expect(whole.size == Int64((lines.joined(separator: "\n") + "\n").utf8.count))
        #expect(try FileDigest.sha256(of: url).hex == whole.hex)
    }

    @Test func aReaderStoppingEarlyStillGetsTheWholeDigest() throws {
        let (url, _) = try Self.bigFile()
        let digest = StreamingDigest()
        let buffer = StreamBuffer(source: try ByteSources.open(url, displayName: "big.jsonl", digest: digest), displayName: "big.jsonl")
        #expect(try buffer.fill())
        #expect(try digest.finish(url, displayName: "big.jsonl").hex == (try FileDigest.sha256(of: url)).hex)
    }

    @Test func aRecordLongerThanTheLimitIsAnErrorNamingTheFile() throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("long.jsonl")
        try Data(repeating: 0x61, count: 6 << 20).write(to: url)
        let buffer = StreamBuffer(source: try ByteSources.open(url, displayName: "long.jsonl"), displayName: "long.jsonl", maxCapacity: 5 << 20)
        var reader = LineReader(buffer: buffer)
        #expect(throws: CollectError.self) { try reader.forEachLine { _, _ in } }
        let small = StreamBuffer(source: try ByteSources.open(url, displayName: "long.jsonl"), displayName: "long.jsonl")
        var whole = LineReader(buffer: small)
        var lengths: [Int] = []
        try whole.forEachLine { bytes, _ in lengths.append(bytes.count) }
        #expect(lengths == [6 << 20])
    }
}

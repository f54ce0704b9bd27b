import Foundation
@testable import NHICollect
import NHIModel
import Testing
import TestSupport

/// The streaming IO under the CloudTrail reader: gzip, line splitting, record splitting.
@Suite struct StreamIOTests {
    private func drain(_ source: any ByteSource, chunk: Int = 7) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return out }
            out += buffer.prefix(count)
        }
    }

    /// The FIPS 180-2 test vector, as the ledger writes digests: 64 lowercase hex digits.
    @Test func sha256IsWrittenAsLowercaseHex() {
        #expect(FileDigest.sha256(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func gzipInflatesToTheOriginalBytes() throws {
        let plain = try Data(contentsOf: awsFixture("cloudtrail/records.json"))
        let source = try ByteSources.open(awsFixture("cloudtrail/records.json.gz"), displayName: "records.json.gz")
        #expect(try drain(source) == Array(plain))
    }

    @Test func multiMemberGzipIsReadToTheEnd() throws {
        let plain = try Data(contentsOf: awsFixture("cloudtrail/records.json"))
        let source = try ByteSources.open(awsFixture("cloudtrail/records-multimember.json.gz"), displayName: "m.gz")
        #expect(try drain(source, chunk: 100) == Array(plain))
    }

    @Test func truncatedGzipNamesFileAndByteOffset() throws {
        let source = try ByteSources.open(
            awsFixture("cloudtrail/truncated.json.gz"), displayName: "logs/truncated.json.gz")
        #expect {
            _ = try drain(source)
        } throws: { error in
            (error as? CollectError)?.description
                == "logs/truncated.json.gz: truncated gzip: the compressed data ends at byte 420 before the end of the stream"
        }
    }

    @Test func corruptGzipIsAnError() throws {
        var bytes = [UInt8](try Data(contentsOf: awsFixture("cloudtrail/records.json.gz")))
        for index in 20..<60 { bytes[index] ^= 0x5A }
        let url = try Fixtures.temporaryFolder().appendingPathComponent("corrupt.json.gz")
        try Data(bytes).write(to: url)
        let source = try ByteSources.open(url, displayName: "corrupt.json.gz")
        #expect(throws: CollectError.self) { _ = try drain(source) }
    }

    @Test func plainFilesPassThroughUnchanged() throws {
        let url = awsFixture("cloudtrail/array.json")
        #expect(try drain(ByteSources.open(url, displayName: "a")) == Array(try Data(contentsOf: url)))
    }

    private func lines(_ text: String, chunk: Int) throws -> [(String, Int)] {
        let buffer = StreamBuffer(source: MemorySource(Array(text.utf8), step: 3), displayName: "t", chunkSize: chunk)
        var reader = LineReader(buffer: buffer)
        var out: [(String, Int)] = []
        try reader.forEachLine { bytes, number in out.append((String(decoding: bytes, as: UTF8.self), number)) }
        return out
    }

    @Test func linesSplitOnLFAndCRLFAcrossChunks() throws {
        let found = try lines("first line\r\nsecond\n\nlast without newline", chunk: 4)
        #expect(found.map(\.0) == ["first line", "second", "", "last without newline"])
        #expect(found.map(\.1) == [1, 2, 3, 4])
    }

    @Test func aLineLongerThanTheChunkGrowsTheBuffer() throws {
        let long = String(repeating: "x", count: 10_000)
        #expect(try lines("a\n\(long)\nb\n", chunk: 16).map(\.0) == ["a", long, "b"])
    }

    private func records(_ text: String, chunk: Int = 8) throws -> (
        layout: JSONRecordStream.Layout, records: [(String, Int, Int?)]
    ) {
        let buffer = StreamBuffer(
            source: MemorySource(Array(text.utf8), step: 5), displayName: "t.json", chunkSize: chunk)
        var stream = JSONRecordStream(buffer: buffer, file: "t.json")
        var out: [(String, Int, Int?)] = []
        try stream.forEachRecord { bytes, line, index in
            out.append((String(decoding: bytes, as: UTF8.self), line, index))
        }
        return (stream.layout, out)
    }

    @Test func recordsObjectIsSplitIntoEvents() throws {
        let found = try records("{\"Records\": [\n {\"a\": \"x]}\"},\n {\"b\": [1, {\"c\": \"\\\"\"}]}\n]}\n")
        #expect(found.layout == .records)
        #expect(found.records.map(\.0) == ["{\"a\": \"x]}\"}", "{\"b\": [1, {\"c\": \"\\\"\"}]}"])
        #expect(found.records.map(\.1) == [2, 3])
        #expect(found.records.map(\.2) == [0, 1])
    }

    /// Record ends are found eight bytes at a time inside strings: quotes, backslashes and brackets
    /// at every offset of a word, and in strings shorter and longer than a word, must not confuse it.
    @Test func recordEndsAreFoundWhateverTheStringsHoldAndWhereverItFalls() throws {
        var elements: [String] = []
        for length in 0..<20 {
            for special in ["\\\"", "\\\\", "]}", ",{[", "\\u005d", "é"] {
                let filler = String(repeating: "x", count: length)
                elements.append(#"{"k\#(length)":"\#(filler)\#(special)\#(filler)","n":[1,{"s":"\#(special)"}]}"#)
            }
        }
        for chunk in [8, 64, 1 << 20] {
            let found = try records(#"{"Records":[\#(elements.joined(separator: ","))]}"#, chunk: chunk)
            #expect(found.records.map(\.0) == elements)
            for element in found.records.map(\.0) {
                #expect(try JSONSerialization.jsonObject(with: Data(element.utf8)) is [String: Any])
            }
        }
    }

    @Test func recordsKeyNeedNotBeAloneInTheObject() throws {
        let found = try records("{\"Records\":[{\"a\":1}],\"extra\":{\"x\":[1,2]}}")
        #expect(found.layout == .records)
        #expect(found.records.map(\.0) == ["{\"a\":1}"])
    }

    @Test func arraysJsonLinesAndPrettyObjectsAreRecognised() throws {
        #expect(try records("[{\"a\":1} , {\"a\":2}]").records.map(\.0) == ["{\"a\":1}", "{\"a\":2}"])
        let lines = try records("{\"a\":1}\r\n\r\n{\"a\":2}\n")
        #expect(lines.layout == .lines)
        #expect(lines.records.map(\.1) == [1, 3])
        let pretty = try records("{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}\n")
        #expect(pretty.layout == .sequence)
        #expect(pretty.records.map(\.1) == [1, 4])
        #expect(try records("  \n").layout == .empty)
        #expect(try records("[]").records.isEmpty)
    }

    @Test func brokenStructureNamesLineAndColumn() {
        #expect { try records("this is text") } throws: {
            ($0 as? CollectError)?.description == "t.json:1:1: not JSON: expected '{' or '['"
        }
        #expect { try records("[\n{\"a\": 1},\n{\"b\": \"open") } throws: { error in
            (error as? CollectError)?.line == 3 && (error as? CollectError)?.message.contains("never closed") == true
        }
        #expect { try records("[{\"a\":1} {\"a\":2}]") } throws: {
            ($0 as? CollectError)?.message == "expected ',' or ']' between records"
        }
        #expect { try records("[{\"a\":1}] x") } throws: { ($0 as? CollectError)?.column == 11 }
    }

    @Test func fastTimestampsAgreeWithISO8601() {
        for text in [
            "2026-10-01T12:34:56Z", "2017-12-11T15:01:51Z", "2000-02-29T23:59:59Z", "1999-12-31T00:00:00.250Z",
        ] {
            #expect(TimestampParser.parse(text) == ISO8601.parse(text), "\(text)")
        }
        #expect(TimestampParser.parse("2026-10-01T12:00:00+02:00") == ISO8601.parse("2026-10-01T10:00:00Z"))
        #expect(TimestampParser.parse("not a time") == nil)
        #expect(TimestampParser.parse("2026-13-01T00:00:00Z") == nil)
    }

    /// Fractions too long for the fast path's integer arithmetic go to the general parser, which
    /// reads them without overflowing.
    @Test func overlongFractionsAreLeftToTheGeneralParser() {
        let eighteen = "2026-10-01T12:34:56.123456789012345678Z"
        #expect(
            TimestampParser.parse(eighteen).map { abs($0.timeIntervalSince1970 - 1_790_858_096.123456789) < 1e-6 }
                == true)
        for digits in [19, 25, 80] {
            let text = "2026-10-01T12:34:56.\(String(repeating: "9", count: digits))Z"
            #expect(TimestampParser.parse(text) == ISO8601.parse(text), "\(digits) digits")
        }
    }
}

import CJSONScan
import Foundation
@testable import NHICollect
import Testing
import TestSupport

/// The elements of `{"Records":[…]}` arrays are cut by the C walk that reads them
/// (`CloudTrailScanner.walkElement`), not by `JSONRecordStream.valueEnd` first: wherever the walk
/// finds an element's end, it must be the end `valueEnd` finds, and what it tells the sink must be
/// what the walk of exactly those bytes tells it; it must decline exactly the elements
/// `nhi_ct_scan` declines. A stream that lets the walk cut must hand over the same records, lines
/// and indices, and throw the same errors at the same places, as one that does not.
@Suite struct CloudTrailElementWalkTests {
    typealias Call = CloudTrailWalkTests.Call

    /// What follows an element in a buffer: the array going on, ending, nothing, or bytes that are
    /// not JSON at all.
    static let followers = ["", ",{\"eventName\":\"next\"}]}", "]}\n", " , ", "}]}", "\"\\", "{"]

    /// The element at the start of `bytes + follower` walked as the stream walks it, beside the
    /// walk of the element alone (cut where `valueEnd` cuts it).
    static func expectSameEnd(_ bytes: [UInt8], follower: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let element = Array(bytes.drop { JSONRecordStream.isWhitespace($0) })
        let buffered = element + Array(follower.utf8)
        let text = String(decoding: buffered, as: UTF8.self)
        let (walkedEnd, walkedCalls) = withExactBytes(buffered) { raw -> (Int?, [Call]?) in
            let scratch = UnsafeMutablePointer<nhi_ct_event>.allocate(capacity: 1)
            defer { scratch.deallocate() }
            guard let length = CloudTrailScanner.walkElement(raw, scratch: scratch, memos: nil) else {
                return (nil, nil)
            }
            var recorder = CloudTrailWalkTests.Recorder()
            try? CloudTrailScanner.replay(scratch, into: &recorder)
            return (length, recorder.calls)
        }
        let cut = withExactBytes(buffered) { raw in
            JSONRecordStream.valueEnd(
                UnsafeMutablePointer(mutating: raw.baseAddress?.assumingMemoryBound(to: UInt8.self))
                    ?? UnsafeMutablePointer(bitPattern: 1)!, from: 0, to: raw.count)?.end
        }
        guard let walkedEnd else {
            // Declined: so is the element cut where the stream cuts it, when it can be cut.
            if let cut, element.first == UInt8(ascii: "{") {
                let alone = CloudTrailWalkTests.walks(Array(buffered[..<cut]))
                #expect(
                    alone.c == nil, "the walk declined, not the walk of the element alone: \(text)",
                    sourceLocation: sourceLocation)
            }
            return
        }
        #expect(walkedEnd == cut, "\(text)", sourceLocation: sourceLocation)
        let alone = CloudTrailWalkTests.walks(Array(buffered[..<walkedEnd]))
        #expect(alone.c != nil && walkedCalls == alone.c, "\(text)", sourceLocation: sourceLocation)
    }

    @Test func findsTheEndValueEndFindsOnRandomEventsTheirMutationsAndPrefixes() {
        var random = SplitMix64(seed: 30)
        let alphabet = Array("\"\\{}[],:0 tnu".utf8) + [0x01, 0xFF, 0x0A]
        for _ in 0..<150 {
            let bytes = Array(CloudTrailWalkTests.event(&random).utf8)
            for follower in Self.followers { Self.expectSameEnd(bytes, follower: follower) }
            for _ in 0..<30 {
                let changed = random.mutatedOnce(bytes, from: alphabet)
                Self.expectSameEnd(changed, follower: random.pick(Self.followers))
            }
            for length in stride(from: 0, to: bytes.count, by: 5) {
                Self.expectSameEnd(Array(bytes[..<length]), follower: random.pick(Self.followers))
            }
        }
    }

    /// One record as a stream hands it over, with what the sink was told of it (nil: it threw).
    struct Streamed: Equatable {
        var bytes: [UInt8], line: Int, index: Int?, calls: [Call]?
    }

    /// Streams `text` in chunks of `chunk` bytes, letting the C walk cut the elements or not:
    /// what each record told a recording sink, the error that ended the stream, and how many
    /// records the C walk cut.
    static func stream(_ text: [UInt8], chunk: Int, walking: Bool) -> ([Streamed], String?, walked: Int) {
        let buffer = StreamBuffer(source: MemorySource(text, step: 7), displayName: "t.json", chunkSize: chunk)
        var stream = JSONRecordStream(buffer: buffer, file: "t.json")
        let scratch = UnsafeMutablePointer<nhi_ct_event>.allocate(capacity: 1)
        defer { scratch.deallocate() }
        let memos = CloudTrailWalkTests.Memos()
        let walk = { (available: UnsafeRawBufferPointer) in
            CloudTrailScanner.walkElement(available, scratch: scratch, memos: memos.table)
        }
        var records: [Streamed] = []
        var walkedCount = 0
        do {
            try stream.forEachRecord(walking: walking ? walk : nil) { bytes, line, index, walked in
                var recorder: CloudTrailWalkTests.Recorder? = CloudTrailWalkTests.Recorder()
                do throws(JSONScanError) {
                    if walked {
                        walkedCount += 1
                        try CloudTrailScanner.replay(scratch, into: &recorder!)
                    } else {
                        try CloudTrailScanner.scan(bytes, into: &recorder!, scratch: scratch, memos: memos.table)
                    }
                } catch { recorder = nil }
                records.append(Streamed(bytes: Array(bytes), line: line, index: index, calls: recorder?.calls))
            }
        } catch {
            return (records, (error as? CollectError)?.description ?? "\(error)", walkedCount)
        }
        return (records, nil, walkedCount)
    }

    static func expectSameStream(_ text: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        for chunk in [16, 100, 1 << 20] {
            let walked = stream(text, chunk: chunk, walking: true)
            let cut = stream(text, chunk: chunk, walking: false)
            #expect(
                walked.0 == cut.0, "chunk \(chunk): \(String(decoding: text, as: UTF8.self))",
                sourceLocation: sourceLocation)
            #expect(
                walked.1 == cut.1, "chunk \(chunk): \(String(decoding: text, as: UTF8.self))",
                sourceLocation: sourceLocation)
        }
    }

    /// `{"Records":[…]}` files of random events (some pretty-printed over several lines), whole,
    /// mutated anywhere (so malformed arrays too) and cut short.
    @Test func streamsRecordsFilesAsTheSplitterCutsThem() {
        var random = SplitMix64(seed: 31)
        let alphabet = Array("\"\\{}[],:0 tnu".utf8) + [0x01, 0x0A]
        var malformed = 0
        for _ in 0..<16 {
            let events = (0..<Int(1 + random.next() % 5)).map { _ in CloudTrailWalkTests.event(&random) }
            let separator = random.pick([",", ",\n  ", " ,\n"])
            let text = Array(("{\"Records\":[\n  " + events.joined(separator: separator) + "\n]}\n").utf8)
            Self.expectSameStream(text)
            let whole = Self.stream(text, chunk: 1 << 20, walking: true)
            #expect(whole.1 == nil && whole.walked == events.count)
            for _ in 0..<8 {
                let changed = random.mutatedOnce(text, from: alphabet)
                Self.expectSameStream(changed)
                if Self.stream(changed, chunk: 1 << 20, walking: true).1 != nil { malformed += 1 }
            }
            for length in stride(from: 0, to: text.count, by: 61) { Self.expectSameStream(Array(text[..<length])) }
        }
        #expect(malformed > 10)
    }

    /// Malformed arrays and elements: the error, and where, is the splitter's.
    @Test func malformedRecordsArraysFailAtTheSamePlace() {
        for text in [
            #"{"Records":[{"eventName":"a"} {"eventName":"b"}]}"#,
            #"{"Records":[{"eventName":"a"},]}"#,
            "{\"Records\":[\n{\"eventName\":\"a\"},\n{\"eventName\":\"b\"\n",
            #"{"Records":[{"eventName":"a"}]"#,
            #"{"Records":[{"eventName":"a"}]} x"#,
            #"{"Records":[{"eventName":"a"]]}"#,
            #"{"Records":[{"eventName":"a"}}]}"#,
            #"{"Records":["text",{"eventName":"a"}]}"#,
            "{\"Records\":[{\"eventName\":\"a\u{01}\"}]}",
            #"{"Records":[{"eventName":"a"},{"eventName":"b","eventName":"c"}]}"#,
        ] {
            Self.expectSameStream(Array(text.utf8))
        }
    }

    /// Elements over several lines: each record's line is the one it starts on.
    @Test func countsTheLinesOfWalkedElements() {
        let text = "{\"Records\":[{\n\"eventName\":\"a\",\n\"eventSource\":\"s\"\n},\n\n{\"eventName\":\"b\"}]}"
        let (records, error, walked) = Self.stream(Array(text.utf8), chunk: 1 << 20, walking: true)
        #expect(error == nil && walked == 2)
        #expect(records.map(\.line) == [1, 6])
        #expect(records.map(\.index) == [0, 1])
    }
}

import Foundation
import NHIModel

/// A value that writes itself as compact JSON with exactly the bytes of
/// `NHIJSON.encoder(pretty: false)` (sorted keys, slashes unescaped): the pack's largest lists
/// (results.json's frameworks, findings, authority and identities) and OSCAL's assessment results
/// are written this way, since JSONEncoder builds a tree of boxed values of the whole value it
/// encodes and sorts every object's keys at run time. A writer lists its members in the byte order of their
/// keys and leaves out nil optionals, as the synthesised `Encodable` does (`CompactJSONTests`
/// holds each writer to JSONEncoder).
protocol CompactJSON {
    func write(to json: inout CompactJSONWriter)
}

/// Compact JSON bytes, built member by member. Separators follow from what was written last: a
/// comma goes before a member or element unless it opens its object or array. Written into a
/// pack file, the bytes go to the file whenever an object ends with a megabyte buffered, so
/// memory holds one batch, never the document.
struct CompactJSONWriter {
    private var batch: ByteBatch
    private var needsComma = false

    /// What was written, when writing into memory.
    var bytes: [UInt8] { batch.bytes }

    /// Into memory (`bytes`).
    init() { batch = ByteBatch(file: nil) }

    /// Into `file`; `finish` writes what is left.
    init(to file: PackFile) { batch = ByteBatch(file: file) }

    /// Writes the buffered bytes into the file, and throws the first failure to write.
    mutating func finish() throws { try batch.finish() }

    // MARK: Structure

    mutating func openObject() {
        separate()
        batch.bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func closeObject() {
        batch.bytes.append(UInt8(ascii: "}"))
        needsComma = true
        batch.flushIfFull()
    }

    mutating func openArray() {
        separate()
        batch.bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func closeArray() {
        batch.bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `"key":`, after a comma unless it is the object's first member. Keys given this way are
    /// the models' own names, which need no escaping.
    mutating func key(_ key: StaticString) {
        separate()
        batch.bytes.append(UInt8(ascii: "\""))
        batch.bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        batch.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    // MARK: Members

    mutating func member<Value: CompactJSON>(_ key: StaticString, _ value: Value) {
        self.key(key)
        value.write(to: &self)
    }

    /// Nothing when `value` is nil: the synthesised encoding leaves an absent optional out.
    mutating func member<Value: CompactJSON>(_ key: StaticString, _ value: Value?) {
        guard let value else { return }
        member(key, value)
    }

    mutating func member(_ key: StaticString, _ date: Date) {
        self.key(key)
        string(ISO8601.string(from: date))
    }

    mutating func member(_ key: StaticString, _ date: Date?) {
        guard let date else { return }
        member(key, date)
    }

    /// A dictionary as an object, its keys in the byte order of their UTF-8 (JSONEncoder's order
    /// for `sortedKeys` outside Apple's platforms), escaped like any string.
    mutating func member(_ key: StaticString, _ dictionary: [String: String]) {
        self.key(key)
        openObject()
        if dictionary.count < 2 {
            // Most findings' details hold one fact: nothing to sort, no sorted copy of the pairs.
            for (name, value) in dictionary { entry(name, value) }
        } else {
            for (name, value) in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                entry(name, value)
            }
        }
        closeObject()
    }

    private mutating func entry(_ name: String, _ value: String) {
        string(name)
        batch.bytes.append(UInt8(ascii: ":"))
        needsComma = false
        string(value)
    }

    // MARK: Values

    mutating func bool(_ value: Bool) {
        separate()
        if value {
            batch.bytes.append(contentsOf: "true".utf8)
        } else {
            batch.bytes.append(contentsOf: "false".utf8)
        }
        needsComma = true
    }

    mutating func int(_ value: Int) {
        separate()
        DecimalText.append(value, to: &batch.bytes)
        needsComma = true
    }

    /// A string, quoted, escaped as JSONEncoder escapes it: `"` and `\` with a backslash, the
    /// control characters U+0000–U+001F as `\b \f \n \r \t` or `\u00xx` (lowercase hex), every
    /// other byte of the UTF-8 as it is (`/`, DEL and non-ASCII included). Words of eight bytes
    /// none of which is escaped are passed at once: strings are most of the pack's JSON bytes.
    mutating func string(_ value: String) {
        separate()
        batch.bytes.append(UInt8(ascii: "\""))
        ASCIIScan.withUTF8(value) { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                if let word = ASCIIScan.word(utf8, at: index), !Self.mayNeedEscape(word) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if start < index - 1 {
                    batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<(index - 1)]))
                }
                appendEscape(byte)
                start = index
            }
            if start < utf8.count { batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        batch.bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Whether a word may hold a byte `string` escapes: a control character, `"` or `\`.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        ASCIIScan.hasByte(word, below: 0x20) || ASCIIScan.hasByte(word, equalTo: UInt8(ascii: "\""))
            || ASCIIScan.hasByte(word, equalTo: UInt8(ascii: "\\"))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        batch.bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): batch.bytes.append(byte)
        case 0x08: batch.bytes.append(UInt8(ascii: "b"))
        case 0x0C: batch.bytes.append(UInt8(ascii: "f"))
        case 0x0A: batch.bytes.append(UInt8(ascii: "n"))
        case 0x0D: batch.bytes.append(UInt8(ascii: "r"))
        case 0x09: batch.bytes.append(UInt8(ascii: "t"))
        default:
            batch.bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            batch.bytes.append(Self.hexDigits[Int(byte >> 4)])
            batch.bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    private mutating func separate() {
        if needsComma { batch.bytes.append(UInt8(ascii: ",")) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension String: CompactJSON {
    func write(to json: inout CompactJSONWriter) { json.string(self) }
}

extension Int: CompactJSON {
    func write(to json: inout CompactJSONWriter) { json.int(self) }
}

extension Array: CompactJSON where Element: CompactJSON {
    func write(to json: inout CompactJSONWriter) {
        json.openArray()
        // Read in place, not copied out (a retain of each element's texts).
        withUnsafeBufferPointer { buffer in
            for index in buffer.indices { buffer[index].write(to: &json) }
        }
        json.closeArray()
    }
}

extension Bool: CompactJSON {
    func write(to json: inout CompactJSONWriter) { json.bool(self) }
}

extension CompactJSON where Self: RawRepresentable, RawValue == String {
    func write(to json: inout CompactJSONWriter) { json.string(rawValue) }
}

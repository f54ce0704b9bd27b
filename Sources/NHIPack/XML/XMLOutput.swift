import Foundation

/// The bytes of an XML document being written, and the escaping of text and attribute values as
/// libxml2's xmlTextWriter escapes them, with `TextSanitizer.xmlSafe` folded in: a character XML
/// 1.0 forbids (a C0 control other than tab, line feed and carriage return, U+FFFE, U+FFFF)
/// becomes U+FFFD. A Swift string's UTF-8 is valid and holds no surrogate, so those are the only
/// characters to replace, and every other non-ASCII byte is copied as it is (with encoding UTF-8
/// declared, libxml2 writes no character reference for them).
///
/// Like `ByteBatch` for the JSON writers, the bytes stay in memory or go to a pack file a batch at
/// a time, whenever the writer is at a point it may cut (the end of an element): memory holds one
/// batch, never the document. They are kept in a buffer of their own rather than an array: a
/// document is tens of millions of short runs (a name, `="`, a value), and each append to an
/// array checked that the array was its storage's only owner and called out of line to copy
/// (callgrind, a 2,000-identity pack: 13 % of both XML documents' instructions besides SHA-256).
struct XMLOutput: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private let file: PackFile?

    init(file: PackFile?) {
        self.file = file
        capacity = file == nil ? 1 << 12 : ByteBatch.size + ByteBatch.size / 4
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// What was written, when writing into memory.
    var data: Data { Data(bytes: base, count: count) }

    /// Hands the bytes to the file once a batch is full; in memory they stay.
    mutating func flushIfFull() {
        if let file, count >= ByteBatch.size { flush(into: file) }
    }

    /// Hands what is left to the file, and throws the first failure to write.
    mutating func finish() throws {
        guard let file else { return }
        flush(into: file)
        if let failure = file.failure { throw failure }
    }

    /// A failed write is kept by the file, which drops the writes after it; `finish` throws it.
    private mutating func flush(into file: PackFile) {
        _ = file.writeNoThrow(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }

    @inline(__always)
    mutating func byte(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if capacity - count < bytes.count { grow(toHold: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    private mutating func grow(toHold needed: Int) {
        capacity = max(needed, capacity * 2)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
    }

    /// Markup of the writer's own, and the names of elements and attributes, which need no
    /// escaping.
    mutating func literal(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// ` name="value"`.
    mutating func attribute(_ name: StaticString, _ value: String) {
        byte(UInt8(ascii: " "))
        literal(name)
        literal("=\"")
        escaped(value, special: Self.attributeSpecials)
        byte(UInt8(ascii: "\""))
    }

    /// Element content: `&`, `<`, `>` and `"` as entities, carriage return as `&#13;` (so that a
    /// parser does not turn it into a line feed); tab and line feed as they are.
    mutating func text(_ value: String) {
        escaped(value, special: Self.textSpecials)
    }

    /// The bytes below 0x40 that are escaped or replaced, one bit each. In an attribute value tab,
    /// line feed and carriage return are character references too (a parser would normalise
    /// them to spaces).
    private static let textSpecials: UInt64 = controls & ~(1 << 0x09 | 1 << 0x0A) | markup
    private static let attributeSpecials: UInt64 = controls | markup
    private static let controls: UInt64 = 0xFFFF_FFFF
    private static let markup: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E

    /// Copies runs of bytes that need nothing, and writes an escape or U+FFFD for the others.
    /// Every byte from 0x40 up is copied but 0xEF, the lead byte of U+FFFE and U+FFFF. Words of
    /// eight bytes none of which could need anything in either mode are passed at once; the
    /// bytes of any other word are looked at one by one.
    private mutating func escaped(_ value: String, special: UInt64) {
        ASCIIScan.withUTF8(value) { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                if let word = ASCIIScan.word(utf8, at: index), !Self.mayNeedEscape(word) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                if byte < 0x40 ? special & (1 << UInt64(byte)) == 0 : byte != 0xEF {
                    index += 1
                    continue
                }
                if start < index { append(UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                if byte == 0xEF {
                    // Valid UTF-8: a lead byte 0xEF has two continuation bytes after it.
                    let noncharacter = utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE
                    if noncharacter {
                        appendReplacement()
                    } else {
                        append(UnsafeBufferPointer(rebasing: utf8[index...(index + 2)]))
                    }
                    index += 3
                } else {
                    appendEscape(byte)
                    index += 1
                }
                start = index
            }
            if start < utf8.count { append(UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
    }

    /// Whether a word may hold a byte `escaped` does not copy as it is: a control character, `"`,
    /// `&`, `<`, `>` or 0xEF. `"` and `&` (0x22, 0x26) differ in one bit only, and so do `<` and
    /// `>` (0x3C, 0x3E): with that bit cleared in every byte, one test finds either of a pair.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        ASCIIScan.hasByte(word, below: 0x20) || ASCIIScan.hasByte(word & 0xFBFB_FBFB_FBFB_FBFB, equalTo: 0x22)
            || ASCIIScan.hasByte(word & 0xFDFD_FDFD_FDFD_FDFD, equalTo: 0x3C)
            || ASCIIScan.hasByte(word, equalTo: 0xEF)
    }

    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "&"): literal("&amp;")
        case UInt8(ascii: "<"): literal("&lt;")
        case UInt8(ascii: ">"): literal("&gt;")
        case UInt8(ascii: "\""): literal("&quot;")
        case 0x0D: literal("&#13;")
        case 0x0A: literal("&#10;")
        case 0x09: literal("&#9;")
        default: appendReplacement()
        }
    }

    /// U+FFFD, visibly in place of a character XML cannot hold.
    private mutating func appendReplacement() {
        literal("\u{FFFD}")
    }
}

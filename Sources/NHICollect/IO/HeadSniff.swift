import CJSONScan
import Foundation

/// Content tests for `sniff(head:fileName:)`: the CSV header row and JSON keys of a file's first bytes.
public enum HeadSniff {
    /// True when `needle`'s bytes occur in `head`. Every file of an evidence folder is sniffed, on
    /// one thread, before any is read: `Data.range(of:)` took as long as reading the thousands of
    /// small files of an S3 trail, so this searches with `nhi_find_bytes`.
    public static func contains(_ head: Data, _ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            head.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return pattern.isEmpty }
                guard let start = pattern.baseAddress else { return true }
                return nhi_find_bytes(base, base + bytes.count, start, pattern.count) != nil
            }
        }
    }

    /// True when `needle`'s bytes occur in `head` right after one of `prefixes`: whether any of
    /// prefix + needle occurs, in one search for `needle` (the rarer part: prefixes are short).
    public static func contains(_ head: Data, _ needle: String, after prefixes: [String]) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            head.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), let start = pattern.baseAddress
                else { return false }
                let end = base + bytes.count
                var from = base
                while let found = nhi_find_bytes(from, end, start, pattern.count) {
                    let offset = found - base
                    for prefix in prefixes where prefix.utf8.count <= offset {
                        if prefix.utf8.elementsEqual(
                            UnsafeBufferPointer(start: found - prefix.utf8.count, count: prefix.utf8.count))
                        {
                            return true
                        }
                    }
                    from = found + 1
                }
                return false
            }
        }
    }

    /// The head past a byte order mark and whitespace (what `trimmingCharacters` dropped in front).
    public static func trimmedStart(_ head: Data) -> Data {
        var rest = head[...]
        while true {
            if rest.starts(with: [0xEF, 0xBB, 0xBF]) {
                rest = rest.dropFirst(3)
            } else if let first = rest.first, first == 0x20 || first == 0x0A || first == 0x0D || first == 0x09 {
                rest = rest.dropFirst()
            } else {
                return rest
            }
        }
    }

    /// The head as text, without a BOM (invalid UTF-8 at a cut multi-byte character is replaced).
    public static func text(_ head: Data) -> String {
        let bytes = head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first non-blank character: `{` or `[` for JSON.
    public static func firstCharacter(_ text: String) -> Character? {
        text.first { !$0.isWhitespace }
    }

    /// True when the head looks like JSON (an object or an array).
    public static func isJSON(_ text: String) -> Bool {
        firstCharacter(text) == "{" || firstCharacter(text) == "["
    }

    /// Lower-cased, trimmed column names of the CSV header row; empty when the head is not CSV-like.
    public static func csvHeader(_ text: String) -> Set<String> {
        guard !isJSON(text) else { return [] }
        let firstLine =
            text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }).first ?? ""
        guard firstLine.contains(",") else { return [] }
        return Set(
            firstLine.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" \t")).lowercased()
            })
    }

    /// True when `"key"` appears as a JSON object key (followed by a colon). Every sniffer asks
    /// this of every head, so an ASCII head is searched byte for byte (`TextSearch`).
    public static func hasKey(_ text: String, _ key: String) -> Bool {
        TextSearch.inASCII(text, "\"\(key)\"") { bytes, quoted in
            var from = 0
            while let found = TextSearch.firstOccurrence(of: quoted, in: bytes, from: from) {
                from = found + quoted.count
                // What the search below drops after the key: spaces, tabs, LF and CR, but not CR LF
                // (one character, which is neither).
                var next = from
                while next < bytes.count {
                    let byte = bytes[next]
                    let crlf = byte == 0x0D && next + 1 < bytes.count && bytes[next + 1] == 0x0A
                    guard byte == 0x20 || byte == 0x09 || byte == 0x0A || (byte == 0x0D && !crlf) else { break }
                    next += 1
                }
                if next < bytes.count && bytes[next] == UInt8(ascii: ":") { return true }
            }
            return false
        } ?? hasKeyBySearch(text, key)
    }

    /// `hasKey` through Foundation's search, for text that is not all ASCII.
    static func hasKeyBySearch(_ text: String, _ key: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        let quoted = "\"\(key)\""
        while let found = text.range(of: quoted, range: searchRange) {
            let rest = text[found.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            if rest.first == ":" { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }

    /// True when the JSON key `key` has the string value `value` somewhere in the head.
    public static func hasKeyValue(_ text: String, _ key: String, _ value: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        let quoted = "\"\(key)\""
        while let found = text.range(of: quoted, range: searchRange) {
            let rest = text[found.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            if rest.first == ":" {
                let valuePart = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
                if valuePart.hasPrefix("\"\(value)\"") { return true }
            }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }

    /// The `kind` values of JSON objects in the head that also carry an `apiVersion` key (Kubernetes
    /// objects, not references such as `targetRef` or `roleRef`). Tolerates a head cut mid-file.
    public static func kubernetesKinds(inJSON text: String) -> Set<String> {
        var kinds: Set<String> = []
        var stack: [(hasVersion: Bool, kind: String?)] = []
        var bytes = Array(text.utf8)[...]
        func readString() -> String? {
            var value: [UInt8] = []
            var escaped = false
            while let byte = bytes.popFirst() {
                if escaped { escaped = false; value.append(byte); continue }
                if byte == UInt8(ascii: "\\") { escaped = true; continue }
                if byte == UInt8(ascii: "\"") { return String(decoding: value, as: UTF8.self) }
                value.append(byte)
            }
            return nil
        }
        func nextNonSpace() -> UInt8? {
            while let byte = bytes.first, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                bytes.removeFirst()
            }
            return bytes.first
        }
        func close() {
            guard let top = stack.popLast() else { return }
            if top.hasVersion, let kind = top.kind { kinds.insert(kind) }
        }
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "{"): stack.append((false, nil))
            case UInt8(ascii: "}"): close()
            case UInt8(ascii: "\""):
                guard let string = readString() else { break }
                guard nextNonSpace() == UInt8(ascii: ":"), !stack.isEmpty else { break }
                bytes.removeFirst()
                if string == "apiVersion" { stack[stack.count - 1].hasVersion = true }
                if string == "kind", nextNonSpace() == UInt8(ascii: "\""), bytes.popFirst() != nil,
                    let value = readString()
                {
                    stack[stack.count - 1].kind = value
                }
            default: break
            }
        }
        while !stack.isEmpty { close() }
        return kinds
    }

    /// The `kind:` values of top-level YAML documents and of a YAML List's items.
    public static func kubernetesKinds(inYAML text: String) -> Set<String> {
        var kinds: Set<String> = []
        var inList = false
        for line in text.split(whereSeparator: \.isNewline) {
            let indent = line.prefix { $0 == " " }.count
            var trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("- ") { trimmed = trimmed.dropFirst(2).drop { $0 == " " } }
            guard trimmed.hasPrefix("kind:") else {
                if indent == 0 && line.hasPrefix("---") { inList = false }
                continue
            }
            let value =
                trimmed.dropFirst(5).split(separator: "#").first.map {
                    $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
                } ?? ""
            if indent == 0 {
                if value == "List" { inList = true } else { kinds.insert(value) }
            } else if inList && indent <= 4 {
                kinds.insert(value)
            }
        }
        return kinds
    }
}

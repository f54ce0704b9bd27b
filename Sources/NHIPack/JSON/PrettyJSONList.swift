import Foundation
import NHIModel

/// Pretty JSON (`NHIJSON.encoder()`) of a document whose size is one long list, written a chunk of
/// that list at a time. The document is encoded with the list empty (its shell); the elements are
/// encoded `chunkSize` at a time and spliced into the list's place, each line indented to its
/// depth. The bytes are those of encoding the whole document at once (`PrettyJSONListTests`), but
/// neither the encoded document nor JSONEncoder's tree of boxed values of it is ever held whole:
/// for the findings of 100 k identities that tree alone takes gigabytes.
public enum PrettyJSONList {
    /// Writes `shell`, whose member `key` at `depth` (its object's nesting: 1 for a top-level
    /// member) is an empty list, with that list holding `count` elements, which `elements` makes
    /// for a range of positions.
    public static func write<Shell: Encodable, Element: Encodable>(
        _ shell: Shell, list key: String, depth: Int, count: Int, chunkSize: Int = 1024,
        elements: (Range<Int>) -> [Element], to sink: (Data) throws -> Void
    ) throws {
        let encoder = NHIJSON.encoder()
        let encodedShell = try encoder.encode(shell)
        guard count > 0 else { return try sink(encodedShell) }
        let indent = String(repeating: " ", count: 2 * depth)
        // Only a member's own key line starts a line at its depth: strings hold no raw newline.
        let place = Data("\n\(indent)\"\(key)\" : [\n\n\(indent)]".utf8)
        guard let found = encodedShell.range(of: place),
            encodedShell[found.upperBound...].range(of: place) == nil
        else {
            throw PackError.inconsistent("the encoded document has no single empty \(key) list at depth \(depth)")
        }
        // Up to and including the `[` and its newline; the empty line and the bracket come after the elements.
        let open = found.lowerBound + place.count - indent.count - 2
        try sink(encodedShell[..<open])
        for start in stride(from: 0, to: count, by: chunkSize) {
            let chunk = try encoder.encode(elements(start..<min(start + chunkSize, count)))
            try sink(indented(chunk, by: indent, first: start == 0))
        }
        try sink(encodedShell[open...])
    }

    /// The elements of an encoded list (`[`, newline, elements at two spaces, newline, `]`),
    /// without its brackets, each line but an empty one indented by `indent` more, after a comma
    /// unless they come first.
    static func indented(_ list: Data, by indent: String, first: Bool) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(list.count + list.count / 4)
        if !first { out.append(contentsOf: ",\n".utf8) }
        let spaces = Array(indent.utf8)
        list.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = UnsafeRawBufferPointer(rebasing: raw[2..<(raw.count - 2)])
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
                if end - start > 1 || bytes[start] != 0x0A { out.append(contentsOf: spaces) }
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                start = end
            }
        }
        return Data(out)
    }
}

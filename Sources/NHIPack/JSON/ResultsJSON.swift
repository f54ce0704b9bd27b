import Foundation
import NHIModel

/// results.json written into its pack file. Compact (the default), the document is encoded without
/// its largest lists (frameworks, findings, authority, identities), which are then written element
/// by element in their places (`CompactJSON`): the bytes are those of encoding the whole document
/// at once (`ResultsJSONTests`), but the document's encoded form is never held whole in memory.
/// Pretty, it is encoded at once (indentation depends on depth).
enum ResultsJSON {
    static func write(_ doc: ResultsDocument, pretty: Bool, to file: PackFile) throws {
        let encoder = NHIJSON.encoder(pretty: pretty)
        guard !pretty else {
            try file.write(try encoder.encode(doc))
            try file.write(Data([0x0A]))
            return
        }
        var shell = doc
        shell.frameworks = []
        shell.findings = []
        shell.authority = []
        var lists: [(key: String, write: () throws -> Void)] = [
            ("frameworks", { try writeElements(doc.frameworks, to: file) }),
            ("findings", { try writeElements(doc.findings, to: file) }),
            ("authority", { try writeElements(doc.authority, to: file) }),
        ]
        // Absent identities stay absent (results written before they were recorded).
        if let identities = doc.identities {
            shell.identities = []
            lists.append(("identities", { try writeElements(identities, to: file) }))
        }
        let encodedShell = try encoder.encode(shell)
        let places = try lists.map { list -> (offset: Int, write: () throws -> Void) in
            guard let offset = emptyArray(at: list.key, in: encodedShell) else {
                throw PackError.io("results.json: the encoded document has no top-level \(list.key) list")
            }
            return (offset, list.write)
        }.sorted { $0.offset < $1.offset }
        var written = encodedShell.startIndex
        for place in places {
            // The shell holds `[]` at the place: write up to and including `[`, then the elements.
            try file.write(encodedShell[written...place.offset])
            try place.write()
            written = place.offset + 1
        }
        try file.write(encodedShell[written...])
        try file.write(Data([0x0A]))
    }

    /// The elements of a list, comma-separated, without the brackets.
    private static func writeElements<Element: CompactJSON>(_ elements: [Element], to file: PackFile) throws {
        var json = CompactJSONWriter(to: file)
        // Read in place: a loop variable or an array subscript would be a copy of each element, a
        // retain of each of its texts.
        elements.withUnsafeBufferPointer { buffer in
            for index in buffer.indices { buffer[index].write(to: &json) }
        }
        try json.finish()
    }

    /// The offset of the `[` of `"key":[]` among the top-level members of a compact encoded object.
    static func emptyArray(at key: String, in json: Data) -> Int? {
        let wanted = Array("\"\(key)\":[]".utf8)
        var depth = 0, inString = false, escaped = false
        var index = json.startIndex
        while index < json.endIndex {
            let byte = json[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: "\""):
                    // A top-level member's key starts right after the opening brace or a comma.
                    if depth == 1, json[index...].starts(with: wanted) { return index + wanted.count - 2 }
                    inString = true
                default: break
                }
            }
            index += 1
        }
        return nil
    }
}

import Foundation
import NHIModel

/// Writes the pack's OSCAL JSON. Pretty-printed only when asked (`PackOptions.pretty`): at
/// organisation scale indentation is a third of the bytes. The compact assessment results are
/// written into their pack file as they are made: the document's frame is encoded with the first
/// observation and risk standing for their lists, and each list is then made, encoded and written
/// in batches in its place, so memory holds one batch, never the whole document or its encoding;
/// the bytes are those of encoding the whole document at once (`OSCALStreamingTests`).
enum OSCALJSONWriter {
    static let batchSize = 512

    static func encode<T: Encodable>(_ value: T, pretty: Bool) throws -> Data {
        var data = try NHIJSON.encoder(pretty: pretty).encode(value)
        data.append(0x0A)
        return data
    }

    static func writeResults(_ parts: OSCALResultsParts, pretty: Bool, to file: PackFile) throws {
        guard !pretty else { return try file.write(encode(parts.whole, pretty: true)) }
        let encoder = NHIJSON.encoder(pretty: false)
        var skeleton = parts.frame
        var lists: [(marker: Data, write: () throws -> Void)] = []
        /// Keeps the list's first element in the skeleton, as the marker of where the whole list goes.
        func splice<Element: Encodable>(_ elements: OSCALElements<Element>, _ keep: (Element) -> Void) throws {
            guard elements.count > 0 else { return }
            let first = elements.make(0)
            keep(first)
            lists.append((try encoder.encode([first]), { try writeElements(elements, encoder, to: file) }))
        }
        try splice(parts.observations) { skeleton.assessmentResults.results[0].observations = [$0] }
        try splice(parts.risks) { skeleton.assessmentResults.results[0].risks = [$0] }

        let frame = try encoder.encode(skeleton)
        var places: [(range: Range<Data.Index>, write: () throws -> Void)] = []
        for list in lists {
            guard let range = frame.range(of: list.marker) else {
                throw PackError.io("OSCAL JSON: a list was not found in its document")
            }
            places.append((range, list.write))
        }
        var cursor = frame.startIndex
        for place in places.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            try file.write(frame[cursor..<place.range.lowerBound])
            try place.write()
            cursor = place.range.upperBound
        }
        try file.write(frame[cursor...])
        try file.write(Data([0x0A]))
    }

    /// The list with its brackets, its elements encoded a batch at a time.
    private static func writeElements<Element: Encodable>(
        _ elements: OSCALElements<Element>, _ encoder: JSONEncoder, to file: PackFile
    ) throws {
        try file.write(Data([UInt8(ascii: "[")]))
        var start = 0
        while start < elements.count {
            let end = min(start + batchSize, elements.count)
            let batch = try encoder.encode(elements.slice(start, end))
            if start > 0 { try file.write(Data([UInt8(ascii: ",")])) }
            try file.write(batch.dropFirst().dropLast())
            start = end
        }
        try file.write(Data([UInt8(ascii: "]")]))
    }
}

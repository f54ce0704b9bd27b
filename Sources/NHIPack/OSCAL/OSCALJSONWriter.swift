import Foundation
import NHIModel

/// Writes the pack's OSCAL JSON. Pretty-printed only when asked (`PackOptions.pretty`): at
/// organisation scale indentation is a third of the bytes. The compact assessment results are
/// encoded list element by list element (observations, risks, findings, inventory items,
/// back-matter resources) and spliced into the encoding of the document's skeleton, so memory
/// holds the output and one element's encoding, never the encoder's tree of the whole document;
/// the bytes are those of encoding the document at once.
enum OSCALJSONWriter {
    static func encode<T: Encodable>(_ value: T, pretty: Bool) throws -> Data {
        var data = try NHIJSON.encoder(pretty: pretty).encode(value)
        data.append(0x0A)
        return data
    }

    static func results(_ document: OSCALResultsDocument, pretty: Bool) throws -> Data {
        guard !pretty else { return try encode(document, pretty: true) }
        let encoder = NHIJSON.encoder(pretty: false)
        var skeleton = document
        var lists: [(marker: Data, write: (inout Data) throws -> Void)] = []
        /// Keeps the list's first element in the skeleton, as the marker of where the whole list goes.
        func splice<Element: Encodable>(_ elements: [Element]?, _ keep: (Element) -> Void) throws {
            guard let elements, let first = elements.first else { return }
            keep(first)
            lists.append(
                (
                    try encoder.encode([first]),
                    { output in
                        output.append(0x5B)
                        for (index, element) in elements.enumerated() {
                            if index > 0 { output.append(0x2C) }
                            output.append(try encoder.encode(element))
                        }
                        output.append(0x5D)
                    }
                ))
        }
        let ar = document.assessmentResults
        for (index, result) in ar.results.enumerated() {
            try splice(result.observations) { skeleton.assessmentResults.results[index].observations = [$0] }
            try splice(result.risks) { skeleton.assessmentResults.results[index].risks = [$0] }
            try splice(result.findings) { skeleton.assessmentResults.results[index].findings = [$0] }
            try splice(result.localDefinitions?.inventoryItems) {
                skeleton.assessmentResults.results[index].localDefinitions?.inventoryItems = [$0]
            }
        }
        try splice(ar.backMatter?.resources) { skeleton.assessmentResults.backMatter?.resources = [$0] }

        let frame = try encoder.encode(skeleton)
        var places: [(range: Range<Data.Index>, write: (inout Data) throws -> Void)] = []
        for list in lists {
            guard let range = frame.range(of: list.marker) else {
                throw PackError.io("OSCAL JSON: a list was not found in its document")
            }
            places.append((range, list.write))
        }
        var output = Data()
        var cursor = frame.startIndex
        for place in places.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            output.append(frame[cursor..<place.range.lowerBound])
            try place.write(&output)
            cursor = place.range.upperBound
        }
        output.append(frame[cursor...])
        output.append(0x0A)
        return output
    }
}

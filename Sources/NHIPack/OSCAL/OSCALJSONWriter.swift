import Foundation
import NHIModel

/// Writes the pack's OSCAL JSON. Pretty-printed only when asked (`PackOptions.pretty`): at
/// organisation scale indentation is a third of the bytes. The compact assessment results are
/// written into their pack file as they are made (`CompactJSON`), the observations and risks one
/// at a time, so memory holds one batch, never the whole document or its encoding; the bytes are
/// those of encoding the whole document at once (`OSCALStreamingTests`).
enum OSCALJSONWriter {
    static func encode<T: Encodable>(_ value: T, pretty: Bool) throws -> Data {
        var data = try NHIJSON.encoder(pretty: pretty).encode(value)
        data.append(0x0A)
        return data
    }

    static func writeResults(_ parts: OSCALResultsParts, pretty: Bool, to file: PackFile) throws {
        guard !pretty else { return try file.write(encode(parts.whole, pretty: true)) }
        var json = CompactJSONWriter(to: file)
        parts.write(to: &json)
        try json.finish()
        try file.write(Data([0x0A]))
    }
}

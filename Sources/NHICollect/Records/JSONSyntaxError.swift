import Foundation

/// Foundation's JSONDecoder says only "not valid JSON"; JSONSerialization knows the byte offset.
/// This turns it into the `file:line:column: message` every whole-file error uses.
enum JSONSyntaxError {
    /// The first syntax error in `data`, or nil when the text is well-formed JSON.
    static func locate(in data: Data, file: String) -> CollectError? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON"
            guard let range = description.range(of: "character "),
                let offset = Int(description[range.upperBound...].prefix { $0.isNumber })
            else {
                return CollectError(file: file, message: "invalid JSON: \(description)")
            }
            var line = 1
            var column = 1
            for byte in data.prefix(offset) {
                if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return CollectError(file: file, line: line, column: column, message: "invalid JSON: \(description)")
        }
    }
}

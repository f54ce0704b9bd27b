/// Escaping for the HTML and SVG the diff and trend write: safe in text and in quoted attributes,
/// and free of control characters, which are not allowed in XML (inline SVG) at all.
enum DiffMarkup {
    static func escape(_ text: String) -> String {
        let text = TextSanitizer.bidiVisible(text)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                let control =
                    scalar.properties.generalCategory == .control
                    || scalar.properties.generalCategory == .surrogate || scalar.value == 0xFFFE
                    || scalar.value == 0xFFFF
                result.unicodeScalars.append(control ? "\u{FFFD}" : scalar)
            }
        }
        return result
    }
}

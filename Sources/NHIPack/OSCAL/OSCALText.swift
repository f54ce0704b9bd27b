import Foundation
import NHIModel

/// How input-derived text enters OSCAL: props in nhi-audit's namespace, one-line strings and
/// multi-line markup, never empty or padded (OSCAL forbids both).
enum OSCALText {
    static let propNamespace = "urn:nhi-audit"

    /// Props with empty values are dropped.
    static func props(_ pairs: [(String, String)]) -> [OSCALProp]? {
        var props: [OSCALProp] = []
        props.reserveCapacity(pairs.count)
        for (name, value) in pairs { appendProp(name, value, to: &props) }
        return nonEmpty(props)
    }

    /// Appends the prop unless its value is empty: `props` without a list of pairs, for the props
    /// of every finding's observation.
    static func appendProp(_ name: String, _ value: String, to props: inout [OSCALProp]) {
        let clean = line(value)
        if !clean.isEmpty { props.append(OSCALProp(name: name, ns: propNamespace, value: clean)) }
    }

    static func line(_ value: String) -> String { TextSanitizer.singleLine(value) }

    static func markupLine(_ value: String) -> OSCALMarkup { OSCALMarkup(nonBlank(line(value))) }

    /// Multi-line text keeps its line breaks but never starts or ends with blanks.
    static func markupText(_ value: String) -> OSCALMarkup {
        let safe = TextSanitizer.xmlSafe(value)
        // Text that starts and ends with a printable ASCII character other than space has no blank to trim.
        if let first = safe.utf8.first, let last = safe.utf8.last, (0x21..<0x7F).contains(first),
            (0x21..<0x7F).contains(last)
        {
            return OSCALMarkup(safe)
        }
        return OSCALMarkup(nonBlank(safe.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    static func nonEmpty<T>(_ list: [T]) -> [T]? { list.isEmpty ? nil : list }

    private static func nonBlank(_ text: String) -> String { text.isEmpty ? "-" : text }
}

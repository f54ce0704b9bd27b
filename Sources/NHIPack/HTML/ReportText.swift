import Foundation
import NHIModel

/// Wording and small formats shared by the report's sections.
enum ReportText {
    static func statusLabel(_ status: ControlStatus) -> String {
        switch status {
        case .notSatisfied: return "Not satisfied"
        case .satisfied: return "Satisfied"
        case .partiallyAssessed: return "Partially assessed"
        case .notAssessed: return "Not assessed"
        case .waived: return "Waived"
        case .attested: return "Attested"
        case .notApplicable: return "Not applicable"
        }
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "–" : String(format: "%.0f%%", 100 * Double(part) / Double(whole))
    }

    static func date(_ date: Date?) -> String { date.map(ISO8601.string) ?? "not declared" }

    /// Text as it may appear in HTML: control characters replaced, bidi controls shown as markers
    /// (Mustache escapes the rest).
    static func clean(_ text: String) -> String { TextSanitizer.bidiVisible(TextSanitizer.xmlSafe(text)) }

    static let shaPrefixLength = 12

    static func evidenceRow(_ ref: EvidenceRef) -> [String: Any] {
        var position: [String] = []
        if let line = ref.line { position.append("line \(line)") }
        if let record = ref.record { position.append("record \(record)") }
        if let pointer = ref.pointer { position.append(clean(pointer)) }
        return [
            "file": clean(ref.file),
            "sha256": ref.sha256,
            "shaPrefix": String(ref.sha256.prefix(shaPrefixLength)),
            "position": position.isEmpty ? "whole file" : position.joined(separator: ", "),
        ]
    }
}

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

    /// A calendar day, `2026-12-31`.
    static func day(_ date: Date) -> String { String(ISO8601.string(from: date).prefix(10)) }

    /// A period named as people name it: `2026-Q4` for a calendar quarter, else its first and last day.
    static func period(start: Date?, end: Date?) -> String {
        guard let start, let end else { return "period not declared" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // A period ending at midnight ends on the day before.
        let last = calendar.startOfDay(for: end) == end ? end.addingTimeInterval(-1) : end
        let from = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: start)
        let to = calendar.dateComponents([.year, .month], from: last)
        let nextDay = calendar.date(byAdding: .day, value: 1, to: last).map { calendar.component(.day, from: $0) }
        if let year = from.year, let month = from.month, from.day == 1, from.hour == 0, from.minute == 0,
            (month - 1) % 3 == 0,
            to.year == year, to.month == month + 2, nextDay == 1
        {
            return "\(year)-Q\((month - 1) / 3 + 1)"
        }
        return "\(day(start)) – \(day(last))"
    }

    /// `text` as a quoted CSS string whose every character but letters, digits, space and a few
    /// marks is a hex escape: nothing in it can end the string or the `<style>` element.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar)
                || " .-:·_".unicodeScalars.contains(scalar)
            {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }

    /// Text as it may appear in HTML: control characters replaced, bidi controls shown as markers
    /// (Mustache escapes the rest).
    static func clean(_ text: String) -> String {
        // Plain ASCII holds nothing either step changes: one scan of the text, not one per step.
        if TextSanitizer.isPlainASCII(text) { return text }
        return TextSanitizer.bidiVisible(TextSanitizer.xmlSafe(text))
    }

    /// What a rule evaluated, as the report says it: the counts and the source files, which beyond a
    /// handful are counted per folder (the ingest ledger lists each with its SHA-256).
    static func population(_ population: EvaluatedPopulation?) -> String {
        guard let population else { return "" }
        let counted = population.counts.map { "\($0.count) \($0.what)" }.joined(separator: ", ")
        guard !population.sources.isEmpty else { return clean(counted) }
        let listed =
            population.sources.count <= 5
            ? population.sources.joined(separator: ", ")
            : Dictionary(grouping: population.sources) { path -> String in
                let parts = path.split(separator: "/")
                return parts.count > 2 ? parts.prefix(2).joined(separator: "/") + "/" : path
            }.sorted { $0.key < $1.key }.map {
                $0.value.count == 1 ? $0.value[0] : "\($0.value.count) files under \($0.key)"
            }
            .joined(separator: ", ")
        return clean("\(counted) from \(listed)")
    }

    static func evidenceRow(_ ref: EvidenceRef) -> [String: Any] {
        ["file": clean(ref.file), "sha256": ref.sha256, "position": position(ref)]
    }

    /// Where in its file the evidence is: `line 3, record 2, /a/b`, or `whole file`.
    static func position(_ ref: EvidenceRef) -> String {
        var position: [String] = []
        if let line = ref.line { position.append("line \(line)") }
        if let record = ref.record { position.append("record \(record)") }
        if let pointer = ref.pointer { position.append(clean(pointer)) }
        return position.isEmpty ? "whole file" : position.joined(separator: ", ")
    }
}

import Foundation
import NHIPack

/// Columns padded to their widest cell, for terminal listings; or a Markdown table for pasting.
struct PlainTable {
    var header: [String]
    var rows: [[String]]

    /// Cells have their control characters shown escaped (`TerminalText`), so that each row stays one line.
    var text: String {
        let header = header.map(TerminalText.line), rows = rows.map { $0.map(TerminalText.line) }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.indices.map { index in
                index == row.count - 1
                    ? row[index] : row[index].padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }

    var markdown: String {
        func line(_ cells: [String]) -> String {
            "| "
                + cells.map {
                    TextSanitizer.bidiVisible(TerminalText.line($0)).replacingOccurrences(of: "|", with: "\\|")
                }.joined(separator: " | ") + " |"
        }
        return ([line(header), line(header.map { _ in "---" })] + rows.map(line)).joined(separator: "\n")
    }
}

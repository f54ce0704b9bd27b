import Foundation
import NHIModel

/// One incident or change window as an inline SVG (no script, no external reference): identities
/// as rows, the window shaded, the declaration or opening marked, each call a mark coloured by its
/// authority class, with a legend and a `<title>` on everything. Every text and attribute value
/// taken from the evidence is escaped for XML.
enum AuthorityTimelineSVG {
    static let width = 760
    static let labelWidth = 230
    static let rowHeight = 18
    static let top = 34
    static let legendHeight = 30

    static let colours: [AuthorityClass: String] = [
        .delivery: "#1f6feb", .operations: "#bc4c00", .identityAdmin: "#8250df",
    ]
    static let labels: [AuthorityClass: String] = [
        .delivery: "delivery", .operations: "operations", .identityAdmin: "identity admin",
    ]

    static func svg(_ timeline: AuthorityTimeline) -> String {
        let plotLeft = labelWidth, plotWidth = width - labelWidth - 20
        let height = top + max(timeline.rows.count, 1) * rowHeight + legendHeight
        let span = max(timeline.end.timeIntervalSince(timeline.start), 1)
        func x(_ date: Date) -> Double {
            Double(plotLeft) + Double(plotWidth) * min(max(date.timeIntervalSince(timeline.start) / span, 0), 1)
        }
        let what = timeline.kind == .incident ? "Incident" : "Change"
        let callCount = timeline.rows.reduce(0) { $0 + $1.marks.count }
        var out = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"authority-timeline\" width=\"\(width)\" height=\"\(height)\" "
                + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape("\(what) \(timeline.id): \(timeline.rows.count) identities, \(callCount) calls"))\" "
                + "font-family=\"system-ui, sans-serif\" font-size=\"11\">",
            "<title>\(escape("\(what) \(timeline.id) (\(timeline.environments.joined(separator: ", "))): delivery, operations and identity-admin calls from \(time(timeline.start)) to \(time(timeline.end))"))</title>",
        ]
        let windowStart = x(timeline.windowStart), windowEnd = x(timeline.windowEnd ?? timeline.end)
        let windowLabel =
            timeline.kind == .incident
            ? "incident open \(time(timeline.windowStart)) – \(timeline.windowEnd.map(time) ?? "unresolved")"
            : "change window \(time(timeline.windowStart)) – \(timeline.windowEnd.map(time) ?? "")"
        let plotBottom = top + max(timeline.rows.count, 1) * rowHeight
        out.append(
            "<rect class=\"window\" x=\"\(format(windowStart))\" y=\"\(top - 4)\" width=\"\(format(max(windowEnd - windowStart, 1)))\" "
                + "height=\"\(plotBottom - top + 4)\" fill=\"#fff8c5\" stroke=\"#d4a72c\"><title>\(escape(windowLabel))</title></rect>"
        )
        let marker = timeline.kind == .incident ? "declared" : "window opens"
        out.append(
            "<line class=\"declared\" x1=\"\(format(windowStart))\" y1=\"\(top - 10)\" x2=\"\(format(windowStart))\" y2=\"\(plotBottom)\" "
                + "stroke=\"#82071e\" stroke-width=\"2\"><title>\(escape("\(marker) \(time(timeline.windowStart))"))</title></line>"
        )
        out.append("<text x=\"\(format(windowStart + 3))\" y=\"\(top - 12)\" fill=\"#82071e\">\(escape(marker))</text>")
        out.append("<text x=\"\(plotLeft)\" y=\"12\" fill=\"#57606a\">\(escape(time(timeline.start)))</text>")
        out.append(
            "<text x=\"\(plotLeft + plotWidth)\" y=\"12\" text-anchor=\"end\" fill=\"#57606a\">\(escape(time(timeline.end)))</text>"
        )
        for (index, row) in timeline.rows.enumerated() {
            let y = top + index * rowHeight
            let status = row.named ? "named by the record" : "not named by the record"
            out.append(
                "<text x=\"4\" y=\"\(y + 12)\"\(row.named ? "" : " fill=\"#cf222e\" font-weight=\"bold\"")>"
                    + "\(escape(shorten(row.name, 34) + (row.named ? "" : " *")))<title>\(escape("\(row.identity.rawValue) (\(status))"))</title></text>"
            )
            out.append(
                "<line x1=\"\(plotLeft)\" y1=\"\(y + 9)\" x2=\"\(plotLeft + plotWidth)\" y2=\"\(y + 9)\" stroke=\"#d0d7de\"/>"
            )
            for mark in row.marks {
                let colour = colours[mark.authorityClass] ?? "#6e7781"
                let label =
                    "\(row.name): \(mark.action) (\(labels[mark.authorityClass] ?? mark.authorityClass.rawValue)) at \(time(mark.time))"
                out.append(
                    "<rect class=\"mark \(mark.authorityClass.rawValue)\" x=\"\(format(x(mark.time) - 3))\" y=\"\(y + 3)\" width=\"6\" height=\"12\" "
                        + "fill=\"\(colour)\"><title>\(escape(label))</title></rect>")
            }
        }
        if timeline.rows.isEmpty {
            out.append(
                "<text x=\"\(plotLeft)\" y=\"\(top + 12)\" fill=\"#57606a\">no delivery, operations or identity-admin call in this span</text>"
            )
        }
        let legendY = plotBottom + 12
        var legendX = plotLeft
        for authorityClass in [AuthorityClass.delivery, .operations, .identityAdmin] {
            out.append(
                "<rect x=\"\(legendX)\" y=\"\(legendY)\" width=\"10\" height=\"10\" fill=\"\(colours[authorityClass]!)\"/>"
                    + "<text x=\"\(legendX + 14)\" y=\"\(legendY + 9)\">\(labels[authorityClass]!)</text>")
            legendX += 110
        }
        out.append(
            "<rect x=\"\(legendX)\" y=\"\(legendY)\" width=\"10\" height=\"10\" fill=\"#fff8c5\" stroke=\"#d4a72c\"/>"
                + "<text x=\"\(legendX + 14)\" y=\"\(legendY + 9)\">\(timeline.kind == .incident ? "incident open" : "change window")</text>"
        )
        out.append("<text x=\"4\" y=\"\(legendY + 9)\" fill=\"#cf222e\">* not named by the record</text>")
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    private static func time(_ date: Date) -> String { ISO8601.string(from: date) }

    private static func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String { DiffMarkup.escape(TextSanitizer.xmlSafe(text)) }
}

import Foundation
import NHIModel

/// An inline SVG of the trend (no scripts, no external references, every label escaped): satisfied
/// share per framework as lines, open findings per severity as stacked bars, one column per pack.
public struct TrendChart: Sendable {
    public var width: Int
    public var panelHeight: Int

    public init(width: Int = 720, panelHeight: Int = 200) {
        self.width = width
        self.panelHeight = panelHeight
    }

    static let frameworkColours = ["#1f6feb", "#8250df", "#bf3989", "#1a7f37", "#9a6700", "#0550ae"]
    static let severityColours: [Severity: String] = [
        .critical: "#82071e", .high: "#cf222e", .medium: "#bc4c00", .low: "#9a6700", .info: "#6e7781",
    ]

    private let left = 48, right = 180, top = 28, labelBand = 34

    public func svg(_ points: [TrendPoint]) -> String {
        let height = 2 * (panelHeight + top + labelBand)
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend-chart\" width=\"\(width)\" height=\"\(height)\" "
                + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Trend across \(points.count) pack\(points.count == 1 ? "" : "s")\" "
                + "font-family=\"system-ui, sans-serif\" font-size=\"11\">",
            "<title>Satisfied share per framework and open findings per severity across \(points.count) pack\(points.count == 1 ? "" : "s")</title>",
        ]
        svg += sharePanel(points, originY: 0)
        svg += findingsPanel(points, originY: panelHeight + top + labelBand)
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    private var plotWidth: Int { width - left - right }

    /// Centre of column `index` of `count`, so a single pack sits in the middle.
    private func x(_ index: Int, of count: Int) -> Double {
        Double(left) + Double(plotWidth) * (Double(index) + 0.5) / Double(max(count, 1))
    }

    private func sharePanel(_ points: [TrendPoint], originY: Int) -> [String] {
        let base = originY + top
        var svg = ["<text x=\"\(left)\" y=\"\(originY + 16)\" font-weight=\"600\">Satisfied share per framework</text>"]
        svg += axis(base: base, ticks: [0, 50, 100].map { ($0, "\($0)%") }, maximum: 100)
        let frameworks = Set(points.flatMap(\.satisfiedShare.keys)).sorted()
        for (index, framework) in frameworks.enumerated() {
            let colour = Self.frameworkColours[index % Self.frameworkColours.count]
            let coordinates = points.enumerated().compactMap { column, point -> (Double, Double, Double)? in
                guard let share = point.satisfiedShare[framework] else { return nil }
                return (x(column, of: points.count), Double(base) + Double(panelHeight) * (1 - share), share)
            }
            if coordinates.count > 1 {
                let path = coordinates.map { "\(format($0.0)),\(format($0.1))" }.joined(separator: " ")
                svg.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>")
            }
            for (cx, cy, share) in coordinates {
                svg.append(
                    "<circle cx=\"\(format(cx))\" cy=\"\(format(cy))\" r=\"3\" fill=\"\(colour)\"><title>\(escape(framework)): \(String(format: "%.1f", share * 100))%</title></circle>"
                )
            }
            svg.append(legend(index: index, base: base, colour: colour, label: framework))
        }
        return svg + columnLabels(points, base: base)
    }

    private func findingsPanel(_ points: [TrendPoint], originY: Int) -> [String] {
        let base = originY + top
        let severities = Severity.allCases.reversed().map(\.rawValue)
        let totals = points.map { point in severities.reduce(0) { $0 + (point.openFindings[$1] ?? 0) } }
        let maximum = Self.niceCeiling(Double(totals.max() ?? 0) * 1.08)
        var svg = ["<text x=\"\(left)\" y=\"\(originY + 16)\" font-weight=\"600\">Open findings per severity</text>"]
        let ticks = (maximum % 2 == 0 ? [0, maximum / 2, maximum] : [0, maximum]).map { ($0, "\($0)") }
        svg += axis(base: base, ticks: ticks, maximum: maximum)
        let barWidth = min(40.0, Double(plotWidth) / Double(max(points.count, 1)) * 0.6)
        for (column, point) in points.enumerated() {
            var stackTop = Double(base + panelHeight)
            for severity in severities.reversed() {
                let count = point.openFindings[severity] ?? 0
                guard count > 0 else { continue }
                let height = Double(panelHeight) * Double(count) / Double(maximum)
                stackTop -= height
                svg.append(
                    "<rect x=\"\(format(x(column, of: points.count) - barWidth / 2))\" y=\"\(format(stackTop))\" width=\"\(format(barWidth))\" "
                        + "height=\"\(format(height))\" fill=\"\(Self.severityColours[Severity(rawValue: severity) ?? .info] ?? "#6e7781")\">"
                        + "<title>\(escape(point.label)): \(count) \(escape(severity))</title></rect>")
            }
            svg.append(
                "<text x=\"\(format(x(column, of: points.count)))\" y=\"\(format(stackTop - 4))\" text-anchor=\"middle\">\(totals[column])</text>"
            )
        }
        for (index, severity) in severities.enumerated() {
            svg.append(
                legend(
                    index: index, base: base,
                    colour: Self.severityColours[Severity(rawValue: severity) ?? .info] ?? "#6e7781", label: severity))
        }
        return svg + columnLabels(points, base: base)
    }

    /// The smallest 1, 2 or 5 × 10ⁿ at or above `value`, so the scale has round ticks and the
    /// tallest bar's total label stays clear of the panel title.
    static func niceCeiling(_ value: Double) -> Int {
        var magnitude = 1
        while true {
            for step in [1, 2, 5] where Double(step * magnitude) >= value { return step * magnitude }
            magnitude *= 10
        }
    }

    private func axis(base: Int, ticks: [(Int, String)], maximum: Int) -> [String] {
        var svg = [
            "<line x1=\"\(left)\" y1=\"\(base + panelHeight)\" x2=\"\(left + plotWidth)\" y2=\"\(base + panelHeight)\" stroke=\"#8c959f\"/>"
        ]
        for (value, label) in ticks {
            let y = Double(base) + Double(panelHeight) * (1 - Double(value) / Double(maximum))
            svg.append(
                "<line x1=\"\(left)\" y1=\"\(format(y))\" x2=\"\(left + plotWidth)\" y2=\"\(format(y))\" stroke=\"#d0d7de\" stroke-dasharray=\"3 3\"/>"
            )
            svg.append("<text x=\"\(left - 6)\" y=\"\(format(y + 4))\" text-anchor=\"end\">\(label)</text>")
        }
        return svg
    }

    private func legend(index: Int, base: Int, colour: String, label: String) -> String {
        let y = base + index * 16
        return "<rect x=\"\(width - right + 12)\" y=\"\(y)\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            + "<text x=\"\(width - right + 28)\" y=\"\(y + 9)\">\(escape(shorten(label, 24)))</text>"
    }

    private func columnLabels(_ points: [TrendPoint], base: Int) -> [String] {
        points.enumerated().map { column, point in
            "<text x=\"\(format(x(column, of: points.count)))\" y=\"\(base + panelHeight + 16)\" text-anchor=\"middle\">"
                + "\(escape(shorten(point.label, 18)))<title>\(escape(point.label)), \(ISO8601.string(from: point.generatedAt))</title></text>"
        }
    }

    private func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }

    private func escape(_ text: String) -> String { DiffMarkup.escape(text) }
}

import Foundation
import NHIModel

/// The inline SVG bar of a framework's control statuses: segment geometry is computed here, the
/// markup lives in the template. Numbers are formatted with one decimal so output is stable.
enum StatusBar {
    static let width = 600.0

    static func segments(_ framework: FrameworkAssessment) -> [[String: Any]] {
        let total = framework.controls.count
        guard total > 0 else { return [] }
        var x = 0.0
        var segments: [[String: Any]] = []
        for status in ControlStatus.allCases {
            let count = framework.count(status)
            guard count > 0 else { continue }
            let segmentWidth = width * Double(count) / Double(total)
            segments.append([
                "x": format(x), "width": format(segmentWidth), "status": status.rawValue,
                "label": ReportText.statusLabel(status), "count": count,
            ])
            x += segmentWidth
        }
        return segments
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

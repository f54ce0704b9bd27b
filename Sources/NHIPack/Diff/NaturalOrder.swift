import Foundation

/// Orders identifiers the way people read them (NHI2 before NHI10, AC-2 before AC-10),
/// independent of locale so output stays byte-identical.
enum NaturalOrder {
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        switch lhs.compare(rhs, options: [.numeric]) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return lhs < rhs
        }
    }
}

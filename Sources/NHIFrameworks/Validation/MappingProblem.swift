import Foundation
import Yams

/// One problem in the mappings folder, printed as `file:line:column: message` (column only for YAML syntax errors).
struct MappingProblem: Comparable, CustomStringConvertible {
    var file: String
    var line: Int?
    var column: Int?
    var message: String

    var description: String {
        let position = [line, column].compactMap { $0.map(String.init) }.joined(separator: ":")
        return position.isEmpty ? "\(file): \(message)" : "\(file):\(position): \(message)"
    }

    static func < (lhs: MappingProblem, rhs: MappingProblem) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.column ?? 0, lhs.message) < (
            rhs.file, rhs.line ?? 0, rhs.column ?? 0, rhs.message
        )
    }
}

/// Collects problems while loading, so that every problem is reported rather than the first.
final class ProblemLog {
    private(set) var problems: [MappingProblem] = []

    func add(_ file: String, _ mark: Mark?, _ message: String) {
        problems.append(MappingProblem(file: file, line: mark?.line, message: message))
    }

    func add(_ problem: MappingProblem) { problems.append(problem) }
}
